/**
 * The stack config of the project, declared once: each key's type, the `BucketAccessUser`
 * argument it sets, its default, its meaning and (from the arguments' contract) its rule, and
 * whether an identity may set it for itself. The reader, the typed settings, the error labels,
 * the `config:` block of `Pulumi.yaml` and the README's table all come from this table. Pure.
 */
import { ACCESS_LEVELS } from "../iam/accessLevels";
import { CREATED_BUCKET_LIFECYCLE_DAYS } from "../iam/bucketLifecycle";
import {
  ArgAt,
  ARG_RULES,
  ArgsField,
  BUCKET_ACCESS_USER_DEFAULTS as DEFAULTS,
} from "../components/bucketAccessUserArgs";
import type { FieldRules } from "../components/argsProblems";
import { KeySpec, ValueOf, ValueType } from "./keyTable";

/** One key of the stack config: a table row and the argument field it sets. */
export interface StackKeySpec<T extends ValueType = ValueType> extends KeySpec<T> {
  /** The `BucketAccessUser` argument the key sets, dotted where nested. */
  readonly field: ArgsField;
  /** `identity`: also settable per identity under `identities.<name>`; `stack`: once per stack. */
  readonly scope: "identity" | "stack";
}

/** A value of type T can stand for an argument field F: else the row's `type` is refused. */
type Fits<T extends ValueType, F extends ArgsField> =
  ValueOf<T> extends ArgAt<F> ? unknown : { readonly type: never };

/** A row that sets an argument field, its rules taken from the arguments' contract. */
function argKey<F extends ArgsField, T extends ValueType>(
  field: F,
  spec: Omit<KeySpec<T>, keyof FieldRules<unknown>> & { readonly scope?: "stack" } & Fits<T, F>,
): StackKeySpec<T> {
  const rules = (ARG_RULES[field] ?? {}) as FieldRules<ValueOf<T>>;
  return { ...spec, ...rules, field, scope: spec.scope ?? "identity" };
}

