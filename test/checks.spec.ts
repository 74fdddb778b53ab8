import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { ROOT } from "../tools/paths";

const scripts = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

/** How one run of a command ended: its exit code and everything it printed. */
interface Ended {
  readonly code: number;
  readonly output: string;
}

/**
 * Runs `npm test`'s own command in a scratch project whose only scripts are the given `check:*`
 * ones, as npm would: a shell, with this project's bins on PATH.
 */
function npmTestWith(checks: Readonly<Record<string, string>>): Promise<Ended> {
  const dir = mkdtempSync(join(tmpdir(), "npm-test-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ scripts: checks }));
  return new Promise<Ended>((resolve) => {
    execFile(
      "/bin/sh",
      ["-c", scripts.test],
      {
        cwd: dir,
        env: {
          ...process.env,
          PATH: `${join(ROOT, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`,
        },
      },
      (error, stdout, stderr) =>
        resolve({
          code: typeof error?.code === "number" ? error.code : 0,
          output: stdout + stderr,
        }),
    );
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

// The scratch run starts as the specs load, so it runs beside the other specs, not before them.
// That npm test exits 0 when every check passes, each passing run of npm test itself shows.
const withFailure = npmTestWith({
  "check:slow": "echo first; sleep 0.3; echo second",
  "check:fails": "echo broken; exit 3",
  "check:passes": "echo fine",
});

describe("npm test", () => {
  it("runs every check:* script: the specs, the type check with the linter, the format check", () => {
    assert.deepEqual(
      Object.keys(scripts).filter((name) => name.startsWith("check:")),
      ["check:specs", "check:code", "check:format"],
    );
    assert.match(scripts.test, /concurrently .*"node:check:\*"/);
    assert.match(scripts["check:code"], /--type-check/);
  });

  describe("when a check fails", () => {
    let ended: Ended;
    before(async () => {
      ended = await withFailure;
    });

    it("exits non-zero", () => {
      assert.notEqual(ended.code, 0);
    });

    it("prints the failing check's output under its name, and marks it failed in the timings", () => {
      assert.match(ended.output, /^\[fails\] broken$/m);
      assert.match(ended.output, /│ fails +│ [\d,]+ +│ [1-9]\d* +│/);
      assert.match(ended.output, /│ passes +│ [\d,]+ +│ 0 +│/);
    });

    it("prints each check's output whole, one check after another, in package.json's order", () => {
      const lines = ended.output.split("\n").filter((line) => /^\[\w+\] \w+$/.test(line));
      assert.deepEqual(lines, ["[slow] first", "[slow] second", "[fails] broken", "[passes] fine"]);
    });
  });
});
