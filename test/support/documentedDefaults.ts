/**
 * The `@default` texts of argument interfaces, read from the source as editors show them, and
 * the check that each literal one is what the defaults function applies.
 */
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as ts from "typescript";
import { valueAt } from "../../config/json";

/**
 * Each documented field's `@default` text, by dotted field.
 * @param prefixes the interfaces to read, each with the prefix of its fields (`console.`)
 */
export function documentedDefaults(
  file: string,
  prefixes: Readonly<Record<string, string>>,
): Map<string, string> {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.ES2022,
    true,
  );
  const defaults = new Map<string, string>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text in prefixes) {
      for (const member of node.members) {
        const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === "default");
        if (member.name !== undefined && ts.isIdentifier(member.name) && tag !== undefined) {
          const text = ts.getTextOfJSDocComment(tag.comment) ?? "";
          defaults.set(`${prefixes[node.name.text]}${member.name.text}`, text.trim());
        }
      }
    }
  });
  return defaults;
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
