/** What a TypeScript source file imports, read from its text. Used by the layering specs. */
import { readFileSync } from "node:fs";

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
