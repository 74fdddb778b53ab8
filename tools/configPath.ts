/**
 * Config keys written as paths, `prefixes[0]` or `tags.team`, set the way
 * `pulumi config set --path` sets them: into the key's current value, creating maps and lists on
 * the way, a list growing by one item at a time, and `true`, `false` and whole numbers taken as
 * what they spell. Pure.
 * @see https://www.pulumi.com/docs/iac/cli/commands/pulumi_config_set/
 */
import { isRecord } from "../config/json";

/** A key and the path under it: `tags.team` is `tags` then `["team"]`; `[0]` is a list item. */
export interface ConfigPath {
  /** The key itself, with its namespace when it has one (`aws:defaultTags`). */
  readonly key: string;
  readonly path: readonly (string | number)[];
}

/** A segment of a path: a name, a list index `[0]`, or a quoted name `["a.b"]`. */
const SEGMENT = /^(?:\.?([^.[\]"]+)|\[(\d+)\]|\["((?:\\"|[^"])*)"\])/;

/**
 * Splits a config key into the key and the path under it, as Pulumi parses a property path.
 * @throws Error naming the key when it is no path
 */
export function parseConfigPath(text: string): ConfigPath {
  const colon = /^[^.[\]"]*:/.exec(text)?.[0] ?? "";
  const segments: (string | number)[] = [];
  let rest = text.slice(colon.length);
  while (rest !== "") {
    const match = SEGMENT.exec(rest);
    if (match === null) {
      throw new Error(
        `config key ${text}: not a path like tags.team, prefixes[0] or tags["a.b"] at ${rest}`,
      );
    }
    const [whole, name, index, quoted] = match;
    segments.push(index !== undefined ? Number(index) : (name ?? quoted.replaceAll('\\"', '"')));
    rest = rest.slice(whole.length);
  }
  const [first, ...path] = segments;
  if (typeof first !== "string") {
    throw new Error(`config key ${text}: a path starts with a key's name`);
  }
  return { key: `${colon}${first}`, path };
}

/** A value given for a path, as the CLI stores it: booleans and whole numbers are no text. */
function pathValue(text: string): string | boolean | number {
  if (text === "true" || text === "false") {
    return text === "true";
  }
  // "0123" stays text, as the CLI keeps leading zeros.
  return /^-?(0|[1-9]\d*)$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

/**
 * The key's new value once a path under it is set: a copy of the current value (text counts as
 * none, as the CLI overwrites it) with the value set at the path.
 * @throws Error naming the key when the path runs through a value of another kind, or past the
 *   end of a list
 */
export function setAtPath(current: unknown, { key, path }: ConfigPath, text: string): unknown {
  const set = (value: unknown, at: number): unknown => {
    if (at === path.length) {
      return pathValue(text);
    }
    const segment = path[at];
    if (typeof segment === "number") {
      const list: unknown = value === undefined || value === null ? [] : value;
      if (!Array.isArray(list)) {
        throw new Error(`config key ${key}: a list was expected for index ${segment}`);
      }
      if (segment > list.length) {
        throw new Error(
          `config key ${key}: index ${segment} is past the end of a list of ${list.length}; ` +
            "set the items in order, from [0]",
        );
      }
      const items: readonly unknown[] = list;
      return [...items.slice(0, segment), set(items[segment], at + 1), ...items.slice(segment + 1)];
    }
    const map = value === undefined || value === null ? {} : value;
    if (!isRecord(map)) {
      throw new Error(`config key ${key}: a map was expected for ${segment}`);
    }
    return { ...map, [segment]: set(map[segment], at + 1) };
  };
  return set(typeof current === "string" ? undefined : current, 0);
}
