/**
 * The rules a BucketAccessUser's settings keep, each stated once: the component's arguments and
 * the stack config are checked by these, through the settings table (userSettings.ts). Pure.
 */
import { ACCESS_LEVELS } from "../iam/accessLevels";
import { parseArn } from "../iam/arns";
import { IAM_QUOTAS, isIamName } from "../iam/iamQuotas";
import { checkBucketName } from "../s3/bucketNaming";
import { FieldRules, repeatedItem, Rule } from "./argsProblems";

/** A bucket name, or an S3 bucket ARN holding one. */
export const checkBucket: Rule<string> = (bucket) => {
  const url = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(bucket);
  if (url !== null) {
    const [, name, path] = url;
    return (
      `a bucket name, not an s3:// URL: drop s3:// (${name})` +
      (path === "" ? "" : ` and give ${path} as one of prefixes`)
    );
  }
  const arn = parseArn(bucket);
  if (bucket.startsWith("arn:")) {
    return arn?.service === "s3" &&
      arn.region === "" &&
      arn.accountId === "" &&
      checkBucketName(arn.resource) === undefined
      ? undefined
      : "a bucket name or a bucket ARN like arn:aws:s3:::my-bucket";
  }
  return checkBucketName(bucket);
};

/** @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
export const checkUserName: Rule<string> = (name) =>
  isIamName(name, IAM_QUOTAS.userNameCharacters)
    ? undefined
    : `1 to ${IAM_QUOTAS.userNameCharacters} letters, digits and +=,.@_- (an IAM user name)`;

export const checkAccess: Rule<string> = (access) =>
  (ACCESS_LEVELS as readonly string[]).includes(access)
    ? undefined
    : `one of ${ACCESS_LEVELS.join(", ")}`;

/** @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
export const checkPrefix: Rule<string> = (prefix) => {
  if (/[*?]|\$\{/.test(prefix)) {
    // A trailing * is what the policy adds itself; the prefix before it is what was meant.
    const meant = prefix.replace(/\*+$/, "");
    return meant !== prefix && checkPrefix(meant) === undefined
      ? `a key prefix without *: ${meant} already covers every key under it`
      : "a key prefix without *, ? or ${ (they are IAM wildcards and variables)";
  }
  if (prefix === "" || prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length > 1024) {
    return (
      "a key prefix ending in / and not starting with / (e.g. reports/), so that " +
      "data/ can never also match data2/"
    );
  }
  const segments = prefix.split("/");
  const plain = segments.filter((segment) => segment !== "." && segment !== "..");
  if (plain.length === segments.length) {
    return undefined;
  }
  const meant = plain.join("/");
  return (
    "a key prefix without . or .. segments, which S3 takes as part of the key, not as a path" +
    (meant === "" || meant === "/" ? "" : ` (did you mean ${meant}?)`)
  );
};

/** Each prefix once, and none inside another, which would already cover it. */
export const checkPrefixesApart: Rule<readonly string[]> = (prefixes) => {
  const twice = repeatedItem(prefixes);
  if (twice !== undefined) {
    return `each prefix once (${twice} is there twice)`;
  }
  const [outer, inner] =
    prefixes.flatMap((prefix) =>
      prefixes
        .filter((other) => other !== prefix && other.startsWith(prefix))
        .map((other) => [prefix, other]),
    )[0] ?? [];
  return inner === undefined
    ? undefined
    : `prefixes that do not overlap (${outer} already covers ${inner}: drop ${inner})`;
};

/** @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html */
export const checkPath: Rule<string> = (path) =>
  /^\/([\x21-\x2e\x30-\x7e]+\/)*$/.test(path) && path.length <= IAM_QUOTAS.pathCharacters
    ? undefined
    : "an IAM path that starts and ends with / (e.g. /iam-bucket-access/dev/), printable " +
      `ASCII, no '//', at most ${IAM_QUOTAS.pathCharacters} characters`;

export const checkPasswordLength: Rule<number> = (length) =>
  Number.isInteger(length) && length >= 5 && length <= 128
    ? undefined
    : "a whole number from 5 to 128 (the limits AWS allows for a generated password)";

/** Key ARNs only: IAM cannot match a key by alias in a policy's Resource. */
export const checkKmsKeyArn: Rule<string> = (arn) =>
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})$/.test(
    arn,
  )
    ? undefined
    : "a KMS key ARN like arn:aws:kms:us-east-1:123456789012:key/<key id> (not an alias)";

/** A managed policy's path and name, as its ARN ends after `policy/`. */
const POLICY_PATH_AND_NAME = /^([\x21-\x2e\x30-\x7e]+\/)*[\w+=,.@-]{1,128}$/;

/** Whether text is a managed policy ARN, the account's own or AWS's. */
function isPolicyArn(arn: string): boolean {
  const pathAndName = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/(.+)$/.exec(arn)?.[2];
  return pathAndName !== undefined && POLICY_PATH_AND_NAME.test(pathAndName);
}

/** A managed policy by ARN, or by path and name in the stack's account. */
export const checkBoundary: Rule<string> = (boundary) =>
  (boundary.startsWith("arn:") ? isPolicyArn(boundary) : POLICY_PATH_AND_NAME.test(boundary))
    ? undefined
    : "a managed policy ARN (arn:aws:iam::123456789012:policy/boundary), or a policy's path " +
      "and name in the stack's account without a leading / " +
      "(iam-bucket-access-boundary/iam-bucket-access-dev)";

/** What IAM allows in a tag's key and value, and those characters in words. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_TEXT_WORDS = "letters, digits, spaces and _.:/=+-@";

/**
 * Tags: each key and each value on its own, then their number.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
 */
export const TAG_RULES: FieldRules<Readonly<Record<string, string>>> = {
  rule: (tags) => {
    const count = Object.keys(tags).length;
    return count <= 50 ? undefined : `at most 50 tags (there are ${count})`;
  },
  keyRule: (key) => {
    if (key.toLowerCase().startsWith("aws:")) {
      return "a tag key that does not start with aws: (AWS reserves those)";
    }
    if (key.length < 1 || key.length > 128) {
      return `a tag key of 1 to 128 characters (this one has ${key.length})`;
    }
    return TAG_TEXT.test(key) ? undefined : `a tag key of ${TAG_TEXT_WORDS}`;
  },
  entryRule: (value) => {
    if (typeof value !== "string") {
      return "a tag value that is text";
    }
    if (value.length > 256) {
      return `a tag value of at most 256 characters (this one has ${value.length})`;
    }
    return TAG_TEXT.test(value) ? undefined : `a tag value of ${TAG_TEXT_WORDS}`;
  },
};
