import { resetRegistrations } from "../tools/runner/mocks";
import * as assert from "node:assert/strict";
import { SecureBucket, SecureBucketArgs } from "../components/secureBucket";
import { promiseOf, recordResources, registered } from "../tools/runner/program";
import { tlsOnlyBucketPolicy } from "../iam/bucketAccess";
import { failedConstruction, inputsOfOnly, parsedJson } from "./support/specHelpers";

/** The one rule of the bucket's default encryption. */
function encryptionRule(): Record<string, unknown> {
  const rules = inputsOfOnly(
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  ).rules as ReadonlyArray<Record<string, unknown>>;
  assert.equal(rules.length, 1);
  return rules[0];
}

/** Builds a bucket and waits for every child to register. */
async function build(args: Partial<SecureBucketArgs> = {}) {
  const recorder = recordResources();
  const bucket = new SecureBucket(
    "data",
    { namePrefix: "iam-bucket-access-dev", tags: { env: "dev" }, ...args },
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
    assert.deepEqual(encryptionRule().applyServerSideEncryptionByDefault, {
      sseAlgorithm: "AES256",
    });
    assert.deepEqual(
      inputsOfOnly("aws:s3/bucketVersioning:BucketVersioning").versioningConfiguration,
      { status: "Enabled" },
    );
  });

  it("refuses uploads with a customer-provided key (SSE-C), so no writer can lock the owner out", async () => {
    await build();
    assert.deepEqual(encryptionRule().blockedEncryptionTypes, ["SSE-C"]);
  });

  it("attaches a TLS-only bucket policy after public access is blocked", async () => {
    const { bucket, children } = await build();
    const name = await promiseOf(bucket.bucketName);
    const policy = parsedJson(inputsOfOnly("aws:s3/bucketPolicy:BucketPolicy").policy);
    assert.deepEqual(policy, tlsOnlyBucketPolicy("aws", name));
    const bucketPolicy = children.find((c) => c.type === "aws:s3/bucketPolicy:BucketPolicy");
    const blockPublic = children.find((c) => c.type.endsWith("BucketPublicAccessBlock"));
    assert.deepEqual(bucketPolicy?.opts.dependsOn, [blockPublic?.resource]);
  });

  it("protects every child when protect is set", async () => {
    const { children } = await build({ protect: true });
    assert.equal(children.length, 8);
    assert.ok(children.every((child) => child.opts.protect === true));
  });

  describe("lifecycle", () => {
    const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";

    it("expires noncurrent versions after 30 days and aborts uploads after 7, on every object", async () => {
      const { bucket } = await build();
      const lifecycle = inputsOfOnly(LIFECYCLE);
      assert.equal(lifecycle.bucket, await promiseOf(bucket.bucketName));
      assert.deepEqual(lifecycle.rules, [
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: {},
          noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
        {
          id: "abort-incomplete-multipart-uploads",
          status: "Enabled",
          filter: {},
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ]);
    });

    it("takes the days from its arguments", async () => {
      await build({ noncurrentVersionExpirationDays: 90, abortIncompleteMultipartUploadDays: 1 });
      const [versions, uploads] = inputsOfOnly(LIFECYCLE).rules as Array<Record<string, unknown>>;
      assert.deepEqual(versions.noncurrentVersionExpiration, { noncurrentDays: 90 });
      assert.deepEqual(uploads.abortIncompleteMultipartUpload, { daysAfterInitiation: 1 });
    });

    it("is set once versioning is", async () => {
      const { children } = await build();
      const lifecycle = children.find((c) => c.type === LIFECYCLE);
      const versioning = children.find(
        (c) => c.type === "aws:s3/bucketVersioning:BucketVersioning",
      );
      assert.deepEqual(lifecycle?.opts.dependsOn, [versioning?.resource]);
    });

    const badDays = [
      // not a whole number of days, or none
      ["noncurrentVersionExpirationDays", 0],
      ["noncurrentVersionExpirationDays", 1.5],
      ["abortIncompleteMultipartUploadDays", -7],
      ["abortIncompleteMultipartUploadDays", Number.NaN],
    ] as const;
    for (const [field, days] of badDays) {
      it(`rejects ${field} ${days}, before anything is constructed`, () => {
        const { error, built } = failedConstruction(
          (opts) =>
            new SecureBucket("bad", { namePrefix: "iam-bucket-access-dev", [field]: days }, opts),
        );
        assert.match(
          error.message,
          new RegExp(
            `args\\.${field}: got ${JSON.stringify(days)}; expected a whole number of 1 or more`,
          ),
        );
        assert.deepEqual(built, []);
      });
    }

    it("names every bad argument in one error", () => {
      assert.throws(
        () =>
          new SecureBucket("bad", {
            namePrefix: "x".repeat(60),
            noncurrentVersionExpirationDays: 0,
            abortIncompleteMultipartUploadDays: 0,
          }),
        /invalid SecureBucket bad:\nargs\.namePrefix: .*\nargs\.noncurrentVersionExpirationDays: got 0; .*\nargs\.abortIncompleteMultipartUploadDays: got 0; /,
      );
    });
  });

  it("rejects a prefix too long for a bucket name, before anything is constructed", () => {
    const { error, built } = failedConstruction(
      (opts) => new SecureBucket("long", { namePrefix: "x".repeat(60) }, opts),
    );
    assert.match(
      error.message,
      /args\.namePrefix: got "x{60}"; expected a prefix that keeps the created name an S3 bucket name/,
    );
    assert.deepEqual(built, []);
  });
});
