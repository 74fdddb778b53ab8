// A pure module: no Pulumi runtime, so no mocks and a plain import.
// Each document is pinned here once, whole; what it allows is proven by the IAM engine in
// deployPath.simulation.spec.ts, and that AWS accepts it in test/policyGrammar.spec.ts. What the
// deploy role is granted is named by its constants here, not copied: that spec proves the grants
// against the requests a deployment makes (each one allowed, nothing else on what it deploys).
import * as assert from "node:assert/strict";
import {
  createdBucketsArn,
  DeployEnvironment,
  deployRolePolicy,
  deployRoleTrustPolicy,
  deploySubjects,
  IAM_MFA_DELETE_ACTIONS,
  IAM_MFA_LIST_ACTIONS,
  IAM_POLICY_ATTACH_ACTIONS,
  IAM_POLICY_READ_ACTIONS,
  IAM_POLICY_WRITE_ACTIONS,
  IAM_ROLE_ATTACH_ACTIONS,
  IAM_ROLE_BOUNDED_ACTIONS,
  IAM_ROLE_MANAGE_ACTIONS,
  IAM_USER_BOUNDED_ACTIONS,
  IAM_USER_MANAGE_ACTIONS,
  KMS_SECRETS_ACTIONS,
  NO_PREVIEW_OPERATIONS,
  permissionsBoundaryPolicy,
  S3_CREATED_BUCKET_ACTIONS,
  secretsKeyPolicy,
  stackRoleStatements,
} from "../iam/deployPolicies";

const ACCOUNT = { partition: "aws", accountId: "123456789012" };
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const DEV: DeployEnvironment = {
  account: ACCOUNT,
  project: "iam-bucket-access",
  stack: "dev",
  keyArn: KEY,
  createsBucket: true,
  buckets: ["acme-dev-fixtures"],
  tags: { environment: "dev", project: "iam-bucket-access" },
  roles: false,
};
const BOUNDARY =
  "arn:aws:iam::123456789012:policy/iam-bucket-access-boundary/iam-bucket-access-dev";
describe("deploySubjects", () => {
  it("names the organization, project, stack and operation as a Deployments token does", () => {
    assert.deepEqual(deploySubjects("acme", "iam-bucket-access", "prod", ["update"]), [
      "pulumi:deploy:org:acme:project:iam-bucket-access:stack:prod:operation:update:scope:write",
    ]);
  });
});

describe("deployRoleTrustPolicy", () => {
  it("trusts Pulumi Deployments of this organization's stack, for the given operations only", () => {
    const provider = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
    const subject = (operation: string) =>
      `pulumi:deploy:org:acme:project:iam-bucket-access:stack:prod:operation:${operation}:scope:write`;
    assert.deepEqual(
      deployRoleTrustPolicy(provider, "acme", "iam-bucket-access", "prod", NO_PREVIEW_OPERATIONS),
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "PulumiDeploymentsOfThisStack",
            Effect: "Allow",
            Principal: { Federated: provider },
            Action: ["sts:AssumeRoleWithWebIdentity"],
            Condition: {
              StringEquals: {
                "api.pulumi.com/oidc:aud": "acme",
                "api.pulumi.com/oidc:sub": [
                  subject("update"),
                  subject("refresh"),
                  subject("destroy"),
                ],
              },
            },
          },
        ],
      },
    );
  });
});

describe("createdBucketsArn", () => {
  it("matches the stack's prefix and exactly the random suffix's length", () => {
    assert.equal(
      createdBucketsArn("aws", "iam-bucket-access", "Dev"),
      "arn:aws:s3:::iam-bucket-access-dev-????????",
    );
  });
});

