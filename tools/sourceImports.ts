/**
 * What a TypeScript source file imports, read from its text, and every project file a set of
 * entries loads. Used by the layering specs and the schema analysis's cache key.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** One module a file imports or re-exports from. */
export interface SourceImport {
  /** The module specifier, as written. */
  readonly from: string;
  /** Whether only types are imported, so nothing of the module runs. */
  readonly typeOnly: boolean;
}

/**
 * Every module a source file imports, re-exports from or loads for its side effects: the
 * `import`/`export … from "…"` and `import "…"` statements at the start of a line.
 */
export function importsOf(path: string): SourceImport[] {
  const source = readFileSync(path, "utf8");
  const fromStatements = [
    ...source.matchAll(/^(?:import|export) (type )?[^;]*? from "([^"]+)";/gms),
  ].map((match) => ({ from: match[2], typeOnly: match[1] !== undefined }));
  const sideEffects = [...source.matchAll(/^import "([^"]+)";/gm)].map((match) => ({
    from: match[1],
    typeOnly: false,
  }));
  return [...fromStatements, ...sideEffects];
}

/** The project's TypeScript file a relative import names. */
function sourceFileOf(root: string, from: string, specifier: string): string {
  const base = join(dirname(from), specifier);
  const file = [`${base}.ts`, join(base, "index.ts")].find((candidate) => existsSync(candidate));
  if (file === undefined) {
    throw new Error(`${relative(root, from)} imports ${specifier}, which has no TypeScript file`);
  }
  return file;
}

/**
 * The entries and every project file they import, transitively, relative to the root, sorted.
 * @param root the repository: this one, or a copy of its files
 */
export function importedSources(root: string, entries: readonly string[]): string[] {
  const found = new Set(entries.map((entry) => join(root, entry)));
  for (const file of found) {
    for (const { from } of importsOf(file)) {
      if (from.startsWith(".")) {
        found.add(sourceFileOf(root, file, from));
      }
    }
  }
  return [...found].map((file) => relative(root, file)).sort();
}
