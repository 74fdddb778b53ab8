import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../offline/paths";

/** Where users read how to add the package, pinned to a version. */
const FILES = ["README.md", "examples/yaml/Pulumi.yaml", "examples/python/Pulumi.yaml"];

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

  it("are found in the README and both examples", () => {
    assert.deepEqual([...new Set(pins.map((pin) => pin.file))], FILES);
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
