import * as assert from "node:assert/strict";
import { failedProgram, runProgram } from "../tools/runner/program";
import { INVALID_CONFIG_CASES } from "./fixtures/invalidConfigCases";

describe("the program with invalid stack config", () => {
  for (const [what, raw, message] of INVALID_CONFIG_CASES) {
    it(`fails on ${what} without constructing any resource`, async () => {
      const { error, built } = await failedProgram("dev", raw);
      assert.match(error.message, message);
      assert.deepEqual(built, []);
    });
  }

  it("still registers resources with a valid override, so the check above can fail", async () => {
    const run = await runProgram("dev", { access: "read" });
    assert.ok(run.registrations.some((r) => r.type === "aws:iam/user:User"));
  });
});
