/**
 * The `@default` texts of argument interfaces, read from the source as editors show them, and
 * the check that each literal one is what the defaults function applies.
 */
import * as assert from "node:assert/strict";
import { valueAt } from "../../config/json";
import { typeScriptMembers } from "./typeScriptMembers";

/**
 * Each documented field's `@default` text, by dotted field.
 * @param file the source, relative to the repository
 * @param prefixes the interfaces to read, each with the prefix of its fields (`console.`)
 */
export function documentedDefaults(
  file: string,
  prefixes: Readonly<Record<string, string>>,
): Map<string, string> {
  return new Map(
    Object.entries(prefixes).flatMap(([declaration, prefix]) =>
      typeScriptMembers(file, declaration).flatMap(({ name, documentedDefault }) =>
        documentedDefault === undefined ? [] : [[`${prefix}${name}`, documentedDefault] as const],
      ),
    ),
  );
}

/** Fails unless each literal `@default` (not `- words`) equals the applied value at its field. */
export function assertLiteralDefaultsApplied(
  documented: ReadonlyMap<string, string>,
  applied: unknown,
): void {
  for (const [field, text] of documented) {
    if (text.startsWith("-")) {
      continue;
    }
    assert.deepEqual(JSON.parse(text), valueAt(applied, field), `${field}: @default ${text}`);
  }
}
