/**
 * The machinery every config of the project is read with. A table states each key once: its
 * type, its default, what it means and the rule its values keep. From it come the reading of the
 * text the Pulumi engine passes, the typed values, the docs, and problems that name the key as
 * the user wrote it, the value and the rule, together with the key or namespace a misspelt one
 * was meant to be. Pure.
 */
import { brokenRules, describeProblem, entryPath, Rule } from "./argsProblems";
import { isRecord, parseJson } from "./json";
import { closestName } from "./suggest";

/**
 * How a value is written in a stack file; a list of words is a closed set of text values. A
 * `map` is a map of any values (nested maps, lists), which its key's rule reads further.
 */
export type ValueType =
  "string" | "boolean" | "integer" | "string-list" | "string-map" | "map" | readonly string[];

/** The type a value of a declared type is read as. */
export type ValueOf<T extends ValueType> = T extends "string"
  ? string
  : T extends "boolean"
    ? boolean
    : T extends "integer"
      ? number
      : T extends "string-list"
        ? string[]
        : T extends "string-map"
          ? Readonly<Record<string, string>>
          : T extends "map"
            ? Readonly<Record<string, unknown>>
            : T extends readonly (infer W)[]
              ? W
              : never;

/** A default that is no literal value: derived from other values, or none. In words. */
export interface DerivedDefault {
  readonly derived: string;
  /**
   * The default's value, from the table's values with their literal defaults applied and the
   * reading's context (the stack, say). Absent: the key stays unset, or is required.
   */
  readonly from?: (values: never, context: never) => unknown;
}

/** One key of a config table. */
export interface KeySpec<T extends ValueType = ValueType> {
  readonly type: T;
  /** What the key means; it becomes the key's description in `Pulumi.yaml` and the docs. */
  readonly description: string;
  /** The value when the key is not set. */
  readonly default: ValueOf<T> | DerivedDefault;
  /** A key the config must set: an error names it when it is missing. */
  readonly required?: boolean;
  /** What a value must keep beyond its type. */
  rule?(value: ValueOf<T>): string | undefined;
  /** For a list: what each item must keep, each bad item reported on its own. */
  itemRule?(item: string): string | undefined;
  /** For a map: what each key must keep, each bad key reported on its own. */
  keyRule?(key: string): string | undefined;
  /** For a map: what each value must keep, each bad value reported under its key. */
  entryRule?(value: unknown): string | undefined;
}

/**
 * A table row, typed by its value type (so its rules see typed values) and keeping its
 * default's own type and whether it is required (so readers can fall back to it).
 */
export function keySpec<
  T extends ValueType,
  D extends ValueOf<T> | DerivedDefault,
  R extends boolean = false,
>(
  spec: KeySpec<T> & { readonly default: D; readonly required?: R },
): KeySpec<T> & { readonly default: D; readonly required: R } {
  return { required: false as R, ...spec };
}

/** A config's keys by name. */
export type KeyTable = Readonly<Record<string, KeySpec>>;

/** The values read for a table's keys: those that were set and valid. */
export type Values<T extends KeyTable> = { -readonly [K in keyof T]?: ValueOf<T[K]["type"]> };

/**
 * A table's values with every default applied: each key has a value but those whose default
 * is derived without one (no boundary, no KMS grant). A required key has its value once the
 * reading found no problem, which is when its reader returns anything.
 */
export type Defaulted<T extends KeyTable> = {
  -readonly [K in keyof T]: T[K]["required"] extends true
    ? ValueOf<T[K]["type"]>
    : T[K]["default"] extends { readonly derived: string }
      ? T[K]["default"] extends { readonly from: unknown }
        ? ValueOf<T[K]["type"]>
        : ValueOf<T[K]["type"]> | undefined
      : ValueOf<T[K]["type"]>;
};

/**
 * Applies a table's defaults to the values read: literal ones first, then those derived from
 * them and from the context. The one place any config's fallback values are written.
 */
