import * as assert from "node:assert/strict";
import { builtinModules } from "node:module";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import * as ts from "typescript";
import { GUARDRAILS } from "../policies";

/** The pack's directory: what `pulumi policy publish` uploads. */
const PACK = join(__dirname, "..");

/** What the pack's package.json declares. */
interface PackageJson {
  readonly main: string;
  readonly engines?: { readonly node?: string };
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly allowScripts?: Readonly<Record<string, boolean>>;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const PACKAGE = readJson(join(PACK, "package.json")) as PackageJson;

/** The pack's own source files: every TypeScript file but the tests. */
const SOURCES = readdirSync(PACK).filter((file) => file.endsWith(".ts"));

/** The package an import specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
}

/** Where an import of a pack file leads: a file of the pack, a dependency, or elsewhere. */
function importProblem(file: string, specifier: string): string | undefined {
  if (specifier.startsWith(".")) {
    const target = resolve(PACK, dirname(file), specifier);
    const inPack =
      !relative(PACK, target).startsWith("..") && !target.startsWith(join(PACK, "test"));
    return inPack && existsSync(`${target}.ts`)
      ? undefined
      : `${file} imports ${specifier}, outside the pack`;
  }
  if (specifier.startsWith("node:") || builtinModules.includes(specifier)) {
    return undefined;
  }
  return packageOf(specifier) in PACKAGE.dependencies
    ? undefined
    : `${file} imports ${specifier}, which policy/package.json does not list in dependencies`;
}

/** Every module a pack file imports, re-exports from or requires, as TypeScript reads it. */
function importsOf(path: string): string[] {
  return ts
    .preProcessFile(readFileSync(path, "utf8"), true, true)
    .importedFiles.map((imported) => imported.fileName);
}

describe("the policy pack as a package of its own", () => {
  it("imports only its own files, Node's and the dependencies it declares", () => {
    assert.ok(SOURCES.includes("policies.ts") && SOURCES.includes("index.ts"));
    const problems = SOURCES.flatMap((file) =>
      importsOf(join(PACK, file)).map((specifier) => importProblem(file, specifier)),
    ).filter((problem): problem is string => problem !== undefined);
    assert.deepEqual(problems, []);
  });

  it("declares Node 22+, refuses older ones, and runs no install script of protobufjs", () => {
    assert.equal(PACKAGE.engines?.node, ">=22");
    assert.match(readFileSync(join(PACK, ".npmrc"), "utf8"), /^engine-strict=true$/m);
    assert.deepEqual(PACKAGE.allowScripts, { protobufjs: false });
    assert.equal(PACKAGE.main, "index.ts");
  });

  it("commits a lockfile that installs exactly what package.json declares", () => {
    const lock = readJson(join(PACK, "package-lock.json")) as {
      packages: Record<string, PackageJson & { version?: string }>;
    };
    const root = lock.packages[""];
    assert.deepEqual(root?.dependencies, PACKAGE.dependencies);
    assert.deepEqual(root?.devDependencies, PACKAGE.devDependencies);
    for (const [name, version] of Object.entries(PACKAGE.dependencies)) {
      assert.equal(lock.packages[`node_modules/${name}`]?.version, version, name);
    }
  });

  describe("copied alone, as pulumi policy publish uploads it", () => {
    let copy: string;

    before(() => {
      copy = mkdtempSync(join(tmpdir(), "policy-pack-"));
      cpSync(PACK, copy, {
        recursive: true,
        filter: (source) => !["test", "node_modules"].includes(relative(PACK, source)),
      });
      // Its dependencies as an install would place them: the project's copies of exactly those
      // packages, linked, so nothing else of the project is reachable.
      for (const name of Object.keys(PACKAGE.dependencies)) {
        const link = join(copy, "node_modules", name);
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(dirname(require.resolve(`${name}/package.json`)), link, "dir");
      }
    });

    after(() => {
      rmSync(copy, { recursive: true, force: true });
    });

    it("reads its tsconfig.json with no error: it extends nothing outside itself", () => {
      const diagnostics: ts.Diagnostic[] = [];
      const parsed = ts.getParsedCommandLineOfConfigFile(join(copy, "tsconfig.json"), undefined, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
      });
      assert.deepEqual(
        [...diagnostics, ...(parsed?.errors ?? [])].map((d) =>
          ts.flattenDiagnosticMessageText(d.messageText, "\n"),
        ),
        [],
      );
      assert.deepEqual(
        parsed?.fileNames.map((file) => relative(copy, file)).sort(),
        [...SOURCES].sort(),
      );
    });

    it("loads every rule from the copy", () => {
      // The copy is found by its path at run time, which only require can load.
      // oxlint-disable-next-line typescript/no-require-imports
      const loaded = require(join(copy, "policies.ts")) as { GUARDRAILS: typeof GUARDRAILS };
      assert.notEqual(loaded.GUARDRAILS, GUARDRAILS);
      assert.deepEqual(
        loaded.GUARDRAILS.map((policy) => policy.name),
        GUARDRAILS.map((policy) => policy.name),
      );
    });
  });
});
