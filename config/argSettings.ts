/**
 * A component's settings table: each row a config key (keyTable.ts) and the argument field it
 * sets, so that the component's argument types and their doc comments (`npm run generate`), the
 * defaults it applies and the rules it checks all come from that one row. The tables of
 * `BucketAccessUser` (userSettings.ts) and `BucketAccessRole` (roleSettings.ts) are of these.
 * Pure.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ArgsProblem, brokenRules, FieldRules } from "./argsProblems";
import { valueAt } from "./json";
import { KeySpec, Values, ValueType, withTableDefaults } from "./keyTable";

/** Where a setting may be set: also per identity under `identities.<name>`, or once per stack. */
export type SettingLevel = "identity" | "stack";

/**
 * One setting: a config key and the argument field it sets. A derived default's value comes
 * from the settings by key and the stack; one without a value leaves the setting unset (no
 * boundary, no KMS grant), or to the stack config (the bucket, the IAM name).
 */
export interface ArgSetting<T extends ValueType = ValueType> extends KeySpec<T> {
  /** The argument field it sets, dotted where nested: `access`, `console.passwordLength`, … */
  readonly field: string;
  /** `identity`: also settable per identity under `identities.<name>`; `stack`: once per stack. */
  readonly level: SettingLevel;
  /** The argument's TypeScript type where the value type's own is not it. */
  readonly argType?: string;
  /** The type of the argument once its defaults are applied, where it is not `argType`. */
  readonly resolvedType?: string;
  /** The component requires the argument; the stack config fills it from its default. */
  readonly requiredArg?: boolean;
}

/** A component's settings by config key. */
export type ArgSettings = Readonly<Record<string, ArgSetting>>;

/** A row, typed by its value type so that its default and rules see typed values. */
export function setting<
  T extends ValueType,
  const F extends string,
  const L extends SettingLevel = "identity",
>(
  spec: Omit<ArgSetting<T>, "field" | "level"> & { readonly field: F; readonly level?: L },
): ArgSetting<T> & { readonly field: F; readonly level: L } {
  return { ...spec, level: spec.level ?? ("identity" as L) };
}

/** Sets a dotted argument field on arguments or settings being built. */
export function setField(args: Record<string, unknown>, field: string, value: unknown): void {
  const [head, tail] = field.split(".");
  const nested = args[head];
  args[head] =
    tail === undefined
      ? value
      : { ...(typeof nested === "object" && nested !== null ? nested : {}), [tail]: value };
}

/**
 * The arguments other than the bucket with the defaults a table declares applied, by the one
 * function every config table's defaults are applied with: literal defaults first, then those
 * derived from them or from the context.
 * @param context what derived defaults read besides the settings: the stack, say
 */
export function withArgDefaults(
  table: ArgSettings,
  args: object,
  context: unknown,
): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const [key, { field }] of Object.entries(table)) {
    given[key] = valueAt(args, field);
  }
  // The arguments' types are generated from the table, so each value is of its row's type.
  const values: Readonly<Record<string, unknown>> = withTableDefaults(
    table,
    given as Values<ArgSettings>,
    context,
  );
  const settings: Record<string, unknown> = {};
  for (const [key, { field }] of Object.entries(table)) {
    if (field !== "bucket") {
      setField(settings, field, values[key]);
    }
  }
  return settings;
}

/** Each argument field's rules, as a table's rows state them, in the table's order. */
export function argRules(table: ArgSettings): Readonly<Record<string, FieldRules<unknown>>> {
  return Object.fromEntries(
    Object.values(table).map(
      // Each row's rules take values of its own type, as the arguments' types declare them.
      (spec): [string, FieldRules<unknown>] => [spec.field, spec as FieldRules<unknown>],
    ),
  );
}

/**
 * Every broken rule of resolved settings, field by field in the rules' order: a field left
 * unset breaks none, and a bucket that is an output (created in the same program) is checked
 * where it is created.
 * @param rules each dotted argument field's rules
 */
export function settingsProblems(
  rules: Readonly<Record<string, FieldRules<never>>>,
  settings: object,
  bucket: pulumi.Input<string> | undefined,
): ArgsProblem[] {
  const resolved = { ...settings, bucket };
  return Object.entries(rules).flatMap(([field, fieldRules]) => {
    const value = valueAt(resolved, field);
    return value === undefined || (field === "bucket" && typeof value !== "string")
      ? []
      : brokenRules(fieldRules as FieldRules<unknown>, value).map((broken) => ({
          field,
          ...broken,
        }));
  });
}