export function withTableDefaults<T extends KeyTable>(
  table: T,
  values: Values<T>,
  context: unknown,
): Defaulted<T> {
  const given: Readonly<Record<string, unknown>> = values;
  const result: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) {
    result[key] = given[key] ?? (isLiteralDefault(spec.default) ? spec.default : undefined);
  }
  for (const [key, spec] of Object.entries(table)) {
    if (result[key] === undefined && !isLiteralDefault(spec.default)) {
      result[key] = spec.default.from?.(result as never, context as never);
    }
  }
  return result as Defaulted<T>;
}

/** Problems gathered while reading, each already worded. */
export type Problems = string[];

/** Whether a default is a literal value rather than words for a derived one. */
export function isLiteralDefault<T extends ValueType>(
  value: ValueOf<T> | DerivedDefault,
): value is ValueOf<T> {
  return !(isRecord(value) && typeof value.derived === "string");
}

/** A config problem as every one reads: `config key <key>: got <value>; expected <rule>`. */
export function configProblem(key: string, value: unknown, expected: string): string {
  return describeProblem(`config key ${key}`, value, expected);
}

/** The words for what a type accepts. */
export function typeRule(type: ValueType): string {
  if (typeof type !== "string") {
    return `one of ${type.join(", ")}`;
  }
  switch (type) {
    case "string":
      return "text";
    case "boolean":
      return "true or false";
    case "integer":
      return "a whole number";
    case "string-list":
      return "a list of text values";
    case "string-map":
      return "a map of text keys to text values";
    case "map":
      return "a map";
  }
}

/**
 * A value as the engine passes it (text; lists and maps as JSON) turned into what it stands for,
 * so that the type check sees a list given for a text key as the list it is.
 */
