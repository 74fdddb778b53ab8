import { registrations } from "../offline/mocks";
import * as assert from "node:assert/strict";
import { runProgram } from "../offline/program";
import { INVALID_CONFIG_CASES } from "./invalidConfigCases";

describe("the program with invalid stack config", () => {
  for (const [what, raw, message] of INVALID_CONFIG_CASES) {
    it(`fails on ${what} without registering any cloud resource`, async () => {
      await assert.rejects(runProgram("dev", raw), message);
      assert.deepEqual(
        registrations.filter((r) => r.custom).map((r) => r.type),
        [],
      );
    });
  }

  it("still registers resources with a valid override, so the check above can fail", async () => {
    const run = await runProgram("dev", { access: "read" });
    assert.ok(run.registrations.some((r) => r.type === "aws:iam/user:User"));
  });
});
