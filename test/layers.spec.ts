import * as assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { importedSources, importsOf } from "../tools/sourceImports";
import { ROOT } from "../tools/paths";

/**
 * The layers of both programs, lowest first: a module may import its own layer and those below
 * it, never one above, so dependencies point one way and no cycle can form between layers.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["iam", "s3"],
  ["bootstrap/iam"],
  ["config"],
  ["components"],
  ["bootstrap/config"],
  ["bootstrap/components"],
  ["index.ts", "bootstrap/index.ts", "provider"],
];

/** Layers that must stay pure: no Pulumi runtime, only its types. */
const PURE = ["iam", "s3", "bootstrap/iam", "config", "bootstrap/config"];

/** The layer of a project file, by its folder (or itself, for an entry). */
function layerOf(file: string): number {
  return LAYERS.findIndex((layer) =>
    layer.some((place) => file === place || file.startsWith(`${place}/`)),
  );
}

/** The source files in the layers' folders, relative to the repository. */
function layeredFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      return entry.isDirectory() ? walk(path) : path.endsWith(".ts") ? [path] : [];
    });
  return [...LAYERS.flat().flatMap((place) => (place.endsWith(".ts") ? [place] : walk(place)))];
}

/** What the programs and the component package load: their entries and all they import. */
const ENTRIES = ["index.ts", "bootstrap/index.ts", "provider/index.ts"];

describe("the programs' layers", () => {
  const loaded = importedSources(ROOT, ENTRIES);
  const files = [...new Set([...layeredFiles(), ...loaded])];

  it("cover every source file the programs and the component package load", () => {
    assert.ok(loaded.length > 25, `only ${loaded.length} files`);
    assert.deepEqual(
      loaded.filter((file) => layerOf(file) < 0),
      [],
    );
  });

  it("import only their own layer and those below it", () => {
    const upward = files.flatMap((file) =>
      importsOf(join(ROOT, file))
        .filter(({ from }) => from.startsWith("."))
        .map(({ from }) => relative(ROOT, join(ROOT, dirname(file), from)))
        .filter((target) => layerOf(target) > layerOf(file))
        .map((target) => `${file} imports ${target}`),
    );
    assert.deepEqual(upward, []);
  });

  it("import nothing of the tools or the tests: only product files", () => {
    const outside = files.flatMap((file) =>
      importsOf(join(ROOT, file))
        .filter(({ from }) => from.startsWith("."))
        .map(({ from }) => relative(ROOT, join(ROOT, dirname(file), from)))
        .filter((target) => layerOf(target) < 0)
        .map((target) => `${file} imports ${target}`),
    );
    assert.deepEqual(outside, []);
  });

  it("keep the pure layers free of the Pulumi runtime", () => {
    const impure = files
      .filter((file) => PURE.some((place) => file.startsWith(`${place}/`)))
      .flatMap((file) =>
        importsOf(join(ROOT, file))
          .filter(({ from, typeOnly }) => from.startsWith("@pulumi/") && !typeOnly)
          .map(({ from }) => `${file} imports ${from}`),
      );
    assert.deepEqual(impure, []);
  });
});
