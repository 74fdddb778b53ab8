// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { BucketAccess, bucketAccessStatements, tlsOnlyBucketPolicy } from "../iam/bucketAccess";

const BUCKET = "my-bucket";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The settings of the Terraform original: read-write, whole bucket, no delete. */
const BASE: BucketAccess = {
  partition: "aws",
  bucket: BUCKET,
  access: "read-write",
  prefixes: [],
  allowDelete: false,
  listAllBuckets: true,
};

const locate = {
  Sid: "LocateBucket",
  Effect: "Allow",
  Action: ["s3:GetBucketLocation"],
  Resource: "arn:aws:s3:::my-bucket",
};
const list = {
  Sid: "ListObjectsInScope",
  Effect: "Allow",
  Action: ["s3:ListBucket"],
  Resource: "arn:aws:s3:::my-bucket",
};
const read = {
  Sid: "ReadObjectsInScope",
  Effect: "Allow",
  Action: ["s3:GetObject"],
  Resource: ["arn:aws:s3:::my-bucket/*"],
};
const write = {
  Sid: "WriteObjectsInScope",
  Effect: "Allow",
  Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
  Resource: ["arn:aws:s3:::my-bucket/*"],
};
const listAll = {
  Sid: "ListAllBuckets",
  Effect: "Allow",
  Action: ["s3:ListAllMyBuckets"],
  Resource: "*",
};
const denyHttp = (actions: string[]) => ({
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Action: actions,
  Resource: ["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
});

const denyCustomerKey = {
  Sid: "DenyCustomerProvidedKeyWrites",
  Effect: "Deny",
  Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
  Resource: ["arn:aws:s3:::my-bucket/*"],
  Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } },
};

describe("bucketAccessStatements", () => {
  it("grants read-write as locate, list, get, put and abort, TLS only, refusing SSE-C writes", () => {
    assert.deepEqual(bucketAccessStatements(BASE), [
      locate,
      list,
      read,
      write,
      listAll,
      denyHttp([
        "s3:GetBucketLocation",
        "s3:ListBucket",
        "s3:GetObject",
        "s3:PutObject",
        "s3:AbortMultipartUpload",
      ]),
      denyCustomerKey,
    ]);
  });

  it("grants read as locate, list and get only", () => {
    assert.deepEqual(bucketAccessStatements({ ...BASE, access: "read" }), [
      locate,
      list,
      read,
      listAll,
      denyHttp(["s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject"]),
    ]);
  });

  it("grants write without listing, so a writer cannot enumerate keys", () => {
    assert.deepEqual(bucketAccessStatements({ ...BASE, access: "write" }), [
      locate,
      write,
      listAll,
      denyHttp(["s3:GetBucketLocation", "s3:PutObject", "s3:AbortMultipartUpload"]),
      denyCustomerKey,
    ]);
  });

  it("grants no s3:DeleteObject unless allowDelete is set", () => {
    const actions = (settings: BucketAccess) =>
      bucketAccessStatements(settings)
        .filter((s) => s.Effect === "Allow")
        .flatMap((s) => s.Action ?? []);
    assert.ok(!actions(BASE).includes("s3:DeleteObject"));
    assert.deepEqual(bucketAccessStatements({ ...BASE, allowDelete: true })[4], {
      Sid: "DeleteObjectsInScope",
      Effect: "Allow",
      Action: ["s3:DeleteObject"],
      Resource: ["arn:aws:s3:::my-bucket/*"],
    });
  });

  it("limits objects and listing to the prefixes", () => {
    const statements = bucketAccessStatements({ ...BASE, prefixes: ["in/", "out/"] });
    assert.deepEqual(statements.slice(1, 4), [
      { ...list, Condition: { StringLike: { "s3:prefix": ["in/*", "out/*"] } } },
      { ...read, Resource: ["arn:aws:s3:::my-bucket/in/*", "arn:aws:s3:::my-bucket/out/*"] },
      { ...write, Resource: ["arn:aws:s3:::my-bucket/in/*", "arn:aws:s3:::my-bucket/out/*"] },
    ]);
  });

  it("leaves out ListAllMyBuckets when listAllBuckets is off", () => {
    const sids = bucketAccessStatements({ ...BASE, listAllBuckets: false }).map((s) => s.Sid);
    assert.ok(!sids.includes("ListAllBuckets"));
  });

  it("lets only S3 use the KMS key, to read and write", () => {
    const kms = bucketAccessStatements({ ...BASE, kmsKeyArn: KEY, prefixes: ["in/"] }).find(
      (s) => s.Sid === "UseBucketKeyViaS3",
    );
    assert.deepEqual(kms, {
      Sid: "UseBucketKeyViaS3",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: KEY,
      Condition: {
        StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
      },
    });
  });

  it("grants only kms:Decrypt to a reader", () => {
    const kms = bucketAccessStatements({ ...BASE, access: "read", kmsKeyArn: KEY }).find(
      (s) => s.Sid === "UseBucketKeyViaS3",
    );
    assert.deepEqual(kms?.Action, ["kms:Decrypt"]);
  });

  it("names the China partition's S3 endpoint in kms:ViaService", () => {
    const cnKey = "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const kms = bucketAccessStatements({ ...BASE, partition: "aws-cn", kmsKeyArn: cnKey }).find(
      (s) => s.Sid === "UseBucketKeyViaS3",
    );
    assert.deepEqual(kms?.Condition?.StringEquals, {
      "kms:ViaService": "s3.cn-north-1.amazonaws.com.cn",
    });
  });
});

describe("tlsOnlyBucketPolicy", () => {
  it("denies every principal every S3 action on the bucket without TLS", () => {
    assert.deepEqual(tlsOnlyBucketPolicy("aws", BUCKET), {
      Version: "2012-10-17",
      Statement: [{ ...denyHttp(["s3:*"]), Principal: "*" }],
    });
  });
});
