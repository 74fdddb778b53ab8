import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runInNewContext } from "node:vm";
import { ROOT } from "../tools/paths";

const SCRIPT = join(ROOT, "tools", "prerequisites.js");

/** Runs the check as npm runs it: a process of this Node.js. */
function check() {
  return spawnSync(process.execPath, [SCRIPT], { encoding: "utf8" });
}

/**
 * Runs the check's script in this process, as a Node.js of the given version would run it (a
 * process costs a tenth of a second): its exit code and what it wrote to stderr.
 */
function checkAs(version: string, script = SCRIPT) {
  let stderr = "";
  const claimed = {
    version: `v${version}`,
    versions: { ...process.versions, node: version },
    platform: process.platform,
    arch: process.arch,
    stderr: { write: (text: string) => (stderr += text) },
    exitCode: undefined as number | undefined,
  };
  runInNewContext(readFileSync(script, "utf8"), {
    require,
    __dirname: dirname(script),
    process: claimed,
  });
  return { status: claimed.exitCode ?? 0, stderr };
}

describe("tools/prerequisites.js, npm test's first step", () => {
  it("runs before npm test", () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    assert.equal(scripts.pretest, "node tools/prerequisites.js");
  });

  it("passes silently on this Node.js with the dependencies installed", () => {
    const { status, stderr } = check();
    assert.deepEqual([status, stderr], [0, ""]);
  });

  it("says in one line how to get Node.js 22 on an older one, instead of a stack trace", () => {
    const { status, stderr } = checkAs("20.20.2");
    assert.equal(status, 1);
    assert.match(
      stderr,
      /^npm test needs Node\.js 22 or newer, and this is v20\.20\.2: run `nvm install` \(it reads \.nvmrc\), or without nvm `npm install --prefix \.tools\/node22 node-\w+-\w+@22` and put \.tools\/node22\/node_modules\/node-\w+-\w+\/bin first on PATH, as \.ci\/run does; then npm ci\n$/,
    );
  });

  it("asks for npm ci when the dependencies are not installed", () => {
    const copy = mkdtempSync(join(tmpdir(), "prerequisites-"));
    try {
      mkdirSync(join(copy, "tools"));
      copyFileSync(join(ROOT, "package.json"), join(copy, "package.json"));
      copyFileSync(SCRIPT, join(copy, "tools", "prerequisites.js"));
      const { status, stderr } = checkAs(
        process.versions.node,
        join(copy, "tools", "prerequisites.js"),
      );
      assert.deepEqual(
        [status, stderr],
        [1, "npm test needs the dependencies installed: run npm ci first\n"],
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
