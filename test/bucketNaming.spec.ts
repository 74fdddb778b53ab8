// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import {
  checkBucketName,
  checkCreatedBucketPrefix,
  createdBucketName,
  createdBucketPrefix,
} from "../s3/bucketNaming";

describe("checkBucketName", () => {
  const cases: ReadonlyArray<readonly [string, boolean]> = [
    // name, valid under S3's general purpose bucket rules
    ["my-bucket", true],
    ["logs.example.com", true],
    ["abc", true],
    ["ab", false],
    ["a".repeat(64), false],
    ["My-Bucket", false],
    ["my_bucket", false],
    ["-bucket", false],
    ["bucket-", false],
    ["my..bucket", false],
    ["192.168.5.4", false],
    ["xn--bucket", false],
    ["amzn-s3-demo-bucket", false],
    ["bucket-s3alias", false],
    ["bucket--x-s3", false],
  ];
  for (const [name, valid] of cases) {
    it(`${valid ? "accepts" : "rejects"} ${name}`, () => {
      assert.equal(checkBucketName(name) === undefined, valid);
    });
  }
});

describe("createdBucketPrefix", () => {
  it("joins project and stack, lowercasing the stack as S3 requires", () => {
    assert.equal(createdBucketPrefix("iam-bucket-access", "Staging"), "iam-bucket-access-staging");
  });
});

describe("createdBucketName", () => {
  it("appends the random suffix to the prefix", () => {
    assert.equal(
      createdBucketName("iam-bucket-access-dev", "1a2b3c4d"),
      "iam-bucket-access-dev-1a2b3c4d",
    );
  });
});

describe("checkCreatedBucketPrefix", () => {
  it("accepts a prefix whose names, suffix included, fit S3's 63 characters", () => {
    assert.equal(checkCreatedBucketPrefix("x".repeat(54)), undefined);
  });

  it("rejects a prefix one character too long", () => {
    assert.match(
      String(checkCreatedBucketPrefix("x".repeat(55))),
      /a prefix that keeps the created name an S3 bucket name/,
    );
  });
});
