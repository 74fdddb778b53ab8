/**
 * How every input problem of the project is found and told: a rule says what is allowed, and a
 * problem names the input (a component argument or a config key), the value and that rule, in
 * one shape: `<label>: got <JSON value>; expected <rule>`. Pure.
 */

/** A rule: the text of what is allowed, or undefined when the value keeps it. */
export type Rule<T> = (value: T) => string | undefined;

/**
 * What one field's values must keep: the value as a whole, each item of a list, and each key
 * and value of a map.
 */
export interface FieldRules<T> {
  readonly rule?: Rule<T>;
  readonly itemRule?: Rule<string>;
  /** For a map: what each key must keep; a bad key is the value its problem names. */
  readonly keyRule?: Rule<string>;
  /** For a map: what each value must keep; its problem is named under its key. */
  readonly entryRule?: Rule<unknown>;
}

/**
 * Where a map's entry sits under its field, as `pulumi config set --path` writes it: `.team`, or
 * `["aws:owner"]` for a key that is no plain name.
 */
export function entryPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A rule a value breaks: the value it is about, where it sits under the field, the rule. */
export interface BrokenRule {
  /** The path of a map's entry under the field (`.team`); undefined for the field itself. */
  readonly at?: string;
  readonly value: unknown;
  readonly expected: string;
}

/**
 * Every rule a value breaks, each with the value it is about: each bad item of a list or entry
 * of a map first, then the value as a whole. Config keys and component arguments are checked by
 * this one way.
 */
export function brokenRules<T>(rules: FieldRules<T> | undefined, value: T): BrokenRule[] {
  const items: unknown[] = Array.isArray(value) ? value : [];
  const entries =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.entries(value)
      : [];
  const whole = rules?.rule?.(value);
  return [
    ...items.flatMap((item) => {
      const expected = typeof item === "string" ? rules?.itemRule?.(item) : undefined;
      return expected === undefined ? [] : [{ value: item, expected }];
    }),
    ...entries.flatMap(([key, entry]): BrokenRule[] => {
      const badKey = rules?.keyRule?.(key);
      if (badKey !== undefined) {
        return [{ value: key, expected: badKey }];
      }
      const expected = rules?.entryRule?.(entry);
      return expected === undefined ? [] : [{ at: entryPath(key), value: entry, expected }];
    }),
    ...(whole === undefined ? [] : [{ value, expected: whole }]),
  ];
}

/** One broken rule: the dotted field of the arguments, the value given and what is allowed. */
export interface ArgsProblem extends BrokenRule {
  readonly field: string;
}

/** How every input error reads: `<label>: got <JSON value>; expected <rule>`. */
export function describeProblem(label: string, value: unknown, expected: string): string {
  return `${label}: got ${JSON.stringify(value) ?? "nothing"}; expected ${expected}`;
}

/**
 * Throws one error listing every problem of a component's arguments, labelled `args.<field>`;
 * returns when there are none. Components call it before registering themselves.
 */
export function throwOnArgsProblems(component: string, problems: readonly ArgsProblem[]): void {
  if (problems.length > 0) {
    throw new Error(
      `invalid ${component}:\n` +
        problems
          .map((problem) =>
            describeProblem(
              `args.${problem.field}${problem.at ?? ""}`,
              problem.value,
              problem.expected,
            ),
          )
          .join("\n"),
    );
  }
}

/** A count of one or more: a key generation, a number of days. */
export const checkWholeNumberOfOneOrMore: Rule<number> = (value) =>
  Number.isSafeInteger(value) && value >= 1 ? undefined : "a whole number of 1 or more";

/** The first item a list holds more than once, for the rules that want each item once. */
export function repeatedItem<T>(items: readonly T[]): T | undefined {
  return items.find((item, i) => items.indexOf(item) !== i);
}
