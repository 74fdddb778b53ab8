import * as assert from "node:assert/strict";
import { failedProgram, runProgram, runProgramAfresh } from "../tools/runner/program";
import { INVALID_CONFIG_CASES } from "./fixtures/invalidConfigCases";
import { warningsOf } from "./support/specHelpers";

describe("the program with invalid stack config", () => {
  for (const [what, raw, message] of INVALID_CONFIG_CASES) {
    it(`fails on ${what} without constructing any resource`, async () => {
      const { error, built } = await failedProgram("dev", raw);
      assert.match(error.message, message);
      assert.deepEqual(built, []);
    });
  }

  it("warns through Pulumi's log of a setting that has no effect, and still deploys", async () => {
    // Afresh: a run answered from an earlier one with the same config would log nothing.
    const warned = await warningsOf(async () => {
      const run = await runProgramAfresh("dev", { console: "false", passwordLength: "30" });
      assert.ok(run.registrations.some((r) => r.type === "aws:iam/user:User"));
    });
    assert.deepEqual(warned, [
      "warning: [runtime] config key passwordLength: got 30; expected no passwordLength while " +
        "console is false: it shapes a console password, and there is none (remove " +
        "passwordLength, or set console to true)",
    ]);
  });

  it("still registers resources with a valid override, so the check above can fail", async () => {
    const run = await runProgram("dev", { access: "read" });
    assert.ok(run.registrations.some((r) => r.type === "aws:iam/user:User"));
  });
});
