// A pure module: no Pulumi runtime, so no mocks and a plain import.
// Each document is pinned here once, whole; what it allows is proven by the IAM engine in
// deployPath.simulation.spec.ts, and that AWS accepts it in test/policyGrammar.spec.ts.
import * as assert from "node:assert/strict";
import {
  ESC_ROTATOR_KEY_ACTIONS,
  ESC_ROTATOR_TAG_ACTIONS,
  rotatorPolicy,
  rotatorTrustPolicy,
} from "../iam/rotatorPolicies";

const ACCOUNT = { partition: "aws", accountId: "123456789012" };
const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";

describe("rotatorTrustPolicy", () => {
  it("trusts the stack's ESC login environment of this organization, and nothing else", () => {
    assert.deepEqual(rotatorTrustPolicy(PROVIDER, "acme", "iam-bucket-access/rotator-login-prod"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EscLoginOfThisStack",
          Effect: "Allow",
          Principal: { Federated: PROVIDER },
          Action: ["sts:AssumeRoleWithWebIdentity"],
          Condition: {
            StringEquals: {
              "api.pulumi.com/oidc:aud": "aws:acme",
              "api.pulumi.com/oidc:sub":
                "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:" +
                "iam-bucket-access/rotator-login-prod",
            },
          },
        },
      ],
    });
  });
});

describe("rotatorPolicy", () => {
  it("rotates the keys of the named users of the stack's path, and tags them for key descriptions only", () => {
    const users = ["arn:aws:iam::123456789012:user/iam-bucket-access/prod/iam-bucket-access-prod"];
    assert.deepEqual(
      rotatorPolicy(ACCOUNT, "iam-bucket-access", "prod", ["iam-bucket-access-prod"]),
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "RotateKeysOfRotatedUsers",
            Effect: "Allow",
            Action: [...ESC_ROTATOR_KEY_ACTIONS],
            Resource: users,
          },
          {
            Sid: "DescribeKeysOfRotatedUsers",
            Effect: "Allow",
            Action: [...ESC_ROTATOR_TAG_ACTIONS],
            Resource: users,
            Condition: {
              "ForAllValues:StringLike": { "aws:TagKeys": ["AKIA*"] },
              Null: { "aws:TagKeys": "false" },
            },
          },
        ],
      },
    );
  });
});