/** Every key but `identities`, in the order the docs list them. */
export const STACK_KEYS = {
  bucketName: argKey("bucket", {
    type: "string",
    description:
      "Existing bucket (name or ARN) the user may use. A created bucket is private, encrypted, " +
      `versioned (old versions expire after ${CREATED_BUCKET_LIFECYCLE_DAYS.noncurrentVersionExpirationDays} ` +
      `days, incomplete uploads after ${CREATED_BUCKET_LIFECYCLE_DAYS.abortIncompleteMultipartUploadDays}), ` +
      "owner-enforced and TLS-only.",
    default: { derived: "the stack creates its own bucket, `iam-bucket-access-<stack>-<random>`" },
  }),
  access: argKey("access", {
    type: ACCESS_LEVELS,
    description:
      "`read` (list, get), `write` (put, abort multipart uploads; no listing) or `read-write`.",
    default: DEFAULTS.access,
  }),
  prefixes: argKey("prefixes", {
    type: "string-list",
    description:
      "Key prefixes, each ending in `/` and not starting with `/`, e.g. `reports/`. Limits " +
      "object actions and listing. Empty: the whole bucket.",
    default: DEFAULTS.prefixes,
  }),
  allowDelete: argKey("allowDelete", {
    type: "boolean",
    description: "Also allow `s3:DeleteObject` in scope.",
    default: DEFAULTS.allowDelete,
  }),
  listAllBuckets: argKey("listAllBuckets", {
    type: "boolean",
    description:
      "Allow `s3:ListAllMyBuckets`, which the console needs to show any bucket. It reveals " +
      "every bucket name in the account, which an access-key-only user has no need of.",
    default: { derived: "the value of `console`" },
  }),
  kmsKeyArn: argKey("kmsKeyArn", {
    type: "string",
    description:
      "Key ARN (not alias) of the bucket's SSE-KMS key; the grant works only through S3 for " +
      "this user's requests.",
    default: { derived: "no KMS grant" },
  }),
  userName: argKey("userName", {
    type: "string",
    description: "IAM user name, unique in the account.",
    default: {
      derived: "`iam-bucket-access-<stack>`, or `iam-bucket-access-<stack>-<identity>` for several",
    },
  }),
  path: argKey("path", {
    type: "string",
    description:
      "IAM path of the user and its policy: the stack's own by default, the only one its " +
      "deploy role may touch.",
    default: { derived: "`/iam-bucket-access/<stack>/`" },
  }),
  permissionsBoundary: argKey("permissionsBoundary", {
    type: "string",
    description:
      "The user's permissions boundary: a managed policy ARN, or a policy's path and name in " +
      "the stack's account (`iam-bucket-access-boundary/iam-bucket-access-<stack>`, the one " +
      "`bootstrap/` creates and both stack files set).",
    default: { derived: "none" },
  }),
  console: argKey("console.enabled", {
    type: "boolean",
    description: "Create a console password (login profile) with password and MFA self-service.",
    default: DEFAULTS.console.enabled,
  }),
  passwordResetRequired: argKey("console.passwordResetRequired", {
    type: "boolean",
    description:
      "The user must choose a new password at first sign-in (of the next password issued).",
    default: DEFAULTS.console.passwordResetRequired,
  }),
  passwordLength: argKey("console.passwordLength", {
    type: "integer",
    description:
      "Generated password length, 5 to 128, for the next password issued: a change leaves " +
      "the current password as it is.",
    default: DEFAULTS.console.passwordLength,
  }),
  passwordGeneration: argKey("console.passwordGeneration", {
    type: "integer",
    description:
      "Raise by one to issue the user a new console password; the old one stops working.",
    default: DEFAULTS.console.passwordGeneration,
  }),
  requireMfa: argKey("console.requireMfa", {
    type: "boolean",
    description:
      "Console sessions without MFA may only set up a password and MFA. Access-key requests " +
      "are unaffected. Needs `console`; `false` lets a password alone use the bucket.",
    default: { derived: "the value of `console`" },
  }),
  accessKey: argKey("accessKey.enabled", {
    type: "boolean",
    description: "Create an access key for the application.",
    default: DEFAULTS.accessKey.enabled,
  }),
  accessKeyGeneration: argKey("accessKey.generation", {
    type: "integer",
    description: "Raise by one to rotate the access key; the new key is created first.",
    default: DEFAULTS.accessKey.generation,
  }),
  keepPreviousAccessKey: argKey("accessKey.keepPrevious", {
    type: "boolean",
    description:
      "Keep the previous generation's key active beside the new one, so the application can " +
      "move to the new key before the old one is deleted; turn it off to delete the old key. " +
      "Needs `accessKey` and an `accessKeyGeneration` of 2 or more.",
    default: DEFAULTS.accessKey.keepPrevious,
  }),
  tags: argKey("tags", {
    type: "string-map",
    description:
      "Tags for every taggable resource, e.g. `pulumi config set --path tags.team data`.",
    default: DEFAULTS.tags,
  }),
  protect: argKey("protect", {
    type: "boolean",
    description: "Protect every resource of the stack from deletion and replacement.",
    default: DEFAULTS.protect,
    scope: "stack",
  }),
} as const satisfies Readonly<Record<string, StackKeySpec>>;

/** A key of the stack config, `identities` aside. */
export type StackKey = keyof typeof STACK_KEYS;

/** The keys an identity may set for itself under `identities.<name>`. */
export const IDENTITY_KEYS = Object.fromEntries(
  Object.entries(STACK_KEYS).filter(([, spec]) => spec.scope === "identity"),
) as Omit<typeof STACK_KEYS, "protect">;

/** The key that holds several identities, and what it means. */
export const IDENTITIES_KEY = {
  name: "identities",
  description:
    "Map of identity name to its own settings, for several applications in one stack; each " +
    "takes the keys above but `protect`, and falls back to the stack-level value.",
  default: { derived: "one identity" },
} as const;

/** The config key that sets each argument field. */
export function keyOfField(field: string): StackKey | undefined {
  return (Object.keys(STACK_KEYS) as StackKey[]).find((key) => STACK_KEYS[key].field === field);
}
