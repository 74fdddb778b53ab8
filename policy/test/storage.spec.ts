import * as assert from "node:assert/strict";
import {
  s3BucketEncrypted,
  s3BucketOwnerEnforced,
  s3BucketPublicAccessBlocked,
  s3BucketTlsOnly,
  s3BucketVersioned,
} from "../storage";
import { assertViolation, ResourceSpec, stackViolations } from "./util";

const NAME = "data-1a2b3c4d";
const bucket: ResourceSpec = {
  type: "aws:s3/bucket:Bucket",
  name: "bucket",
  props: { bucket: NAME },
};
const configuring = (type: string, props: Record<string, unknown>): ResourceSpec => ({
  type,
  name: "config",
  props: { bucket: NAME, ...props },
});
const tlsPolicy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:*"],
      Resource: [`arn:aws:s3:::${NAME}`, `arn:aws:s3:::${NAME}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ],
};

const cases: ReadonlyArray<{
  policy: typeof s3BucketEncrypted;
  type: string;
  good: Record<string, unknown>;
  bad: Record<string, unknown>;
  message: RegExp;
}> = [
  {
    policy: s3BucketPublicAccessBlocked,
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    good: {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    bad: { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true },
    message: /Bucket bucket \(data-1a2b3c4d\) must block all public access/,
  },
  {
    policy: s3BucketEncrypted,
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    good: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    bad: { rules: [] },
    message: /must encrypt objects by default/,
  },
  {
    policy: s3BucketVersioned,
    type: "aws:s3/bucketVersioning:BucketVersioning",
    good: { versioningConfiguration: { status: "Enabled" } },
    bad: { versioningConfiguration: { status: "Suspended" } },
    message: /must keep object versions/,
  },
  {
    policy: s3BucketOwnerEnforced,
    type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    good: { rule: { objectOwnership: "BucketOwnerEnforced" } },
    bad: { rule: { objectOwnership: "ObjectWriter" } },
    message: /must own every object/,
  },
  {
    policy: s3BucketTlsOnly,
    type: "aws:s3/bucketPolicy:BucketPolicy",
    good: { policy: JSON.stringify(tlsPolicy) },
    bad: {
      policy: JSON.stringify({
        ...tlsPolicy,
        Statement: [
          { ...tlsPolicy.Statement[0], Condition: { Bool: { "aws:SecureTransport": "true" } } },
        ],
      }),
    },
    message: /must deny requests without TLS/,
  },
];

for (const { policy, type, good, bad, message } of cases) {
  describe(`#${policy.name}`, () => {
    it("passes a bucket configured as required", async () => {
      assert.deepEqual(await stackViolations(policy, [bucket, configuring(type, good)]), []);
    });

    it("fails a bucket configured otherwise", async () => {
      assertViolation(await stackViolations(policy, [bucket, configuring(type, bad)]), message);
    });

    it("fails a bucket with no such configuration", async () => {
      assertViolation(await stackViolations(policy, [bucket]), message);
    });

    it("does not count another bucket's configuration", async () => {
      const other = configuring(type, { ...good, bucket: "another-bucket" });
      assertViolation(await stackViolations(policy, [bucket, other]), message);
    });
  });
}
