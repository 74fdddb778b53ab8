// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { consoleSelfServiceStatements, consoleSignInUrl } from "../iam/consoleSelfService";

const ACCOUNT = { partition: "aws", accountId: "123456789012" };
const USER_ARN = "arn:aws:iam::123456789012:user/iam-bucket-access/app";
const USER = { account: ACCOUNT, path: "/iam-bucket-access/", userName: "app", requireMfa: false };

describe("consoleSelfServiceStatements", () => {
  it("lets the user change its own password and manage its own MFA device, nobody else's", () => {
    assert.deepEqual(consoleSelfServiceStatements(USER), [
      {
        Sid: "ChangeOwnPassword",
        Effect: "Allow",
        Action: ["iam:ChangePassword", "iam:GetUser"],
        Resource: USER_ARN,
      },
      {
        Sid: "ReadAccountPasswordPolicy",
        Effect: "Allow",
        Action: ["iam:GetAccountPasswordPolicy"],
        Resource: "*",
      },
      {
        Sid: "CreateVirtualMfaDevice",
        Effect: "Allow",
        Action: ["iam:CreateVirtualMFADevice"],
        Resource: "arn:aws:iam::123456789012:mfa/*",
      },
      {
        Sid: "ManageOwnMfaDevice",
        Effect: "Allow",
        Action: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
        Resource: USER_ARN,
      },
      {
        Sid: "DeactivateOwnMfaDeviceWithMfa",
        Effect: "Allow",
        Action: ["iam:DeactivateMFADevice"],
        Resource: USER_ARN,
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      },
    ]);
  });

  describe("with requireMfa", () => {
    it("denies console sessions without MFA all but password and MFA set-up, using Bool", () => {
      const deny = consoleSelfServiceStatements({ ...USER, requireMfa: true }).at(-1);
      assert.deepEqual(deny, {
        Sid: "DenyConsoleWithoutMfa",
        Effect: "Deny",
        NotAction: [
          "iam:ChangePassword",
          "iam:GetUser",
          "iam:GetAccountPasswordPolicy",
          "iam:CreateVirtualMFADevice",
          "iam:EnableMFADevice",
          "iam:ListMFADevices",
          "iam:ResyncMFADevice",
        ],
        Resource: "*",
        // Bool, not BoolIfExists: access-key requests carry no MFA key and must keep working.
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
      });
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