export function fromText(type: ValueType, text: string): unknown {
  const json = /^\s*[[{]/.test(text) || text === "null" ? parseJson(text) : undefined;
  if (type === "boolean") {
    return text === "true" ? true : text === "false" ? false : (json ?? text);
  }
  if (type === "integer") {
    return /^-?\d+$/.test(text) ? Number(text) : (json ?? text);
  }
  if (type === "string-list" || type === "string-map" || type === "map") {
    const parsed = parseJson(text);
    return parsed === undefined ? text : parsed;
  }
  return json === undefined ? text : json;
}

/** Whether a value is of a type. */
export function hasType(type: ValueType, value: unknown): boolean {
  if (typeof type !== "string") {
    return typeof value === "string" && type.includes(value);
  }
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isSafeInteger(value);
    case "string-list":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "string-map":
      return isRecord(value) && Object.values(value).every((item) => typeof item === "string");
    case "map":
      return isRecord(value);
  }
}

/**
 * How to write a list or map for a key given text instead: as JSON, or one item at a time as
 * `pulumi config set --path` takes it (the top-level value is always text to the CLI).
 */
function textForCollection(type: ValueType, key: string, text: string): string {
  if (type === "string-list") {
    const items = text.split(",").map((item) => item.trim());
    return (
      `, in JSON: ${JSON.stringify(items)} (or item by item: ` +
      `pulumi config set --path '${key}[0]' ${items[0]})`
    );
  }
  if (type === "string-map") {
    return `, in JSON: {"<name>":"<value>"} (or one by one: pulumi config set --path '${key}.<name>' <value>)`;
  }
  return type === "map"
    ? `, in YAML under the key or one by one: pulumi config set --path '${key}.<name>' <value>`
    : "";
}

/**
 * A map's values that are not text, each named under its key: YAML and `pulumi config set
 * --path` read a bare number or boolean as one, which a text value must quote.
 */
function entryTypeProblems(key: string, map: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(map)
    .filter(([, value]) => typeof value !== "string")
    .map(([name, value]) =>
      configProblem(
        `${key}${entryPath(name)}`,
        value,
        typeof value === "number" || typeof value === "boolean"
          ? `text, so quote it: ${JSON.stringify(String(value))} (YAML and pulumi config set ` +
              `--path read a bare ${String(value)} as a ${typeof value}; the CLI's --type string ` +
              "keeps it text)"
          : "text",
      ),
    );
}

/** Every problem of one value: its type, then each item's or entry's rule, then the whole's. */
function valueProblems(spec: KeySpec, key: string, value: unknown): string[] {
  if (!hasType(spec.type, value)) {
    if (spec.type === "string-map" && isRecord(value)) {
      return entryTypeProblems(key, value);
    }
    const hint = typeof value === "string" ? textForCollection(spec.type, key, value) : "";
    return [configProblem(key, value, `${typeRule(spec.type)}${hint}`)];
  }
  return brokenRules(spec, value as ValueOf<ValueType>).map((broken) =>
    configProblem(`${key}${broken.at ?? ""}`, broken.value, broken.expected),
  );
}

/** The rule for a key no table has: the key meant, when one is close, or every known key. */
export function unknownKeyRule(key: string, known: readonly string[], of: string): string {
  const meant = closestName(key, known);
  return meant === undefined
    ? `a key of ${of}: ${known.join(", ")}`
    : `a key of ${of}: did you mean ${meant}?`;
}

/** How the keys of one table are read and told. */
export interface Reading {
  /** How a key is named to the user (`tags`, `identities.reports.tags`, …). */
  readonly label: (key: string) => string;
  /** What the keys are keys of, for the unknown-key problem ("this project", "an identity"). */
  readonly of: string;
  /** Keys read elsewhere that a misspelt key may have meant. */
  readonly otherKeys?: readonly string[];
  /** Keys not read here (taken by earlier versions, or set elsewhere) → what to do instead. */
  readonly redirects?: Readonly<Record<string, string>>;
}

/**
 * Reads values against a table: each known key by its type and rules, each unknown key and each
 * missing required key a problem. Only valid values are kept; an empty text for a text key means
 * unset, which is how `Pulumi.yaml` declares optional text keys.
 * @param entries key → value, already read from text where the engine passed text
 */
export function readValues<T extends KeyTable>(
  table: T,
  entries: Readonly<Record<string, unknown>>,
  reading: Reading,
  problems: Problems,
): Values<T> {
  const { label, of, otherKeys = [], redirects = {} } = reading;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) {
    const spec: KeySpec | undefined = Object.hasOwn(table, key) ? table[key] : undefined;
    if (spec === undefined) {
      const known = [...Object.keys(table), ...otherKeys];
      const rule = Object.hasOwn(redirects, key)
        ? `no such key: ${redirects[key]}`
        : unknownKeyRule(key, known, of);
      problems.push(configProblem(label(key), value, rule));
    } else if (!(value === "" && spec.type === "string")) {
      const found = valueProblems(spec, label(key), value);
      problems.push(...found);
      if (found.length === 0) {
        values[key] = value;
      }
    }
  }
  for (const [key, spec] of Object.entries(table)) {
    const given = entries[key];
    if (spec.required && values[key] === undefined && (given === undefined || given === "")) {
      problems.push(
        configProblem(label(key), null, `a value, as it is required: ${spec.description}`),
      );
    }
  }
  return values as Values<T>;
}

/** The text values of a config, each read by its key's type (an unknown key's as text). */
export function fromTexts(
  table: KeyTable,
  texts: Readonly<Record<string, string>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(texts).map(([key, text]) => [
      key,
      fromText(Object.hasOwn(table, key) ? table[key].type : "string", text),
    ]),
  );
}

/**
 * Reads a map of named entries (identities, environments): each name by its rule, each entry's
 * values against the entry table, labelled `<key>.<name>.<entry key>`.
 * @returns the entries by name, or undefined when the map itself is not one
 */