describe("permissionsBoundaryPolicy", () => {
  it("caps users at the environment's buckets, their keys via S3 and their own credentials", () => {
    const buckets = [
      "arn:aws:s3:::acme-dev-fixtures",
      "arn:aws:s3:::iam-bucket-access-dev-????????",
    ];
    assert.deepEqual(permissionsBoundaryPolicy(DEV), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "LocateAndListEnvironmentBuckets",
          Effect: "Allow",
          Action: ["s3:GetBucketLocation", "s3:ListBucket"],
          Resource: buckets,
        },
        {
          Sid: "UseObjectsOfEnvironmentBuckets",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject"],
          Resource: buckets.map((bucket) => `${bucket}/*`),
        },
        {
          Sid: "ListAllBuckets",
          Effect: "Allow",
          Action: ["s3:ListAllMyBuckets"],
          Resource: "*",
        },
        {
          Sid: "UseBucketKeysViaS3",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: "arn:aws:kms:*:*:key/*",
          Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
        },
        {
          Sid: "ChangeOwnPassword",
          Effect: "Allow",
          Action: ["iam:ChangePassword", "iam:GetUser"],
          Resource: "arn:aws:iam::123456789012:user/iam-bucket-access/dev/${aws:username}",
        },
        {
          Sid: "ManageOwnMfaDevice",
          Effect: "Allow",
          Action: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
          Resource: "arn:aws:iam::123456789012:user/iam-bucket-access/dev/${aws:username}",
        },
        {
          Sid: "DeactivateOwnMfaDeviceWithMfa",
          Effect: "Allow",
          Action: ["iam:DeactivateMFADevice"],
          Resource: "arn:aws:iam::123456789012:user/iam-bucket-access/dev/${aws:username}",
          Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
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
      ],
    });
  });

  it("allows only the listed buckets to a stack that creates none", () => {
    const statements = permissionsBoundaryPolicy({ ...DEV, createsBucket: false }).Statement;
    assert.deepEqual(statements[0].Resource, ["arn:aws:s3:::acme-dev-fixtures"]);
  });
});

describe("deployRolePolicy", () => {
  it("confines the role to its stack's path, key and created bucket, and keeps boundaries whole", () => {
    const users = "arn:aws:iam::123456789012:user/iam-bucket-access/dev/*";
    const policies = "arn:aws:iam::123456789012:policy/iam-bucket-access/dev/*";
    assert.deepEqual(deployRolePolicy(DEV), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ManageStackUsers",
          Effect: "Allow",
          Action: [...IAM_USER_MANAGE_ACTIONS],
          Resource: users,
        },
        {
          Sid: "CreateStackUsersWithBoundary",
          Effect: "Allow",
          Action: [...IAM_USER_BOUNDED_ACTIONS],
          Resource: users,
          Condition: { StringEquals: { "iam:PermissionsBoundary": BOUNDARY } },
        },
        {
          Sid: "AttachStackPoliciesToBoundedUsers",
          Effect: "Allow",
          Action: [...IAM_POLICY_ATTACH_ACTIONS],
          Resource: users,
          Condition: {
            ArnLike: { "iam:PolicyARN": policies },
            StringEquals: { "iam:PermissionsBoundary": BOUNDARY },
          },
        },
        {
          Sid: "ManageStackPolicies",
          Effect: "Allow",
          Action: [...IAM_POLICY_READ_ACTIONS, ...IAM_POLICY_WRITE_ACTIONS],
          Resource: policies,
        },
        {
          Sid: "DeleteUserAddedMfaDevices",
          Effect: "Allow",
          Action: [...IAM_MFA_DELETE_ACTIONS],
          Resource: "arn:aws:iam::123456789012:mfa/*",
        },
        {
          Sid: "FindUserAddedMfaDevices",
          Effect: "Allow",
          Action: [...IAM_MFA_LIST_ACTIONS],
          Resource: "*",
        },
        {
          Sid: "UseStackSecretsKey",
          Effect: "Allow",
          Action: [...KMS_SECRETS_ACTIONS],
          Resource: KEY,
        },
        {
          Sid: "ManageCreatedBucket",
          Effect: "Allow",
          Action: [...S3_CREATED_BUCKET_ACTIONS],
          Resource: "arn:aws:s3:::iam-bucket-access-dev-????????",
        },
        {
          Sid: "DenyUsersWithoutTheBoundary",
          Effect: "Deny",
          Action: ["iam:CreateUser", "iam:PutUserPermissionsBoundary"],
          Resource: "*",
          Condition: { StringNotEquals: { "iam:PermissionsBoundary": BOUNDARY } },
        },
        {
          Sid: "DenyBoundaryRemoval",
          Effect: "Deny",
          Action: ["iam:DeleteUserPermissionsBoundary"],
          Resource: "*",
        },
        {
          Sid: "DenyBoundaryChanges",
          Effect: "Deny",
          Action: [
            "iam:CreatePolicy",
            "iam:DeletePolicy",
            "iam:CreatePolicyVersion",
            "iam:DeletePolicyVersion",
            "iam:TagPolicy",
            "iam:UntagPolicy",
            "iam:SetDefaultPolicyVersion",
          ],
          Resource: "arn:aws:iam::123456789012:policy/iam-bucket-access-boundary/*",
        },
        {
          Sid: "DenyS3BeyondTheCreatedBucket",
          Effect: "Deny",
          NotAction: [...S3_CREATED_BUCKET_ACTIONS],
          Resource: "arn:aws:s3:::*",
        },
        {
          Sid: "DenyOtherTagKeys",
          Effect: "Deny",
          Action: ["iam:*"],
          Resource: "*",
          Condition: {
            "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["environment", "project"] },
          },
        },
        {
          Sid: "DenyOtherValuesOfTag1",
          Effect: "Deny",
          Action: ["iam:*"],
          Resource: "*",
          Condition: {
            Null: { "aws:RequestTag/environment": "false" },
            StringNotEquals: { "aws:RequestTag/environment": "dev" },
          },
        },
        {
          Sid: "DenyOtherValuesOfTag2",
          Effect: "Deny",
          Action: ["iam:*"],
          Resource: "*",
          Condition: {
            Null: { "aws:RequestTag/project": "false" },
            StringNotEquals: { "aws:RequestTag/project": "iam-bucket-access" },
          },
        },
      ],
    });
  });

  it("grants no bucket rights to a stack that creates no bucket", () => {
    const sids = deployRolePolicy({ ...DEV, createsBucket: false }).Statement.map((s) => s.Sid);
    assert.ok(!sids.includes("ManageCreatedBucket"));
  });
});

