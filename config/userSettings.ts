/**
 * Every setting of a `BucketAccessUser`, declared once: its config key, the argument field it
 * sets, its type, its default, its rules, what it means and where it may be set. The component's
 * argument types and their doc comments (userArgTypes.ts), the defaults the component applies
 * (userArgs.ts), the stack config's table (stackKeys.ts), `Pulumi.yaml`'s schema and the
 * README's table all come from this one table (`npm run generate` writes the files). Pure.
 */
import { ACCESS_LEVELS } from "../iam/accessLevels";
import { stackIamPath, ProjectStack } from "../iam/stackNaming";
import { CREATED_BUCKET_LIFECYCLE_DAYS } from "../s3/bucketLifecycle";
import { checkWholeNumberOfOneOrMore } from "./argsProblems";
import { setting } from "./argSettings";
import {
  checkAccess,
  checkBoundary,
  checkBucket,
  checkKmsKeyArn,
  checkPasswordLength,
  checkPath,
  checkPrefix,
  checkPrefixesApart,
  checkUserName,
  TAG_RULES,
} from "./userRules";

/** A console login is what listing every bucket and the MFA rule follow by default. */
const followsConsole = {
  derived: "on exactly when the user has a console login",
  from: (settings: { readonly console: boolean }) => settings.console,
};

/** The nested arguments: the interface each is typed by and what it is. */
export const USER_SETTING_GROUPS = {
  console: {
    interfaceName: "ConsoleSettings",
    description:
      "Console sign-in for the user: a generated password, password and MFA self-service.",
  },
  accessKey: {
    interfaceName: "AccessKeySettings",
    description: "The user's long-term access key, for the application.",
  },
} as const;

