// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import {
  DeployEnvironment,
  deployRolePolicy,
  deployRoleTrustPolicy,
  S3_PROJECT_BUCKET_ACTIONS,
  secretsKeyPolicy,
} from "../components/deployPolicies";

const SCOPE = { partition: "aws", accountId: "123456789012" };
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const DEV: DeployEnvironment = {
  scope: SCOPE,
  organization: "acme",
  project: "iam-bucket-access",
  stack: "dev",
  userPath: "/iam-bucket-access/",
  keyArn: KEY,
  createsBucket: true,
};
const sidsOf = (env: DeployEnvironment) => deployRolePolicy(env).Statement.map((s) => s.Sid);
const statement = (env: DeployEnvironment, sid: string) =>
  deployRolePolicy(env).Statement.find((s) => s.Sid === sid);

describe("deployRoleTrustPolicy", () => {
  it("trusts only Pulumi Deployments of this organization's project stack", () => {
    const provider = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
    assert.deepEqual(deployRoleTrustPolicy(provider, "acme", "iam-bucket-access", "prod"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PulumiDeploymentsOfThisStack",
          Effect: "Allow",
          Principal: { Federated: provider },
          Action: ["sts:AssumeRoleWithWebIdentity"],
          Resource: "*",
          Condition: {
            StringEquals: { "api.pulumi.com/oidc:aud": "acme" },
            StringLike: {
              "api.pulumi.com/oidc:sub":
                "pulumi:deploy:org:acme:project:iam-bucket-access:stack:prod:*",
            },
          },
        },
      ],
    });
  });
});

describe("deployRolePolicy", () => {
  it("grants user, policy, MFA clean-up, key and bucket rights to a dev stack without boundary", () => {
    assert.deepEqual(sidsOf(DEV), [
      "ManageProjectUsers",
      "CreateProjectUsers",
      "AttachOnlyProjectPolicies",
      "ManageProjectPolicies",
      "DeleteUserAddedMfaDevices",
      "UseEnvironmentSecretsKey",
      "ManageProjectBuckets",
    ]);
  });

  it("limits users and policies to the project's IAM path", () => {
    assert.equal(
      statement(DEV, "ManageProjectUsers")?.Resource,
      "arn:aws:iam::123456789012:user/iam-bucket-access/*",
    );
    assert.equal(
      statement(DEV, "CreateProjectUsers")?.Resource,
      "arn:aws:iam::123456789012:user/iam-bucket-access/*",
    );
    assert.equal(
      statement(DEV, "ManageProjectPolicies")?.Resource,
      "arn:aws:iam::123456789012:policy/iam-bucket-access/*",
    );
  });

  it("attaches only the project's own policies", () => {
    assert.deepEqual(statement(DEV, "AttachOnlyProjectPolicies"), {
      Sid: "AttachOnlyProjectPolicies",
      Effect: "Allow",
      Action: ["iam:AttachUserPolicy"],
      Resource: "arn:aws:iam::123456789012:user/iam-bucket-access/*",
      Condition: {
        ArnLike: { "iam:PolicyARN": "arn:aws:iam::123456789012:policy/iam-bucket-access/*" },
      },
    });
  });

  it("uses only the environment's key, for secrets", () => {
    assert.deepEqual(statement(DEV, "UseEnvironmentSecretsKey"), {
      Sid: "UseEnvironmentSecretsKey",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
      Resource: KEY,
    });
  });

  it("manages only buckets named like the ones the stack creates", () => {
    assert.deepEqual(statement(DEV, "ManageProjectBuckets"), {
      Sid: "ManageProjectBuckets",
      Effect: "Allow",
      Action: [...S3_PROJECT_BUCKET_ACTIONS],
      Resource: "arn:aws:s3:::iam-bucket-access-dev-????????",
    });
  });

  it("grants no bucket rights to a stack that creates no bucket", () => {
    assert.ok(!sidsOf({ ...DEV, createsBucket: false }).includes("ManageProjectBuckets"));
  });

  describe("with a permissions boundary", () => {
    const boundary = "arn:aws:iam::123456789012:policy/iam-bucket-access/boundary";
    const bounded = { ...DEV, permissionsBoundaryArn: boundary };

    it("creates users only with that boundary", () => {
      assert.deepEqual(statement(bounded, "CreateProjectUsersWithBoundary"), {
        Sid: "CreateProjectUsersWithBoundary",
        Effect: "Allow",
        Action: ["iam:CreateUser", "iam:PutUserPermissionsBoundary"],
        Resource: "arn:aws:iam::123456789012:user/iam-bucket-access/*",
        Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } },
      });
    });

    it("may never remove a boundary", () => {
      assert.deepEqual(statement(bounded, "KeepPermissionsBoundary"), {
        Sid: "KeepPermissionsBoundary",
        Effect: "Deny",
        Action: ["iam:DeleteUserPermissionsBoundary"],
        Resource: "*",
      });
    });
  });
});

describe("secretsKeyPolicy", () => {
  it("lets the account administer the key and the deploy role use it", () => {
    const role = "arn:aws:iam::123456789012:role/iam-bucket-access/iam-bucket-access-deploy-dev";
    assert.deepEqual(secretsKeyPolicy(SCOPE, role), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministersKey",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: ["kms:*"],
          Resource: "*",
        },
        {
          Sid: "DeployRoleUsesKey",
          Effect: "Allow",
          Principal: { AWS: role },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
          Resource: "*",
        },
      ],
    });
  });
});
