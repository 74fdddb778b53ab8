/**
 * S3 bucket names: the naming rules, and the names of buckets this program creates. Pure.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Random bytes in the name of a created bucket; two hex digits each. */
export const CREATED_BUCKET_SUFFIX_BYTES = 4;

/** What S3 allows, before the reasons a name is refused. */
const BUCKET_NAME_RULE =
  "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and " +
  "ending with a letter or digit, no '..', not an IP address, no reserved prefix or suffix";

/** Why S3 would refuse a name, one reason each; none for a valid name. */
function bucketNameFaults(name: string): string[] {
  const characters = [...new Set(name.replace(/[a-z0-9.-]/g, ""))];
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
  const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved));
  return [
    ...(name.length < 3 || name.length > 63 ? [`it has ${name.length} characters`] : []),
    ...(characters.length > 0
      ? [`it has ${characters.map((c) => JSON.stringify(c)).join(", ")}`]
      : []),
    ...(/^[.-]|[.-]$/.test(name) ? ["it starts or ends with . or -"] : []),
    ...(name.includes("..") ? ["it has '..'"] : []),
    ...(IP_ADDRESS.test(name) ? ["it is an IP address"] : []),
    ...(prefix === undefined ? [] : [`it starts with ${prefix}`]),
    ...(suffix === undefined ? [] : [`it ends with ${suffix}`]),
  ];
}

/**
 * S3 general purpose bucket naming rules: the rule with the reasons a name breaks it, or
 * undefined for a valid name.
 */
export function checkBucketName(name: string): string | undefined {
  const faults = bucketNameFaults(name);
  return faults.length === 0 ? undefined : `${BUCKET_NAME_RULE} (${faults.join("; ")})`;
}

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

/** A created bucket's name with every digit of its suffix written as one character. */
export function createdBucketPattern(prefix: string, digit: string): string {
  return createdBucketName(prefix, digit.repeat(CREATED_BUCKET_SUFFIX_BYTES * 2));
}

/**
 * Whether a name is one a bucket created under the prefix could have: the IAM pattern of the
 * created buckets (`<prefix>-????????`) matches exactly these names.
 */
export function matchesCreatedBucketName(prefix: string, name: string): boolean {
  return name.startsWith(`${prefix}-`) && name.length === createdBucketPattern(prefix, "0").length;
}

/** A prefix whose created names are valid bucket names, whatever the random suffix. */
export function checkCreatedBucketPrefix(prefix: string): string | undefined {
  const rule = checkBucketName(createdBucketPattern(prefix, "0"));
  return rule === undefined ? undefined : `a prefix that keeps the created name ${rule}`;
}
