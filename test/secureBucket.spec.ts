import { registrations, resetRegistrations } from "../offline/mocks";
import * as assert from "node:assert/strict";
import type * as Component from "../components/secureBucket";
import { promiseOf, recordResources, registered } from "../offline/program";
import { inputsOfOnly } from "../offline/specHelpers";

let SecureBucket: typeof Component.SecureBucket;

before(async () => {
  ({ SecureBucket } = await import("../components/secureBucket"));
});

/** Builds a bucket and waits for every child to register. */
async function build(protect?: boolean) {
  const recorder = recordResources();
  const bucket = new SecureBucket(
    "data",
    { namePrefix: "iam-bucket-access-dev", tags: { env: "dev" }, protect },
    { transformations: [recorder.transformation] },
  );
  await registered(recorder.resources);
  return { bucket, children: recorder.resources.filter((r) => r.opts.parent === bucket) };
}

describe("SecureBucket", () => {
  beforeEach(resetRegistrations);

  it("names the bucket with the prefix and 8 random hex digits", async () => {
    const { bucket } = await build();
    assert.equal(inputsOfOnly("random:index/randomId:RandomId").byteLength, 4);
    assert.match(await promiseOf(bucket.bucketName), /^iam-bucket-access-dev-[0-9a-f]{8}$/);
    assert.deepEqual(inputsOfOnly("aws:s3/bucket:Bucket").tags, { env: "dev" });
  });

  it("blocks every kind of public access", async () => {
    const { bucket } = await build();
    assert.deepEqual(inputsOfOnly("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"), {
      bucket: await promiseOf(bucket.bucketName),
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  });

  it("enforces bucket-owner ownership, so ACLs grant nothing", async () => {
    await build();
    assert.deepEqual(inputsOfOnly("aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule, {
      objectOwnership: "BucketOwnerEnforced",
    });
  });

  it("encrypts objects by default and keeps their versions", async () => {
    await build();
    assert.deepEqual(
      inputsOfOnly(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      ).rules,
      [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    );
    assert.deepEqual(
      inputsOfOnly("aws:s3/bucketVersioning:BucketVersioning").versioningConfiguration,
      { status: "Enabled" },
    );
  });

  it("attaches a TLS-only bucket policy after public access is blocked", async () => {
    const { bucket, children } = await build();
    const name = await promiseOf(bucket.bucketName);
    const policy = JSON.parse(String(inputsOfOnly("aws:s3/bucketPolicy:BucketPolicy").policy));
    assert.deepEqual(policy.Statement[0].Resource, [
      `arn:aws:s3:::${name}`,
      `arn:aws:s3:::${name}/*`,
    ]);
    assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    const bucketPolicy = children.find((c) => c.type === "aws:s3/bucketPolicy:BucketPolicy");
    const blockPublic = children.find((c) => c.type.endsWith("BucketPublicAccessBlock"));
    assert.deepEqual(bucketPolicy?.opts.dependsOn, [blockPublic?.resource]);
  });

  it("protects every child when protect is set", async () => {
    const { children } = await build(true);
    assert.equal(children.length, 7);
    assert.ok(children.every((child) => child.opts.protect === true));
  });

  it("rejects a prefix too long for a bucket name, before anything is registered", () => {
    assert.throws(
      () => new SecureBucket("long", { namePrefix: "x".repeat(60) }),
      /args\.namePrefix: got "x{60}"; expected a prefix that keeps the created name an S3 bucket name/,
    );
    assert.deepEqual(registrations, []);
  });
});