export function readEntries<T extends KeyTable>(
  table: T,
  key: string,
  value: unknown,
  names: Rule<string>,
  of: string,
  problems: Problems,
  redirects: Readonly<Record<string, string>> = {},
): Record<string, Values<T>> | undefined {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problems.push(
      configProblem(key, value, `a map of ${of} names to their settings, with one at least`),
    );
    return undefined;
  }
  const entries: Record<string, Values<T>> = {};
  for (const [name, entry] of Object.entries(value)) {
    const nameRule = names(name);
    if (nameRule !== undefined) {
      problems.push(configProblem(key, name, nameRule));
    } else if (!isRecord(entry)) {
      problems.push(configProblem(`${key}.${name}`, entry, `a map of that ${of}'s settings`));
    } else {
      const label = (field: string) => `${key}.${name}.${field}`;
      entries[name] = readValues(table, entry, { label, of: `an ${of}`, redirects }, problems);
    }
  }
  return entries;
}

/**
 * The entries of a project's own namespace from the engine's whole config (`<namespace>:<key>`
 * → text). Other namespaces (`aws:`, …) are the providers' and are left alone, but one close to
 * the project's is a misspelling whose keys would be ignored: that is a problem.
 */
export function projectEntries(
  config: Readonly<Record<string, string>>,
  project: string,
  problems: Problems,
): Record<string, string> {
  const own: Record<string, string> = {};
  for (const [name, text] of Object.entries(config)) {
    const colon = name.indexOf(":");
    const [namespace, key] = [name.slice(0, colon), name.slice(colon + 1)];
    if (namespace === project) {
      own[key] = text;
    } else if (closestName(namespace, [project]) !== undefined) {
      problems.push(
        configProblem(
          name,
          text,
          `a key of the namespace ${project}: did you mean ${project}:${key}?`,
        ),
      );
    }
  }
  return own;
}

/** A config's shape: a table of keys, and one key holding a map of named entries. */
export interface ConfigShape<T extends KeyTable, E extends KeyTable> {
  readonly keys: T;
  /** What the keys are keys of, for the unknown-key problem ("this project"). */
  readonly of: string;
  readonly redirects?: Readonly<Record<string, string>>;
  /** The map of named entries (identities, environments). */
  readonly entries: {
    readonly key: string;
    readonly description: string;
    /** Each entry's keys. */
    readonly table: E;
    /** What an entry's name must be. */
    readonly names: Rule<string>;
    /** What an entry is ("identity"), for problems. */
    readonly of: string;
    /** A config must hold the map. */
    readonly required?: boolean;
    readonly redirects?: Readonly<Record<string, string>>;
  };
}

/**
 * Reads a project's config by its shape in one pass: its namespace's keys by their table, the
 * map of entries by the entry table, every problem gathered.
 * @param config the engine's whole config: `<namespace>:<key>` → text, lists and maps as JSON
 * @returns the valid values, and the entries by name (undefined when the map is not set or not
 *   one)
 */
export function readConfig<T extends KeyTable, E extends KeyTable>(
  config: Readonly<Record<string, string>>,
  project: string,
  shape: ConfigShape<T, E>,
  problems: Problems,
): { readonly values: Values<T>; readonly entries?: Record<string, Values<E>> } {
  const { [shape.entries.key]: entriesText, ...texts } = projectEntries(config, project, problems);
  const values = readValues(
    shape.keys,
    fromTexts(shape.keys, texts),
    {
      label: (key) => key,
      of: shape.of,
      otherKeys: [shape.entries.key],
      redirects: shape.redirects,
    },
    problems,
  );
  if (entriesText === undefined) {
    if (shape.entries.required) {
      problems.push(
        configProblem(
          shape.entries.key,
          null,
          `a value, as it is required: ${shape.entries.description}`,
        ),
      );
    }
    return { values };
  }
  const entries = readEntries(
    shape.entries.table,
    shape.entries.key,
    fromText("string-map", entriesText),
    shape.entries.names,
    shape.entries.of,
    problems,
    shape.entries.redirects,
  );
  return { values, entries };
}
