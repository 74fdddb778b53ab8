import * as assert from "node:assert/strict";
import { promiseOf, runProgram } from "../offline/program";

/**
 * The URNs of every resource the committed stacks deploy: a resource's identity, so a change
 * here replaces it. Written out on purpose (a rename must come with an alias); each is
 * `<parent type>$<type>::<name>` after `urn:pulumi:<stack>::iam-bucket-access::`.
 */
const URNS: Readonly<Record<string, readonly string[]>> = {
  dev: [
    "pulumi:pulumi:Stack$iam-bucket-access:s3:SecureBucket::bucket",
    "iam-bucket-access:s3:SecureBucket$random:index/randomId:RandomId::bucket-suffix",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucket:Bucket::bucket",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::bucket-public-access-block",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketOwnershipControls:BucketOwnershipControls::bucket-ownership",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::bucket-encryption",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketVersioning:BucketVersioning::bucket-versioning",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketPolicy:BucketPolicy::bucket-tls-only",
    "pulumi:pulumi:Stack$iam-bucket-access:iam:BucketAccessUser::app",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/user:User::app",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/policy:Policy::app-policy",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/userPolicyAttachment:UserPolicyAttachment::app-policy-attachment",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/accessKey:AccessKey::app-key",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/userLoginProfile:UserLoginProfile::app-login",
  ],
  prod: [
    "pulumi:pulumi:Stack$iam-bucket-access:iam:BucketAccessUser::app",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/user:User::app",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/policy:Policy::app-policy",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/userPolicyAttachment:UserPolicyAttachment::app-policy-attachment",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/accessKey:AccessKey::app-key",
  ],
};

describe("the committed stacks' resources", () => {
  for (const [stack, urns] of Object.entries(URNS)) {
    it(`keep their URNs in ${stack}, so an upgrade replaces nothing`, async () => {
      const run = await runProgram(stack);
      const prefix = `urn:pulumi:${stack}::iam-bucket-access::`;
      const actual = await Promise.all(run.resources.map((r) => promiseOf(r.resource.urn)));
      assert.deepEqual(
        actual.map((urn) => urn.slice(prefix.length)),
        urns,
      );
    });
  }
});
