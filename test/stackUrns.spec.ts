import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { promiseOf, runProgram } from "../tools/runner/program";

/**
 * The URNs of every resource the committed stacks deployed before the components' type tokens
 * moved to `iam-bucket-access:index:<Name>`: a resource's identity, so one no resource answers
 * to any more would be replaced. Written out on purpose; each is `<parent type>$<type>::<name>`
 * after `urn:pulumi:<stack>::iam-bucket-access::` (top-level resources have no parent type).
 * Resources added since have only their own URN under the current tokens.
 */
const URNS: Readonly<Record<string, readonly string[]>> = {
  dev: [
    "iam-bucket-access:s3:SecureBucket::bucket",
    "iam-bucket-access:s3:SecureBucket$random:index/randomId:RandomId::bucket-suffix",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucket:Bucket::bucket",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::bucket-public-access-block",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketOwnershipControls:BucketOwnershipControls::bucket-ownership",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration::bucket-encryption",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketVersioning:BucketVersioning::bucket-versioning",
    "iam-bucket-access:s3:SecureBucket$aws:s3/bucketPolicy:BucketPolicy::bucket-tls-only",
    // Added with the expiry of noncurrent versions and incomplete uploads.
    "iam-bucket-access:index:SecureBucket$aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration::bucket-lifecycle",
    "iam-bucket-access:iam:BucketAccessUser::app",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/user:User::app",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/policy:Policy::app-policy",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/userPolicyAttachment:UserPolicyAttachment::app-policy-attachment",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/accessKey:AccessKey::app-key",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/userLoginProfile:UserLoginProfile::app-login",
  ],
  prod: [
    "iam-bucket-access:iam:BucketAccessUser::app",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/user:User::app",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/policy:Policy::app-policy",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/userPolicyAttachment:UserPolicyAttachment::app-policy-attachment",
    "iam-bucket-access:iam:BucketAccessUser$aws:iam/accessKey:AccessKey::app-key",
  ],
};

describe("the committed stacks' resources", () => {
  for (const [stack, urns] of Object.entries(URNS)) {
    it(`keep answering to their URNs in ${stack} (aliases where a type token moved), so an upgrade replaces nothing`, async () => {
      const run = await runProgram(stack);
      const prefix = `urn:pulumi:${stack}::iam-bucket-access::`;
      const names = await Promise.all(
        run.resources.map(async (built) => {
          const parent = run.resources.find((other) => other.resource === built.opts.parent);
          const aliases = pulumi.allAliases(
            built.opts.aliases ?? [],
            built.name,
            built.type,
            parent?.resource ?? run.stackResource ?? built.resource,
            parent?.name ?? `iam-bucket-access-${stack}`,
          );
          const all = await Promise.all([built.resource.urn, ...aliases].map(promiseOf));
          // The engine leaves the root stack out of its children's URNs; the mocks keep it.
          return all.map((urn) => urn.slice(prefix.length).replace(/^pulumi:pulumi:Stack\$/, ""));
        }),
      );
      assert.deepEqual(
        urns.map((urn) => names.filter((answers) => answers.includes(urn)).length),
        urns.map(() => 1),
        "each deployed URN is answered to by exactly one resource",
      );
      assert.equal(names.length, urns.length);
    });
  }
});
