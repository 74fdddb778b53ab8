import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CheckResult, checksOf, reportOf, runChecks, runInLanes } from "../tools/checks";

const scripts = (
  JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

describe("npm test", () => {
  it("runs the specs first, then the type check with the linter, then the format check", () => {
    assert.deepEqual(
      checksOf(scripts).map((check) => check.name),
      ["specs", "code", "format"],
    );
    assert.match(scripts.test, /tools\/checks\.ts$/);
    assert.match(scripts["check:code"], /--type-check/);
  });

  it("gives each lane the next check as its last one ends, keeping the results in order", async () => {
    const checks = ["a", "b", "c"].map((name) => ({ name, command: name }));
    const started: string[] = [];
    let release: () => void = () => undefined;
    const slowA = new Promise<void>((resolve) => (release = resolve));
    const results = runInLanes(checks, 2, async (check) => {
      started.push(check.name);
      if (check.name === "a") {
        await slowA;
      }
      return check.name.toUpperCase();
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, ["a", "b", "c"]);
    release();
    assert.deepEqual(await results, ["A", "B", "C"]);
  });

  const result: CheckResult = {
    name: "specs",
    command: "mocha",
    passed: true,
    seconds: 6.04,
    output: "  ✔ one\n\n  725 passing (6s)\n\n",
  };

  it("prints a passing check as one line: its time and its last line of output", () => {
    assert.equal(reportOf(result, 6), "ok   specs    6.0 s  725 passing (6s)\n");
  });

  it("prints a failing check's command and whole output", () => {
    const failed = { ...result, passed: false, output: "  1 failing\n  AssertionError\n" };
    assert.equal(
      reportOf(failed, 6),
      "FAIL specs    6.0 s  mocha\n    1 failing\n    AssertionError\n",
    );
  });

  it("exits 1 when any check fails, naming it, and 0 when all pass", async () => {
    let printed = "";
    const out = { write: (text: string) => (printed += text) };
    const checks = [
      { name: "passes", command: "true" },
      { name: "fails", command: "echo broken; exit 3" },
    ];
    assert.equal(await runChecks(checks, 2, out), 1);
    assert.match(printed, /^FAIL fails +\d+\.\d s {2}echo broken; exit 3\n {2}broken$/m);
    assert.match(printed, /^failed: fails \(/m);
    assert.equal(await runChecks(checks.slice(0, 1), 2, out), 0);
  });
});