describe("stackRoleStatements", () => {
  it("lets the role manage its stack's bounded roles, and never pass, inline, unbind or assume one", () => {
    const roles = "arn:aws:iam::123456789012:role/iam-bucket-access/dev/*";
    assert.deepEqual(stackRoleStatements({ ...DEV, roles: true }), [
      {
        Sid: "ManageStackRoles",
        Effect: "Allow",
        Action: [...IAM_ROLE_MANAGE_ACTIONS],
        Resource: roles,
      },
      {
        Sid: "CreateStackRolesWithBoundary",
        Effect: "Allow",
        Action: [...IAM_ROLE_BOUNDED_ACTIONS],
        Resource: roles,
        Condition: { StringEquals: { "iam:PermissionsBoundary": BOUNDARY } },
      },
      {
        Sid: "AttachStackPoliciesToBoundedRoles",
        Effect: "Allow",
        Action: [...IAM_ROLE_ATTACH_ACTIONS],
        Resource: roles,
        Condition: {
          ArnLike: { "iam:PolicyARN": "arn:aws:iam::123456789012:policy/iam-bucket-access/dev/*" },
          StringEquals: { "iam:PermissionsBoundary": BOUNDARY },
        },
      },
      {
        Sid: "DenyRolesWithoutTheBoundary",
        Effect: "Deny",
        Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
        Resource: "*",
        Condition: { StringNotEquals: { "iam:PermissionsBoundary": BOUNDARY } },
      },
      {
        Sid: "DenyRoleBoundaryRemoval",
        Effect: "Deny",
        Action: ["iam:DeleteRolePermissionsBoundary"],
        Resource: "*",
      },
      {
        Sid: "DenyPassingRolesAndInlinePolicies",
        Effect: "Deny",
        Action: ["iam:PassRole", "iam:PutRolePolicy"],
        Resource: "*",
      },
      {
        Sid: "DenyTrustChangesBeyondStackRoles",
        Effect: "Deny",
        Action: ["iam:UpdateAssumeRolePolicy"],
        NotResource: [roles],
      },
      {
        Sid: "DenyAssumingRoles",
        Effect: "Deny",
        Action: ["sts:AssumeRole"],
        Resource: "*",
      },
    ]);
  });

  it("are the deploy role's only with roles, appended to what it had", () => {
    const withRoles = deployRolePolicy({ ...DEV, roles: true }).Statement;
    const without = deployRolePolicy(DEV).Statement;
    assert.deepEqual(withRoles.slice(0, without.length), without);
    assert.deepEqual(withRoles.slice(without.length), stackRoleStatements({ ...DEV, roles: true }));
    assert.ok(!JSON.stringify(without).includes("Role"));
  });
});

describe("secretsKeyPolicy", () => {
  it("lets the account administer the key, the deploy role use it, and no AWS service use it", () => {
    const role = "arn:aws:iam::123456789012:role/iam-bucket-access/iam-bucket-access-deploy-dev";
    assert.deepEqual(secretsKeyPolicy(ACCOUNT, role), {
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
          Action: ["kms:Encrypt", "kms:Decrypt"],
          Resource: "*",
        },
        {
          Sid: "NoUseThroughAwsServices",
          Effect: "Deny",
          Principal: "*",
          Action: ["kms:*"],
          Resource: "*",
          Condition: { Null: { "kms:ViaService": "false" } },
        },
      ],
    });
  });
});
