/**
 * Whether an identity's bucket-access policy fits IAM's managed policy quota: the user's and the
 * role's alike, whose size grows with the bucket's name and the prefixes. Pure.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AwsAccount, bucketNameOf } from "../iam/arns";
import { IAM_QUOTAS, LONGEST_ACCOUNT, policyCharacters } from "../iam/iamQuotas";
import type { PolicyDocument } from "../iam/policyDocument";
import type { ArgsProblem } from "./argsProblems";

/** S3's longest bucket name, for a bucket whose name is not known yet. */
const LONGEST_BUCKET_NAME = "b".repeat(63);

/**
 * The problem, told on `prefixes`, of a policy over IAM's quota in the longest account. For a
 * bucket that is an output (created in the same program), S3's longest name is assumed.
 * @param policyOf the identity's policy in an account, for a bucket (a name)
 */
export function policySizeProblems(
  policyOf: (account: AwsAccount, bucket: string) => PolicyDocument,
  bucket: pulumi.Input<string> | undefined,
  prefixes: readonly string[],
): ArgsProblem[] {
  const known = typeof bucket === "string";
  const characters = policyCharacters(
    policyOf(LONGEST_ACCOUNT, known ? bucketNameOf(bucket) : LONGEST_BUCKET_NAME),
  );
  const limit = IAM_QUOTAS.managedPolicyCharacters;
  return characters <= limit
    ? []
    : [
        {
          field: "prefixes",
          value: prefixes,
          expected:
            `fewer or shorter prefixes: with these the policy has ${characters} characters, ` +
            `over IAM's limit of ${limit} for a managed policy` +
            (known ? "" : " (counting a bucket name of S3's maximum 63)"),
        },
      ];
}
