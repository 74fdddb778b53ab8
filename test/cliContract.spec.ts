import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import { parse } from "yaml";
import { MINIMUM_PULUMI_CLI } from "../config/pulumiCli";
import { ROOT } from "../tools/paths";

const versionParts = (version: string) => version.split(".").map(Number);

describe("the Pulumi CLI the program needs", () => {
  it("is one whose engine fires replacementTrigger only on the trigger's own change (3.226+)", () => {
    const [major, minor] = versionParts(MINIMUM_PULUMI_CLI);
    assert.ok(major > 3 || (major === 3 && minor >= 226), `${MINIMUM_PULUMI_CLI} is older`);
  });

  it("is the one the README and every page of docs/ name", () => {
    const [major, minor] = versionParts(MINIMUM_PULUMI_CLI);
    const pages = ["README.md", ...readdirSync(join(ROOT, "docs")).map((page) => `docs/${page}`)];
    const named = pages.flatMap((page) =>
      [...readFileSync(join(ROOT, page), "utf8").matchAll(/Pulumi CLI (\d+\.\d+)\+/g)].map(
        (match) => `${page}: ${match[1]}`,
      ),
    );
    assert.ok(named.length > 0, "no page names the CLI it needs");
    assert.deepEqual(
      named.filter((entry) => !entry.endsWith(`: ${major}.${minor}`)),
      [],
      `every page must name ${major}.${minor}`,
    );
  });
});

describe("the component package's entry", () => {
  const plugin = parse(readFileSync(join(ROOT, "PulumiPlugin.yaml"), "utf8")) as { main: string };

  it("is what the CLI's plugin host loads: requiring the directory reaches PulumiPlugin.yaml's main", () => {
    assert.equal(require.resolve(ROOT), join(ROOT, plugin.main));
  });

  it("leaves a program that imports the package by name with the components", async () => {
    const entry = require.resolve("iam-bucket-access");
    assert.equal(entry, join(ROOT, "components", "index.ts"));
    const components = (await import(entry)) as Record<string, unknown>;
    assert.equal(typeof components.BucketAccessUser, "function");
    assert.equal(typeof components.SecureBucket, "function");
  });

  it("leaves TypeScript resolving the package name to the components' types", () => {
    const { resolvedModule } = ts.resolveModuleName(
      "iam-bucket-access",
      join(ROOT, "index.ts"),
      { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
      ts.sys,
    );
    assert.equal(resolvedModule?.resolvedFileName, join(ROOT, "components", "index.ts"));
  });
});
