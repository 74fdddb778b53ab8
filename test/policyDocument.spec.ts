// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { policyDocument } from "../iam/policyDocument";

const STATEMENT = { Sid: "A", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" } as const;

describe("policyDocument", () => {
  it("wraps statements in the 2012-10-17 policy language", () => {
    assert.deepEqual(policyDocument([STATEMENT]), {
      Version: "2012-10-17",
      Statement: [STATEMENT],
    });
  });

  it("rejects two statements with one Sid", () => {
    assert.throws(() => policyDocument([STATEMENT, STATEMENT]), /Sid A is used twice/);
  });
});
