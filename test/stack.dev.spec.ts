import { ACCOUNT_ID } from "../tools/runner/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { ProgramRun, promiseOf, runProgram } from "../tools/runner/program";
import { outputOf, parsedPolicy } from "./support/specHelpers";

describe("stack dev (Pulumi.dev.yaml)", () => {
  let run: ProgramRun;

  before(async () => {
    run = await runProgram("dev");
  });

  it("creates its own secure bucket and one bucket-access user", () => {
    assert.deepEqual(
      run.resources.map((r) => `${r.type} ${r.name}`),
      [
        "iam-bucket-access:index:SecureBucket bucket",
        "random:index/randomId:RandomId bucket-suffix",
        "aws:s3/bucket:Bucket bucket",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock bucket-public-access-block",
        "aws:s3/bucketOwnershipControls:BucketOwnershipControls bucket-ownership",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration bucket-encryption",
        "aws:s3/bucketVersioning:BucketVersioning bucket-versioning",
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration bucket-lifecycle",
        "aws:s3/bucketPolicy:BucketPolicy bucket-tls-only",
        "iam-bucket-access:index:BucketAccessUser app",
        "aws:iam/user:User app",
        "aws:iam/policy:Policy app-policy",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment app-policy-attachment",
        "aws:iam/accessKey:AccessKey app-key",
        "aws:iam/userLoginProfile:UserLoginProfile app-login",
      ],
    );
  });

  it("exports every output of the key and the console", () => {
    assert.deepEqual(Object.keys(run.outputs).sort(), [
      "accessKeyId",
      "accountId",
      "bucketName",
      "consolePassword",
      "consoleSignInUrl",
      "consoleUsername",
      "policyArn",
      "policyJson",
      "secretAccessKey",
      "userArn",
      "userName",
    ]);
  });

  it("keeps the secret access key and the console password secret in the stack outputs", async () => {
    assert.equal(await pulumi.isSecret(outputOf(run.outputs, "secretAccessKey")), true);
    assert.equal(await pulumi.isSecret(outputOf(run.outputs, "consolePassword")), true);
    for (const name of ["accessKeyId", "userName", "userArn", "bucketName", "policyJson"]) {
      assert.equal(await pulumi.isSecret(outputOf(run.outputs, name)), false, name);
    }
  });

  it("names the user after the stack and grants it read-write on the created bucket", async () => {
    const bucket = String(await promiseOf(outputOf(run.outputs, "bucketName")));
    assert.match(bucket, /^iam-bucket-access-dev-[0-9a-f]{8}$/);
    assert.equal(await promiseOf(outputOf(run.outputs, "userName")), "iam-bucket-access-dev");
    const policy = parsedPolicy(await promiseOf(outputOf(run.outputs, "policyJson")));
    const write = policy.Statement.find((s) => s.Sid === "WriteObjectsInScope");
    assert.deepEqual(write?.Resource, [`arn:aws:s3:::${bucket}/*`]);
  });

  it("points the console user at the account's sign-in page", async () => {
    assert.equal(await promiseOf(outputOf(run.outputs, "accountId")), ACCOUNT_ID);
    assert.equal(
      await promiseOf(outputOf(run.outputs, "consoleSignInUrl")),
      `https://${ACCOUNT_ID}.signin.aws.amazon.com/console`,
    );
  });

  it("protects nothing, so the demo can be torn down", () => {
    assert.ok(run.resources.every((r) => !r.opts.protect));
  });
});

describe("stack dev with protect set", () => {
  it("protects every resource it creates, its own bucket's among them", async () => {
    const run = await runProgram("dev", { protect: true });
    const created = run.resources.filter((r) => !r.type.startsWith("iam-bucket-access:"));
    assert.ok(created.some((r) => r.type === "aws:s3/bucket:Bucket"));
    for (const resource of created) {
      assert.equal(resource.opts.protect, true, `${resource.type} ${resource.name}`);
    }
  });
});
