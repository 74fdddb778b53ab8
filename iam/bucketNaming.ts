/**
 * S3 bucket names: the naming rules, and the names of buckets this program creates. Pure.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
import type { Rule } from "../components/bucketAccessUserArgs";

const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Random bytes in the name of a created bucket; two hex digits each. */
export const CREATED_BUCKET_SUFFIX_BYTES = 4;

/** S3 general purpose bucket naming rules. */
export const checkBucketName: Rule<string> = (name) =>
  /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
  !name.includes("..") &&
  !IP_ADDRESS.test(name) &&
  !RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
  !RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix))
    ? undefined
    : "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and " +
      "ending with a letter or digit, no '..', not an IP address, no reserved prefix or suffix";

/**
 * The name prefix of the bucket a stack creates, `<project>-<stack>`, lowercased as S3 requires.
 * The stack's deploy role is granted exactly the buckets under it.
 */
export function createdBucketPrefix(project: string, stack: string): string {
  return `${project}-${stack.toLowerCase()}`;
}

/** The name of a bucket this program creates: `<prefix>-<random hex>`. */
export function createdBucketName(prefix: string, suffixHex: string): string {
  return `${prefix}-${suffixHex}`;
}

/**
 * Whether a name is one a bucket created under the prefix could have: the IAM pattern of the
 * created buckets (`<prefix>-????????`) matches exactly these names.
 */
export function matchesCreatedBucketName(prefix: string, name: string): boolean {
  return (
    name.startsWith(`${prefix}-`) &&
    name.length === createdBucketName(prefix, "0".repeat(CREATED_BUCKET_SUFFIX_BYTES * 2)).length
  );
}

/** A prefix whose created names are valid bucket names, whatever the random suffix. */
export const checkCreatedBucketPrefix: Rule<string> = (prefix) => {
  const rule = checkBucketName(
    createdBucketName(prefix, "0".repeat(CREATED_BUCKET_SUFFIX_BYTES * 2)),
  );
  return rule === undefined ? undefined : `a prefix that keeps the created name ${rule}`;
};
