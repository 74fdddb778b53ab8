/** Reading JSON config values as the Pulumi engine passes lists and maps. Pure. */

/** The value of JSON text, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True for a plain object (a JSON map), false for null, lists and scalars. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`trust.github.repository`) of nested maps, or undefined where a step is missing. */
export function valueAt(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (current, step) =>
        typeof current === "object" && current !== null
          ? (current as Readonly<Record<string, unknown>>)[step]
          : undefined,
      value,
    );
}
