/**
 * Resource properties as plain data, with a marker for the values the engine does not know yet
 * (during preview, those computed from other resources). Pure.
 */

/** Stands for a value the engine does not know yet: in a preview, one computed from elsewhere. */
export const UNKNOWN: unique symbol = Symbol("unknown until the update");
/** The type of `UNKNOWN`. */
export type Unknown = typeof UNKNOWN;

/** A property value as plain data, with `UNKNOWN` where the engine has no value yet. */
export type Value =
  | string
  | number
  | boolean
  | null
  | undefined
  | Unknown
  | readonly Value[]
  | { readonly [key: string]: Value };

/** A resource's properties as plain data. */
export type Props = { readonly [key: string]: Value };

/** The value at a path of fields and indexes; `UNKNOWN` when a step on the way is unknown. */
export function at(value: Value, ...path: ReadonlyArray<string | number>): Value {
  let current = value;
  for (const step of path) {
    if (current === UNKNOWN) {
      return UNKNOWN;
    }
    if (typeof current !== "object" || current === null) {
      return undefined;
    }
    current = (current as Readonly<Record<string | number, Value>>)[step];
  }
  return current;
}

/**
 * A list value's items: a single value as a list of one, an unknown list as one unknown item
 * (it holds something, not known yet), an absent value as none.
 */
export function itemsOf(value: Value): readonly Value[] {
  if (value === undefined || value === null) {
    return [];
  }
  return isList(value) ? value : [value];
}

function isList(value: Value): value is readonly Value[] {
  return Array.isArray(value);
}

/** A value as a message shows it: lists and maps as JSON, an unknown one as unknown. */
export function textOf(value: Value): string {
  if (value === UNKNOWN) {
    return "unknown until the update";
  }
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/** Whether a value, or any value inside it, is unknown. */
export function hasUnknown(value: Value): boolean {
  if (value === UNKNOWN) {
    return true;
  }
  return typeof value === "object" && value !== null && Object.values(value).some(hasUnknown);
}
