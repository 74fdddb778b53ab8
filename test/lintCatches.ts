/**
 * Mistakes the lint step must catch, each silenced by a directive that names the rule catching
 * it. `npm test` lints with unused directives as errors, so a rule that stops catching its
 * mistake fails the build. Type-checked and linted; nothing here is ever called.
 */
import * as s3 from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";

declare const bucketArn: pulumi.Output<string>;
declare function deploy(): Promise<void>;

/** What @pulumi/eslint-plugin catches: an Output in text is a warning, not the ARN. */
export function outputsAsText(): string[] {
  return [
    // oxlint-disable-next-line typescript/restrict-template-expressions, typescript/no-base-to-string -- an Output in a template literal
    `arn:${bucketArn}`,
    // oxlint-disable-next-line typescript/no-base-to-string -- an Output turned into text
    String(bucketArn),
  ];
}

/** A deployment step nobody waits for: its failure is lost. */
export function startWithoutWaiting(): void {
  // oxlint-disable-next-line typescript/no-floating-promises -- the promise is dropped
  deploy();
}

/** What the provider has deprecated: a resource type, and an argument of a current one. */
export function legacyBuckets(): s3.Bucket {
  // oxlint-disable-next-line typescript/no-deprecated -- s3.BucketV2
  new s3.BucketV2("legacy");
  // oxlint-disable-next-line typescript/no-deprecated -- Bucket's acl, now s3.BucketAcl
  return new s3.Bucket("inline-acl", { acl: "private" });
}
