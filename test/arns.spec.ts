// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import * as arns from "../iam/arns";

describe("parseArn", () => {
  it("splits an ARN into partition, service, region, account and resource", () => {
    assert.deepEqual(arns.parseArn("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abc"), {
      partition: "aws-us-gov",
      service: "kms",
      region: "us-gov-west-1",
      accountId: "123456789012",
      resource: "key/abc",
    });
  });

  it("reads S3 ARNs, which have no region and no account", () => {
    assert.deepEqual(arns.parseArn("arn:aws:s3:::my-bucket"), {
      partition: "aws",
      service: "s3",
      region: "",
      accountId: "",
      resource: "my-bucket",
    });
  });

  it("returns undefined for text that is not an ARN", () => {
    assert.equal(arns.parseArn("my-bucket"), undefined);
    assert.equal(arns.parseArn("arn:aws:s3"), undefined);
  });
});

describe("accountOfCaller", () => {
  it("takes the partition from the caller's ARN", () => {
    assert.deepEqual(
      arns.accountOfCaller("arn:aws-cn:sts::123456789012:assumed-role/deploy/s", "123456789012"),
      { partition: "aws-cn", accountId: "123456789012" },
    );
  });
});

describe("objectArns", () => {
  it("covers every object of the bucket when no prefix is set", () => {
    assert.deepEqual(arns.objectArns("aws", "b", []), ["arn:aws:s3:::b/*"]);
  });

  it("covers only the objects under each prefix", () => {
    assert.deepEqual(arns.objectArns("aws", "b", ["in/", "out/"]), [
      "arn:aws:s3:::b/in/*",
      "arn:aws:s3:::b/out/*",
    ]);
  });
});

describe("bucketNameOf", () => {
  it("accepts a bucket name or a bucket ARN", () => {
    assert.equal(arns.bucketNameOf("my-bucket"), "my-bucket");
    assert.equal(arns.bucketNameOf("arn:aws:s3:::my-bucket"), "my-bucket");
  });
});

describe("iamUserArn", () => {
  it("includes the user's path", () => {
    assert.equal(
      arns.iamUserArn({ partition: "aws", accountId: "123456789012" }, "/team/", "app"),
      "arn:aws:iam::123456789012:user/team/app",
    );
  });
});
