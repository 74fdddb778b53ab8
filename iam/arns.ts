/**
 * ARNs of the things the policies name, built in one place so no statement spells one inline.
 * Partition-aware, so the same program works in `aws`, `aws-cn` and `aws-us-gov`.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

/** The account and partition a stack deploys into. */
export interface AwsAccount {
  /** `aws`, `aws-cn`, `aws-us-gov`, … */
  readonly partition: string;
  /** The 12-digit account id. */
  readonly accountId: string;
}

/** The parts of an ARN: `arn:partition:service:region:account:resource`. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

/** Splits an ARN into its parts, or returns undefined when the text is not an ARN. */
export function parseArn(arn: string): ArnParts | undefined {
  const match = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):([0-9]{12}|aws)?:(.+)$/.exec(arn);
  if (match === null) {
    return undefined;
  }
  const [, partition, service, region, accountId = "", resource] = match;
  return { partition, service, region, accountId, resource };
}

/** The account of the credentials a caller-identity lookup returned. */
export function accountOfCaller(callerArn: string, accountId: string): AwsAccount {
  const parts = parseArn(callerArn);
  if (parts === undefined) {
    throw new Error(`caller identity ARN ${JSON.stringify(callerArn)} is not an ARN`);
  }
  return { partition: parts.partition, accountId };
}

/** `arn:aws:s3:::my-bucket`: the bucket itself, for bucket-level actions such as ListBucket. */
export function bucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/**
 * The object ARNs in scope: `arn:aws:s3:::my-bucket/*`, or one `…/prefix*` per key prefix.
 * Prefixes end in `/` (checked with the args), so `data/` never also matches `data2/`.
 */
export function objectArns(
  partition: string,
  bucket: string,
  prefixes: readonly string[],
): string[] {
  const bucketObjects = `${bucketArn(partition, bucket)}/`;
  return prefixes.length === 0
    ? [`${bucketObjects}*`]
    : prefixes.map((prefix) => `${bucketObjects}${prefix}*`);
}

/** The name of a bucket given by name or by ARN (`arn:aws:s3:::name`). */
export function bucketNameOf(bucket: string): string {
  return parseArn(bucket)?.resource ?? bucket;
}

/** `arn:aws:iam::123456789012:<resource>`: an IAM resource of the account, e.g. `role/x`. */
export function iamArn(account: AwsAccount, resource: string): string {
  return `arn:${account.partition}:iam::${account.accountId}:${resource}`;
}

/** `arn:aws:iam::123456789012:user/path/name`: an IAM user's ARN, path included. */
export function iamUserArn(account: AwsAccount, path: string, userName: string): string {
  return iamArn(account, `user${path}${userName}`);
}

/** `arn:aws:iam::123456789012:policy/path/name`: a managed policy's ARN, path included. */
export function iamPolicyArn(account: AwsAccount, path: string, policyName: string): string {
  return iamArn(account, `policy${path}${policyName}`);
}

/**
 * A managed policy named as a user's boundary: an ARN stays as it is; a path and name as the ARN
 * ends (`iam-bucket-access-boundary/iam-bucket-access-dev`) is a policy of the account the stack
 * deploys into, as CDK's `PermissionsBoundary.fromName` reads a name.
 */
export function managedPolicyArnOf(account: AwsAccount, policy: string): string {
  return policy.startsWith("arn:") ? policy : iamArn(account, `policy/${policy}`);
}

/** Every KMS key of every account and region in the partition, for statements a condition holds. */
export function kmsKeysArn(partition: string): string {
  return `arn:${partition}:kms:*:*:key/*`;
}

/**
 * Every virtual MFA device of the account. A device's name is the user's free choice in the
 * console, so creating one cannot be narrowed further; assigning it is limited to the user.
 */
export function virtualMfaDevicesArn(account: AwsAccount): string {
  return iamArn(account, "mfa/*");
}
