/**
 * The rules a BucketAccessUser's settings keep, each stated once: the component's arguments and
 * the stack config are checked by these, through the settings table (userSettings.ts). Pure.
 */
import { ACCESS_LEVELS } from "../iam/accessLevels";
import { parseArn } from "../iam/arns";
import { IAM_QUOTAS } from "../iam/iamQuotas";
import { checkBucketName } from "../s3/bucketNaming";
import type { Rule } from "./argsProblems";

/** A bucket name, or an S3 bucket ARN holding one. */
export const checkBucket: Rule<string> = (bucket) => {
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
  /^[\w+=,.@-]+$/.test(name) && name.length <= IAM_QUOTAS.userNameCharacters
    ? undefined
    : `1 to ${IAM_QUOTAS.userNameCharacters} letters, digits and +=,.@_- (an IAM user name)`;

export const checkAccess: Rule<string> = (access) =>
  (ACCESS_LEVELS as readonly string[]).includes(access)
    ? undefined
    : `one of ${ACCESS_LEVELS.join(", ")}`;

export const checkPrefix: Rule<string> = (prefix) => {
  if (prefix === "" || prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length > 1024) {
    return (
      "a key prefix ending in / and not starting with / (e.g. reports/), so that " +
      "data/ can never also match data2/"
    );
  }
  return /[*?]|\$\{/.test(prefix)
    ? "a key prefix without *, ? or ${ (they are IAM wildcards and variables)"
    : undefined;
};

export const checkPrefixesOnce: Rule<readonly string[]> = (prefixes) => {
  const twice = prefixes.find((prefix, i) => prefixes.indexOf(prefix) !== i);
  return twice === undefined ? undefined : `each prefix once (${twice} is there twice)`;
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

/** @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating */
export const checkTags: Rule<Readonly<Record<string, string>>> = (tags) => {
  const valid = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
  const entries = Object.entries(tags);
  const fine =
    entries.length <= 50 &&
    entries.every(
      ([key, value]) =>
        key.length >= 1 &&
        key.length <= 128 &&
        !key.toLowerCase().startsWith("aws:") &&
        valid.test(key) &&
        typeof value === "string" &&
        value.length <= 256 &&
        valid.test(value),
    );
  return fine
    ? undefined
    : "at most 50 tags; keys 1 to 128 and values up to 256 of letters, digits, spaces and " +
        "_.:/=+-@; keys not starting with aws:";
};
