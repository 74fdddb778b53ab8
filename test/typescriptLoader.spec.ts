import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Loads a TypeScript file afresh through the loader the specs run under. */
function load(file: string): unknown {
  delete require.cache[file];
  // A fresh load of a file written by the spec, which an import cannot do.
  // oxlint-disable-next-line typescript/no-require-imports
  return require(file);
}

describe("tools/typescriptLoader.js, how specs and tools load TypeScript", () => {
  const dir = mkdtempSync(join(tmpdir(), "loader-"));
  const file = join(dir, "module.ts");
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs a file's new text once it changes, never its cached output", () => {
    writeFileSync(file, "export const value: number = 1;\n");
    assert.deepEqual(load(file), { value: 1 });
    writeFileSync(file, "export const value: number = 2;\n");
    assert.deepEqual(load(file), { value: 2 });
  });

  it("keeps every line where it was, so a stack trace names the TypeScript line", () => {
    writeFileSync(
      file,
      "import { join } from 'node:path';\ninterface Shape {\n  readonly side: number;\n}\n" +
        "export const shape: Shape = { side: join('a').length };\nthrow new Error('line 6');\n",
    );
    assert.throws(
      () => load(file),
      (error: Error) => error.stack?.includes(`${file}:6:`) === true,
    );
  });
});
