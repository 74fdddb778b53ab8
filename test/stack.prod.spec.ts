import { ACCOUNT_ID } from "../tools/runner/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { ProgramRun, promiseOf, runProgram, stackFileConfig } from "../tools/runner/program";
import { buildUserPolicy } from "../iam/userPolicy";
import { outputOf, parsedJson } from "./support/specHelpers";

describe("stack prod (Pulumi.prod.yaml)", () => {
  let run: ProgramRun;
  const bucket = String(stackFileConfig("prod")["iam-bucket-access:bucketName"]);

  before(async () => {
    run = await runProgram("prod");
  });

  it("uses the configured bucket and creates no bucket of its own", () => {
    assert.ok(run.registrations.length > 0);
    assert.ok(!run.registrations.some((r) => r.type.startsWith("aws:s3/")));
    assert.deepEqual(
      run.resources.map((r) => `${r.type} ${r.name}`),
      [
        "iam-bucket-access:index:BucketAccessUser app",
        "aws:iam/user:User app",
        "aws:iam/policy:Policy app-policy",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment app-policy-attachment",
        "aws:iam/accessKey:AccessKey app-key",
      ],
    );
  });

  it("protects every AWS resource", () => {
    const awsResources = run.resources.filter((r) => r.type.startsWith("aws:"));
    assert.ok(awsResources.length > 0);
    for (const resource of awsResources) {
      assert.equal(resource.opts.protect, true, `${resource.type} ${resource.name}`);
    }
  });

  it("exports the access key but no console outputs", () => {
    assert.deepEqual(Object.keys(run.outputs).sort(), [
      "accessKeyId",
      "accountId",
      "bucketName",
      "policyArn",
      "policyJson",
      "secretAccessKey",
      "userArn",
      "userName",
    ]);
  });

  it("keeps the secret access key secret in the stack outputs", async () => {
    assert.equal(await pulumi.isSecret(outputOf(run.outputs, "secretAccessKey")), true);
    assert.equal(await pulumi.isSecret(outputOf(run.outputs, "accessKeyId")), false);
  });

  it("grants the user read-write on the configured prefixes of the configured bucket, no console rights and no bucket list", async () => {
    assert.equal(await promiseOf(outputOf(run.outputs, "bucketName")), bucket);
    const policy = parsedJson(await promiseOf(outputOf(run.outputs, "policyJson")));
    assert.deepEqual(
      policy,
      buildUserPolicy({
        account: { partition: "aws", accountId: ACCOUNT_ID },
        bucket,
        access: "read-write",
        prefixes: stackFileConfig("prod")["iam-bucket-access:prefixes"] as string[],
        allowDelete: false,
        listAllBuckets: false,
        userName: "iam-bucket-access-prod",
        path: "/iam-bucket-access/prod/",
        console: false,
        requireMfa: false,
      }),
    );
  });
});
