// Generated from config/userSettings.ts by npm run generate; edit the table, not this file.
import type * as pulumi from "@pulumi/pulumi";
import type { AccessLevel } from "../iam/accessLevels";

/**
 * Console sign-in for the user: a generated password, password and MFA self-service.
 */
export interface ConsoleSettings {
  /**
   * Create a console password (an IAM login profile) and allow password and MFA self-service.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The user must choose a new password at first sign-in, so the generated one (which sits in
   * state) stops working. Applies to the next password issued.
   * @default true
   */
  readonly passwordResetRequired?: boolean;
  /**
   * Length of the generated password, 5 to 128 (the account's password policy may ask for more),
   * for the next password issued: a change leaves the current password as it is.
   * @default 20
   */
  readonly passwordLength?: number;
  /**
   * Raise by one to issue the user a new console password, with the current length and reset
   * settings; the old one stops working. The one deliberate way to reset a password.
   * @default 1
   */
  readonly passwordGeneration?: number;
  /**
   * Console sessions without MFA may only set up a password and an MFA device, so a password
   * alone reaches nothing in the bucket. Access-key requests are unaffected. Needs a console
   * login; off lets a stolen password read and write what the user may.
   * @default - on exactly when the user has a console login
   */
  readonly requireMfa?: boolean;
}

/**
 * The user's long-term access key, for the application.
 */
export interface AccessKeySettings {
  /**
   * Create an access key for the application.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Raise by one to rotate the access key: the new key is created first and, unless the previous
   * one is kept, the old key is deleted at the end of the same update.
   * @default 1
   */
  readonly generation?: number;
  /**
   * Keep the previous generation's key active beside the new one (IAM allows two keys per user),
   * so the application can move to the new key before the old one is deleted; turn it off to
   * delete the old key. Needs an access key and a generation of 2 or more.
   * @default false
   */
  readonly keepPrevious?: boolean;
}

/**
 * Arguments of a `BucketAccessUser`.
 */
export interface BucketAccessUserArgs {
  /**
   * The bucket the user may use, by name (`my-bucket`) or ARN (`arn:aws:s3:::my-bucket`); as an
   * argument it may be an output, such as a bucket created in the same program.
   */
  readonly bucket: pulumi.Input<string>;
  /**
   * What the user may do with objects: `read` (list and get), `write` (put and abort multipart
   * uploads; no listing) or `read-write`.
   * @default "read-write"
   */
  readonly access?: AccessLevel;
  /**
   * Key prefixes the user is limited to, each ending in `/` and not starting with `/` (e.g.
   * `reports/`). Limits object actions and listing alike. Empty: the whole bucket.
   * @default []
   */
  readonly prefixes?: string[];
  /**
   * Also allow `s3:DeleteObject` on the objects in scope.
   * @default false
   */
  readonly allowDelete?: boolean;
  /**
   * Allow `s3:ListAllMyBuckets`, which the console needs to show any bucket. It reveals every
   * bucket name in the account, which an access-key-only user has no need of.
   * @default - on exactly when the user has a console login
   */
  readonly listAllBuckets?: boolean;
  /**
   * Key ARN (not alias) of the bucket's SSE-KMS key. Grants only the KMS actions S3 needs, and
   * only when S3 calls KMS for this user's requests.
   * @default - no KMS grant (SSE-S3 or no encryption)
   */
  readonly kmsKeyArn?: string;
  /**
   * IAM user name: 1 to 64 of letters, digits and `+=,.@_-`, unique in the account.
   */
  readonly userName: string;
  /**
   * IAM path of the user and its policy, starting and ending with `/`. Each stack's deploy role
   * is confined to its stack's path, so another stack's role can never reach the user.
   * @default - the stack's own, `/iam-bucket-access/<stack>/`
   */
  readonly path?: string;
  /**
   * The managed policy that caps what the user can ever be granted: its ARN, or its path and
   * name in the stack's account (`iam-bucket-access-boundary/iam-bucket-access-<stack>`, the one
   * `bootstrap/` creates and both stack files set).
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Console sign-in for the user: a generated password, password and MFA self-service.
   * @default - the default of each of its settings
   */
  readonly console?: ConsoleSettings;
  /**
   * The user's long-term access key, for the application.
   * @default - the default of each of its settings
   */
  readonly accessKey?: AccessKeySettings;
  /**
   * Tags for every taggable resource (at most 50; keys may not start with `aws:`), e.g. `pulumi
   * config set --path tags.team data`.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Protect every resource from deletion and replacement: `pulumi destroy` and replacements fail
   * until it is off.
   * @default false
   */
  readonly protect?: boolean;
}

/**
 * The arguments other than the bucket, with every default applied.
 */
export interface ResolvedUserSettings {
  /**
   * What the user may do with objects: `read` (list and get), `write` (put and abort multipart
   * uploads; no listing) or `read-write`.
   * @default "read-write"
   */
  readonly access: AccessLevel;
  /**
   * Key prefixes the user is limited to, each ending in `/` and not starting with `/` (e.g.
   * `reports/`). Limits object actions and listing alike. Empty: the whole bucket.
   * @default []
   */
  readonly prefixes: string[];
  /**
   * Also allow `s3:DeleteObject` on the objects in scope.
   * @default false
   */
  readonly allowDelete: boolean;
  /**
   * Allow `s3:ListAllMyBuckets`, which the console needs to show any bucket. It reveals every
   * bucket name in the account, which an access-key-only user has no need of.
   * @default - on exactly when the user has a console login
   */
  readonly listAllBuckets: boolean;
  /**
   * Key ARN (not alias) of the bucket's SSE-KMS key. Grants only the KMS actions S3 needs, and
   * only when S3 calls KMS for this user's requests.
   * @default - no KMS grant (SSE-S3 or no encryption)
   */
  readonly kmsKeyArn?: string;
  /**
   * IAM user name: 1 to 64 of letters, digits and `+=,.@_-`, unique in the account.
   */
  readonly userName: string;
  /**
   * IAM path of the user and its policy, starting and ending with `/`. Each stack's deploy role
   * is confined to its stack's path, so another stack's role can never reach the user.
   * @default - the stack's own, `/iam-bucket-access/<stack>/`
   */
  readonly path: string;
  /**
   * The managed policy that caps what the user can ever be granted: its ARN, or its path and
   * name in the stack's account (`iam-bucket-access-boundary/iam-bucket-access-<stack>`, the one
   * `bootstrap/` creates and both stack files set).
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Console sign-in for the user: a generated password, password and MFA self-service.
   */
  readonly console: Required<ConsoleSettings>;
  /**
   * The user's long-term access key, for the application.
   */
  readonly accessKey: Required<AccessKeySettings>;
  /**
   * Tags for every taggable resource (at most 50; keys may not start with `aws:`), e.g. `pulumi
   * config set --path tags.team data`.
   * @default {}
   */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Protect every resource from deletion and replacement: `pulumi destroy` and replacements fail
   * until it is off.
   * @default false
   */
  readonly protect: boolean;
}
