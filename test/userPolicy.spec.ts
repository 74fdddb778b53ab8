// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { ACCESS_LEVELS } from "../iam/accessLevels";
import { buildUserPolicy, UserPolicySettings } from "../iam/userPolicy";

const BASE: UserPolicySettings = {
  account: { partition: "aws", accountId: "123456789012" },
  bucket: "my-bucket",
  access: "read-write",
  prefixes: [],
  allowDelete: false,
  listAllBuckets: true,
  userName: "app",
  path: "/iam-bucket-access/",
  console: false,
  requireMfa: false,
};
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The only actions AWS grants on nothing narrower than `*`. */
const STAR_ONLY_ACTIONS = ["s3:ListAllMyBuckets", "iam:GetAccountPasswordPolicy"];

/** Every combination of the settings that shape the policy. */
function allSettings(): UserPolicySettings[] {
  const combinations: UserPolicySettings[] = [];
  for (const access of ACCESS_LEVELS) {
    for (const prefixes of [[], ["reports/"], ["a/", "b/c/"]]) {
      for (const allowDelete of [false, true]) {
        for (const listAllBuckets of [false, true]) {
          for (const kmsKeyArn of [undefined, KEY]) {
            for (const [console, requireMfa] of [
              [false, false],
              [true, false],
              [true, true],
            ]) {
              combinations.push({
                ...BASE,
                access,
                prefixes,
                allowDelete,
                listAllBuckets,
                kmsKeyArn,
                console,
                requireMfa,
              });
            }
          }
        }
      }
    }
  }
  return combinations;
}

describe("buildUserPolicy", () => {
  it("holds the bucket statements alone when the console is off", () => {
    const sids = buildUserPolicy(BASE).Statement.map((s) => s.Sid);
    assert.deepEqual(sids, [
      "LocateBucket",
      "ListObjectsInScope",
      "ReadObjectsInScope",
      "WriteObjectsInScope",
      "ListAllBuckets",
      "DenyInsecureTransport",
      "DenyCustomerProvidedKeyWrites",
    ]);
  });

  it("adds console self-service after the bucket statements when the console is on", () => {
    const sids = buildUserPolicy({ ...BASE, console: true, requireMfa: true }).Statement.map(
      (s) => s.Sid,
    );
    assert.deepEqual(sids.slice(7), [
      "ChangeOwnPassword",
      "ReadAccountPasswordPolicy",
      "CreateVirtualMfaDevice",
      "ManageOwnMfaDevice",
      "DeactivateOwnMfaDeviceWithMfa",
      "DenyConsoleWithoutMfa",
    ]);
  });

  it("is exactly this document for read access to two prefixes, with a KMS key and an MFA-held console", () => {
    const userArn = "arn:aws:iam::123456789012:user/iam-bucket-access/test/app-user";
    assert.deepEqual(
      buildUserPolicy({
        ...BASE,
        userName: "app-user",
        path: "/iam-bucket-access/test/",
        access: "read",
        prefixes: ["in/", "out/"],
        kmsKeyArn: KEY,
        listAllBuckets: false,
        console: true,
        requireMfa: true,
      }),
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "LocateBucket",
            Effect: "Allow",
            Action: ["s3:GetBucketLocation"],
            Resource: "arn:aws:s3:::my-bucket",
          },
          {
            Sid: "ListObjectsInScope",
            Effect: "Allow",
            Action: ["s3:ListBucket"],
            Resource: "arn:aws:s3:::my-bucket",
            Condition: { StringLike: { "s3:prefix": ["in/*", "out/*"] } },
          },
          {
            Sid: "ReadObjectsInScope",
            Effect: "Allow",
            Action: ["s3:GetObject"],
            Resource: ["arn:aws:s3:::my-bucket/in/*", "arn:aws:s3:::my-bucket/out/*"],
          },
          {
            Sid: "UseBucketKeyViaS3",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: KEY,
            Condition: {
              StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
            },
          },
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject"],
            Resource: ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            Sid: "ChangeOwnPassword",
            Effect: "Allow",
            Action: ["iam:ChangePassword", "iam:GetUser"],
            Resource: userArn,
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
            Resource: userArn,
          },
          {
            Sid: "DeactivateOwnMfaDeviceWithMfa",
            Effect: "Allow",
            Action: ["iam:DeactivateMFADevice"],
            Resource: userArn,
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
          },
          {
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
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
          },
        ],
      },
    );
  });

  describe("over all 216 combinations of settings", () => {
    const combinations = allSettings();

    it("never grants a wildcard action", () => {
      for (const settings of combinations) {
        for (const statement of buildUserPolicy(settings).Statement.filter(
          (s) => s.Effect === "Allow",
        )) {
          for (const action of statement.Action ?? []) {
            assert.match(action, /^[a-z0-9]+:[A-Za-z0-9]+$/, `${statement.Sid} grants ${action}`);
          }
          assert.equal(statement.NotAction, undefined, `${statement.Sid} allows by NotAction`);
        }
      }
      assert.equal(combinations.length, 216);
    });

    it("grants on Resource * only the actions AWS allows nowhere else", () => {
      for (const settings of combinations) {
        for (const statement of buildUserPolicy(settings).Statement) {
          if (statement.Effect === "Allow" && statement.Resource === "*") {
            for (const action of statement.Action ?? []) {
              assert.ok(
                STAR_ONLY_ACTIONS.includes(action),
                `${statement.Sid} grants ${action} on *`,
              );
            }
          }
        }
      }
    });

    it("names only the configured bucket in its S3 resources", () => {
      for (const settings of combinations) {
        const resources = buildUserPolicy(settings).Statement.flatMap((s) => [s.Resource].flat());
        for (const resource of resources.filter((r) => r.startsWith("arn:aws:s3:::"))) {
          assert.match(resource, /^arn:aws:s3:::my-bucket(\/.*)?$/);
        }
      }
    });

    it("stays within the 6,144 characters IAM allows a managed policy", () => {
      for (const settings of combinations) {
        const size = JSON.stringify(buildUserPolicy(settings)).replace(/\s/g, "").length;
        assert.ok(size <= 6144, `policy of ${size} characters`);
      }
    });
  });
});
