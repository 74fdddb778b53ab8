// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { consoleSelfServiceStatements, consoleSignInUrl } from "../iam/consoleSelfService";
import { Statement } from "../iam/policyDocument";

const ACCOUNT = { partition: "aws", accountId: "123456789012" };
const USER_ARN = "arn:aws:iam::123456789012:user/iam-bucket-access/app";
const USER = { account: ACCOUNT, path: "/iam-bucket-access/", userName: "app", requireMfa: false };

/** Each grant of the statements as `<action> on <resource>`, and the condition it needs. */
function grants(statements: readonly Statement[]): string[] {
  return statements
    .filter((statement) => statement.Effect === "Allow")
    .flatMap((statement) =>
      (statement.Action ?? []).map(
        (action) =>
          `${action} on ${String(statement.Resource)}` +
          (statement.Condition === undefined ? "" : ` if ${JSON.stringify(statement.Condition)}`),
      ),
    )
    .sort();
}

describe("consoleSelfServiceStatements", () => {
  it("lets the user change its own password and manage its own MFA device, nobody else's", () => {
    const mfa = JSON.stringify({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
    assert.deepEqual(grants(consoleSelfServiceStatements(USER)), [
      `iam:ChangePassword on ${USER_ARN}`,
      "iam:CreateVirtualMFADevice on arn:aws:iam::123456789012:mfa/*",
      `iam:DeactivateMFADevice on ${USER_ARN} if ${mfa}`,
      `iam:EnableMFADevice on ${USER_ARN}`,
      "iam:GetAccountPasswordPolicy on *",
      `iam:GetUser on ${USER_ARN}`,
      `iam:ListMFADevices on ${USER_ARN}`,
      `iam:ResyncMFADevice on ${USER_ARN}`,
    ]);
  });

  it("denies nothing unless requireMfa is set", () => {
    assert.ok(consoleSelfServiceStatements(USER).every((s) => s.Effect === "Allow"));
  });

  describe("with requireMfa", () => {
    const statements = consoleSelfServiceStatements({ ...USER, requireMfa: true });
    const denies = statements.filter((s) => s.Effect === "Deny");

    it("grants what it grants without", () => {
      assert.deepEqual(grants(statements), grants(consoleSelfServiceStatements(USER)));
    });

    it("denies a console session without MFA everything but what sets up a password and an MFA device", () => {
      assert.equal(denies.length, 1);
      assert.equal(denies[0].Resource, "*");
      // What a first sign-in needs: every grant that asks for no MFA itself.
      const setUp = statements
        .filter((s) => s.Effect === "Allow" && s.Condition === undefined)
        .flatMap((s) => s.Action ?? []);
      assert.deepEqual([...(denies[0].NotAction ?? [])].sort(), setUp.sort());
    });

    it("tells a console session by Bool, so requests signed with an access key are not denied", () => {
      // BoolIfExists would also match the access key's requests, which carry no MFA key.
      assert.deepEqual(denies[0].Condition, { Bool: { "aws:MultiFactorAuthPresent": "false" } });
    });
  });
});

describe("consoleSignInUrl", () => {
  const cases = [
    // partition, expected sign-in page
    ["aws", "https://123456789012.signin.aws.amazon.com/console"],
    ["aws-us-gov", "https://123456789012.signin.amazonaws-us-gov.com/console"],
    ["aws-cn", "https://123456789012.signin.amazonaws.cn/console"],
  ] as const;
  for (const [partition, url] of cases) {
    it(`points ${partition} users at ${url}`, () => {
      assert.equal(consoleSignInUrl({ partition, accountId: "123456789012" }), url);
    });
  }
});