/** Every setting, in the order the docs list them. */
export const USER_SETTINGS = {
  bucketName: setting({
    field: "bucket",
    type: "string",
    argType: "pulumi.Input<string>",
    requiredArg: true,
    description:
      "The bucket the user may use, by name (`my-bucket`) or ARN (`arn:aws:s3:::my-bucket`); " +
      "as an argument it may be an output, such as a bucket created in the same program.",
    default: {
      derived:
        "the stack creates its own bucket, `iam-bucket-access-<stack>-<random>`: private, " +
        "encrypted, versioned (old versions expire after " +
        `${CREATED_BUCKET_LIFECYCLE_DAYS.noncurrentVersionExpirationDays} days, incomplete ` +
        `uploads after ${CREATED_BUCKET_LIFECYCLE_DAYS.abortIncompleteMultipartUploadDays}), ` +
        "owner-enforced and TLS-only",
    },
    rule: checkBucket,
  }),
  access: setting({
    field: "access",
    type: ACCESS_LEVELS,
    argType: "AccessLevel",
    description:
      "What the user may do with objects: `read` (list and get), `write` (put and abort " +
      "multipart uploads; no listing) or `read-write`.",
    default: "read-write",
    rule: checkAccess,
  }),
  prefixes: setting({
    field: "prefixes",
    type: "string-list",
    description:
      "Key prefixes the user is limited to, each ending in `/` and not starting with `/` " +
      "(e.g. `reports/`). Limits object actions and listing alike. Empty: the whole bucket.",
    default: [],
    rule: checkPrefixesApart,
    itemRule: checkPrefix,
  }),
  allowDelete: setting({
    field: "allowDelete",
    type: "boolean",
    description: "Also allow `s3:DeleteObject` on the objects in scope.",
    default: false,
  }),
  listAllBuckets: setting({
    field: "listAllBuckets",
    type: "boolean",
    description:
      "Allow `s3:ListAllMyBuckets`, which the console needs to show any bucket. It reveals " +
      "every bucket name in the account, which an access-key-only user has no need of.",
    default: followsConsole,
  }),
  kmsKeyArn: setting({
    field: "kmsKeyArn",
    type: "string",
    description:
      "Key ARN (not alias) of the bucket's SSE-KMS key. Grants only the KMS actions S3 needs, " +
      "and only when S3 calls KMS for this user's requests.",
    default: { derived: "no KMS grant (SSE-S3 or no encryption)" },
    rule: checkKmsKeyArn,
  }),
  userName: setting({
    field: "userName",
    type: "string",
    requiredArg: true,
    description: "IAM user name: 1 to 64 of letters, digits and `+=,.@_-`, unique in the account.",
    default: {
      derived: "`iam-bucket-access-<stack>`, or `iam-bucket-access-<stack>-<identity>` for several",
    },
    rule: checkUserName,
  }),
  path: setting({
    field: "path",
    type: "string",
    description:
      "IAM path of the user and its policy, starting and ending with `/`. Each stack's deploy " +
      "role is confined to its stack's path, so another stack's role can never reach the user.",
    default: {
      derived: "the stack's own, `/iam-bucket-access/<stack>/`",
      from: (_settings: unknown, where: ProjectStack) => stackIamPath(where.project, where.stack),
    },
    rule: checkPath,
  }),
  permissionsBoundary: setting({
    field: "permissionsBoundary",
    type: "string",
    description:
      "The managed policy that caps what the user can ever be granted: its ARN, or its path and " +
      "name in the stack's account (`iam-bucket-access-boundary/iam-bucket-access-<stack>`, the " +
      "one `bootstrap/` creates and both stack files set).",
    default: { derived: "none" },
    rule: checkBoundary,
  }),
  console: setting({
    field: "console.enabled",
    type: "boolean",
    description:
      "Create a console password (an IAM login profile) and allow password and MFA self-service.",
    default: true,
  }),
  passwordResetRequired: setting({
    field: "console.passwordResetRequired",
    type: "boolean",
    description:
      "The user must choose a new password at first sign-in, so the generated one (which sits " +
      "in state) stops working. Applies to the next password issued.",
    default: true,
  }),
  passwordLength: setting({
    field: "console.passwordLength",
    type: "integer",
    description:
      "Length of the generated password, 5 to 128 (the account's password policy may ask for " +
      "more), for the next password issued: a change leaves the current password as it is.",
    default: 20,
    rule: checkPasswordLength,
  }),
  passwordGeneration: setting({
    field: "console.passwordGeneration",
    type: "integer",
    description:
      "Raise by one to issue the user a new console password, with the current length and " +
      "reset settings; the old one stops working. The one deliberate way to reset a password.",
    default: 1,
    rule: checkWholeNumberOfOneOrMore,
  }),
  requireMfa: setting({
    field: "console.requireMfa",
    type: "boolean",
    description:
      "Console sessions without MFA may only set up a password and an MFA device, so a " +
      "password alone reaches nothing in the bucket. Access-key requests are unaffected. Needs " +
      "a console login; off lets a stolen password read and write what the user may.",
    default: followsConsole,
  }),
  accessKey: setting({
    field: "accessKey.enabled",
    type: "boolean",
    description: "Create an access key for the application.",
    default: true,
  }),
  accessKeyGeneration: setting({
    field: "accessKey.generation",
    type: "integer",
    description:
      "Raise by one to rotate the access key: the new key is created first and, unless the " +
      "previous one is kept, the old key is deleted at the end of the same update.",
    default: 1,
    rule: checkWholeNumberOfOneOrMore,
  }),
  keepPreviousAccessKey: setting({
    field: "accessKey.keepPrevious",
    type: "boolean",
    description:
      "Keep the previous generation's key active beside the new one (IAM allows two keys per " +
      "user), so the application can move to the new key before the old one is deleted; turn " +
      "it off to delete the old key. Needs an access key and a generation of 2 or more.",
    default: false,
  }),
  tags: setting({
    field: "tags",
    type: "string-map",
    description:
      "Tags for every taggable resource (at most 50; keys may not start with `aws:`), e.g. " +
      "`pulumi config set --path tags.team data`.",
    default: {},
    ...TAG_RULES,
  }),
  protect: setting({
    field: "protect",
    type: "boolean",
    description:
      "Protect every resource from deletion and replacement: `pulumi destroy` and replacements " +
      "fail until it is off.",
    default: false,
    level: "stack",
  }),
} as const;

/** A setting's name: its config key. */
export type UserSettingName = keyof typeof USER_SETTINGS;

/** Every argument field, dotted where nested: `access`, `console.passwordLength`, … */
export type ArgsField = (typeof USER_SETTINGS)[UserSettingName]["field"];
