import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../tools/paths";

/** Where users read how to add the package, pinned to a version: the docs and the examples. */
const FILES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs")).map((page) => `docs/${page}`),
  "examples/yaml/Pulumi.yaml",
  "examples/python/Pulumi.yaml",
];

/** Whether a tag or commit names a commit of this repository. */
function isCommit(version: string): boolean {
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${version}^{commit}`], {
      cwd: ROOT,
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
}

describe("the versions users are shown to pin the package to", () => {
  const pins = FILES.flatMap((file) => {
    const text = readFileSync(join(ROOT, file), "utf8");
    return [...text.matchAll(/iam-bucket-access@(\S+)/g)].map((match) => ({
      file,
      line: text.slice(0, match.index).split("\n").length,
      version: match[1],
    }));
  });

  it("are found in the docs and both examples", () => {
    const files = new Set(pins.map((pin) => pin.file));
    assert.ok(
      [...files].some((file) => file.startsWith("docs/")),
      "no pin in docs/",
    );
    assert.ok(files.has("examples/yaml/Pulumi.yaml") && files.has("examples/python/Pulumi.yaml"));
  });

  for (const { file, line, version } of pins) {
    it(`exist, or are a placeholder: ${version} in ${file}:${line}`, () => {
      assert.ok(
        /^<[a-z]+>$/.test(version) || isCommit(version),
        `${version} is no tag or commit of this repository`,
      );
    });
  }
});
