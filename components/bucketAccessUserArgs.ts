/**
 * The inputs of `BucketAccessUser`: their documentation, their defaults (in one place) and
 * their rules, each rule stated once per field. Pure; the only Pulumi import is a type.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ACCESS_LEVELS, AccessLevel } from "../iam/accessLevels";
import { AwsScope, bucketNameOf, parseArn } from "../iam/arns";
import { checkBucketName } from "../iam/bucketNaming";
import { IAM_QUOTAS, LARGEST_SCOPE, policyCharacters } from "../iam/iamQuotas";
import type { PolicyDocument } from "../iam/policyDocument";
import { StackIdentity, stackIamPath } from "../iam/stackNaming";
import { buildUserPolicy } from "../iam/userPolicy";
import {
  ArgsProblem,
  brokenRules,
  checkWholeNumberOfOneOrMore,
  FieldRules,
  Rule,
} from "./argsProblems";

/** Console sign-in for the user. */
export interface ConsoleSettings {
  /**
   * Create a console password (an IAM login profile) and allow password and MFA self-service.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Make the user choose a new password at first sign-in, so the generated one (which sits in
   * state) stops working. Applies to the next password issued (see `passwordGeneration`).
   * @default true
   */
  readonly passwordResetRequired?: boolean;
  /**
   * Length of the generated password, 5 to 128; the account's password policy may ask for more.
   * Applies to the next password issued (see `passwordGeneration`): changing it later leaves
   * the user's current password as it is.
   * @default 20
   */
  readonly passwordLength?: number;
  /**
   * A positive integer; raising it issues the user a new generated password (a new login
   * profile, so the old password stops working) with the current `passwordLength` and
   * `passwordResetRequired`. The one deliberate way to reset a console password.
   * @default 1
   */
  readonly passwordGeneration?: number;
  /**
   * Deny console sessions without MFA everything but setting up a password and an MFA device,
   * so a password alone reaches nothing in the bucket. Requests signed with the access key are
   * not affected. Turning it off lets a stolen password read and write what the user can.
   * Needs `enabled`.
   * @default - the value of `enabled`: required whenever the user has a console password
   */
  readonly requireMfa?: boolean;
}

/** The user's long-term access key, for the application. */
export interface AccessKeySettings {
  /**
   * Create an access key.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * A positive integer; raising it by one creates the key of the new generation and, unless
   * the previous one is kept, deletes the old key at the end of the same update.
   * @default 1
   */
  readonly generation?: number;
  /**
   * Keep the previous generation's key active beside the current one (IAM allows two keys per
   * user), so running applications can move to the new key before the old one is deleted.
   * Turning it off deletes the previous key. Needs `enabled` and a generation of 2 or more.
   * @default false
   */
  readonly keepPrevious?: boolean;
}

/** Arguments of a `BucketAccessUser`. */
export interface BucketAccessUserArgs {
  /**
   * The bucket the user may use, by name (`my-bucket`) or ARN (`arn:aws:s3:::my-bucket`).
   * May be an output, e.g. of a bucket created in the same program.
   */
  readonly bucket: pulumi.Input<string>;
  /**
   * IAM user name: 1 to 64 of letters, digits and `+=,.@_-`, unique in the account.
   */
  readonly userName: string;
  /**
   * What the user may do with objects: `read` (list and get), `write` (put and abort
   * multipart uploads; no listing) or `read-write`.
   * @default "read-write"
   */
  readonly access?: AccessLevel;
  /**
   * Key prefixes the user is limited to, each ending in `/` (e.g. `reports/`); no leading `/`.
   * Limits object actions and listing alike.
   * @default - the whole bucket
   */
  readonly prefixes?: string[];
  /**
   * Also allow `s3:DeleteObject` in scope.
   * @default false
   */
  readonly allowDelete?: boolean;
  /**
   * Allow `s3:ListAllMyBuckets`, which the console needs to show any bucket; it reveals the
   * names of every bucket in the account, which an application's access key has no need of.
   * @default - the value of `console.enabled`
   */
  readonly listAllBuckets?: boolean;
  /**
   * Key ARN of the bucket's SSE-KMS key. Grants only the KMS actions S3 needs, and only
   * when S3 calls KMS for this bucket.
   * @default - no KMS grant (SSE-S3 or no encryption)
   */
  readonly kmsKeyArn?: string;
  /**
   * Console sign-in.
   * @default - enabled, password reset required, length 20, generation 1, MFA required
   */
  readonly console?: ConsoleSettings;
  /** The application's access key. @default - enabled, generation 1 */
  readonly accessKey?: AccessKeySettings;
  /**
   * IAM path of the user and its policy; starts and ends with `/`. Each stack's deploy role is
   * confined to its stack's path, so another stack's role can never reach these identities.
   * @default - the stack's own path, `/<project>/<stack>/`
   */
  readonly path?: string;
  /**
   * The managed policy that caps what the user can ever be granted: its ARN, or its path and
   * name as the ARN ends (`iam-bucket-access-boundary/iam-bucket-access-dev`), which is completed
   * with the account and partition the stack deploys into.
   * @default - no permissions boundary
   */
  readonly permissionsBoundary?: string;
  /** Tags for every taggable resource (at most 50; keys may not start with `aws:`). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Protect every child resource from deletion (`pulumi destroy` and replacements fail).
   * @default false
   */
  readonly protect?: boolean;
}

/** The arguments other than the bucket, with every default applied. */
export interface ResolvedUserSettings {
  readonly userName: string;
  readonly access: AccessLevel;
  readonly prefixes: readonly string[];
  readonly allowDelete: boolean;
  readonly listAllBuckets: boolean;
  readonly kmsKeyArn?: string;
  readonly console: Required<ConsoleSettings>;
  readonly accessKey: Required<AccessKeySettings>;
  readonly path: string;
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly protect: boolean;
}

/**
 * The literal defaults; the config table and the docs refer to these. Defaults derived from
 * other settings (`path`, `listAllBuckets`, `console.requireMfa`) are written in `withDefaults`.
 */
export const BUCKET_ACCESS_USER_DEFAULTS = {
  access: "read-write",
  prefixes: [] as string[],
  allowDelete: false,
  console: {
    enabled: true,
    passwordResetRequired: true,
    passwordLength: 20,
    passwordGeneration: 1,
  },
  accessKey: { enabled: true, generation: 1, keepPrevious: false },
  tags: {},
  protect: false,
} as const satisfies Omit<
  ResolvedUserSettings,
  "userName" | "path" | "listAllBuckets" | "console"
> & {
  readonly console: Omit<Required<ConsoleSettings>, "requireMfa">;
};

/**
 * Applies the defaults; the only place that writes a fallback value.
 * @param where the stack the user belongs to, whose own IAM path is the default path
 */
export function withDefaults(
  args: Omit<BucketAccessUserArgs, "bucket">,
  where: StackIdentity,
): ResolvedUserSettings {
  const defaults = BUCKET_ACCESS_USER_DEFAULTS;
  const consoleEnabled = args.console?.enabled ?? defaults.console.enabled;
  return {
    userName: args.userName,
    access: args.access ?? defaults.access,
    prefixes: args.prefixes ?? defaults.prefixes,
    allowDelete: args.allowDelete ?? defaults.allowDelete,
    // A console user needs the bucket list to find its bucket; a key-only user does not.
    listAllBuckets: args.listAllBuckets ?? consoleEnabled,
    kmsKeyArn: args.kmsKeyArn,
    console: {
      enabled: consoleEnabled,
      passwordResetRequired:
        args.console?.passwordResetRequired ?? defaults.console.passwordResetRequired,
      passwordLength: args.console?.passwordLength ?? defaults.console.passwordLength,
      passwordGeneration: args.console?.passwordGeneration ?? defaults.console.passwordGeneration,
      // A password alone must not open the bucket: a console login requires MFA unless told not to.
      requireMfa: args.console?.requireMfa ?? consoleEnabled,
    },
    accessKey: {
      enabled: args.accessKey?.enabled ?? defaults.accessKey.enabled,
      generation: args.accessKey?.generation ?? defaults.accessKey.generation,
      keepPrevious: args.accessKey?.keepPrevious ?? defaults.accessKey.keepPrevious,
    },
    path: args.path ?? stackIamPath(where.project, where.stack),
    permissionsBoundary: args.permissionsBoundary,
    tags: args.tags ?? defaults.tags,
    protect: args.protect ?? defaults.protect,
  };
}

/** The nested arguments, which fields name as `console.<field>` and `accessKey.<field>`. */
type NestedArgs = { readonly console: ConsoleSettings; readonly accessKey: AccessKeySettings };

/** Every argument field, dotted where nested: `access`, `console.passwordLength`, … */
export type ArgsField =
  | Exclude<keyof BucketAccessUserArgs, keyof NestedArgs>
  | { [N in keyof NestedArgs]: `${N}.${keyof NestedArgs[N] & string}` }[keyof NestedArgs];

/** The type of an argument field; the bucket's as rules see it, by name or ARN. */
export type ArgAt<F extends ArgsField> = F extends "bucket"
  ? string
  : F extends `${infer N extends keyof NestedArgs}.${infer K}`
    ? K extends keyof NestedArgs[N]
      ? NonNullable<NestedArgs[N][K]>
      : never
    : F extends keyof BucketAccessUserArgs
      ? NonNullable<BucketAccessUserArgs[F]>
      : never;

/** A bucket name, or an S3 bucket ARN holding one. */
const checkBucket: Rule<string> = (bucket) => {
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
  /^[\w+=,.@-]+$/.test(name) && name.length <= IAM_QUOTAS.userNameCharacters
    ? undefined
    : `1 to ${IAM_QUOTAS.userNameCharacters} letters, digits and +=,.@_- (an IAM user name)`;

const checkAccess: Rule<string> = (access) =>
  (ACCESS_LEVELS as readonly string[]).includes(access)
    ? undefined
    : `one of ${ACCESS_LEVELS.join(", ")}`;

/** @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
const checkPrefix: Rule<string> = (prefix) => {
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
const checkPrefixesApart: Rule<readonly string[]> = (prefixes) => {
  const twice = prefixes.find((prefix, i) => prefixes.indexOf(prefix) !== i);
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
const checkPath: Rule<string> = (path) =>
  /^\/([\x21-\x2e\x30-\x7e]+\/)*$/.test(path) && path.length <= IAM_QUOTAS.pathCharacters
    ? undefined
    : "an IAM path that starts and ends with / (e.g. /iam-bucket-access/dev/), printable " +
      `ASCII, no '//', at most ${IAM_QUOTAS.pathCharacters} characters`;

const checkPasswordLength: Rule<number> = (length) =>
  Number.isInteger(length) && length >= 5 && length <= 128
    ? undefined
    : "a whole number from 5 to 128 (the limits AWS allows for a generated password)";

/** Key ARNs only: IAM cannot match a key by alias in a policy's Resource. */
const checkKmsKeyArn: Rule<string> = (arn) =>
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
const checkBoundary: Rule<string> = (boundary) =>
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

/** Each field's rules, stated once; the component and the config both check by these. */
export const ARG_RULES: { readonly [F in ArgsField]?: FieldRules<ArgAt<F>> } = {
  bucket: { rule: checkBucket },
  userName: { rule: checkUserName },
  access: { rule: checkAccess },
  prefixes: { rule: checkPrefixesApart, itemRule: checkPrefix },
  kmsKeyArn: { rule: checkKmsKeyArn },
  "console.passwordLength": { rule: checkPasswordLength },
  "console.passwordGeneration": { rule: checkWholeNumberOfOneOrMore },
  "accessKey.generation": { rule: checkWholeNumberOfOneOrMore },
  path: { rule: checkPath },
  permissionsBoundary: { rule: checkBoundary },
  tags: TAG_RULES,
};

/** Every problem one field's rules find in a value: the whole value's, then each item's. */
export function fieldProblems(field: ArgsField, value: unknown): ArgsProblem[] {
  const rules = ARG_RULES[field] as FieldRules<unknown> | undefined;
  return brokenRules(rules, value).map((broken) => ({ field, ...broken }));
}

/** S3's longest bucket name, for a bucket whose name is not known yet. */
const LONGEST_BUCKET_NAME = "b".repeat(63);

/** The policy the settings give a user of a bucket (a name) in an account. */
export function userPolicyOf(
  settings: ResolvedUserSettings,
  scope: AwsScope,
  bucket: string,
): PolicyDocument {
  return buildUserPolicy({
    ...settings,
    scope,
    bucket,
    console: settings.console.enabled,
    requireMfa: settings.console.requireMfa,
  });
}

/**
 * The user's policy must fit IAM's managed policy quota. Its size depends on the bucket's
 * name; for a bucket that is an output (created in the same program), S3's longest is assumed.
 */
function policySizeProblems(
  args: ResolvedUserSettings,
  bucket: pulumi.Input<string> | undefined,
): ArgsProblem[] {
  const characters = policyCharacters(
    userPolicyOf(
      args,
      LARGEST_SCOPE,
      typeof bucket === "string" ? bucketNameOf(bucket) : LONGEST_BUCKET_NAME,
    ),
  );
  const limit = IAM_QUOTAS.managedPolicyCharacters;
  return characters <= limit
    ? []
    : [
        {
          field: "prefixes",
          value: args.prefixes,
          expected:
            `fewer or shorter prefixes: with these the policy has ${characters} characters, ` +
            `over IAM's limit of ${limit} for a managed policy` +
            (typeof bucket === "string" ? "" : " (counting a bucket name of S3's maximum 63)"),
        },
      ];
}

/** A previous key to keep needs a key, and a generation before the current one. */
function keepPreviousProblems(accessKey: Required<AccessKeySettings>): ArgsProblem[] {
  if (!accessKey.keepPrevious) {
    return [];
  }
  const expected = !accessKey.enabled
    ? "false while the access key is disabled: there is no key to keep"
    : accessKey.generation < 2
      ? "false at generation 1: there is no previous key (raise the generation with it)"
      : undefined;
  return expected === undefined ? [] : [{ field: "accessKey.keepPrevious", value: true, expected }];
}

/**
 * The problems only the arguments together show: MFA held over a console that is off, a
 * previous key to keep where there is none, and a policy too large for IAM.
 */
export function crossFieldProblems(
  args: ResolvedUserSettings,
  bucket: pulumi.Input<string> | undefined,
): ArgsProblem[] {
  return [
    ...(args.console.requireMfa && !args.console.enabled
      ? [{ field: "console.requireMfa", value: true, expected: "false while console is disabled" }]
      : []),
    ...keepPreviousProblems(args.accessKey),
    ...policySizeProblems(args, bucket),
  ];
}

/** The value of a dotted argument field in resolved settings (none for the bucket). */
export function resolvedValueOf(args: ResolvedUserSettings, field: ArgsField): unknown {
  const [head, tail] = field.split(".");
  const fields: Readonly<Record<string, unknown>> = { ...args };
  const value = fields[head];
  if (tail === undefined) {
    return value;
  }
  const nested: Readonly<Record<string, unknown>> =
    typeof value === "object" && value !== null ? { ...value } : {};
  return nested[tail];
}

/** The fields whose rules the resolved settings are checked by (the bucket is apart). */
const SETTINGS_FIELDS = Object.keys(ARG_RULES).filter(
  (field): field is Exclude<ArgsField, "bucket"> => field !== "bucket",
);

/**
 * Every broken rule in the arguments, in field order, then across fields. A bucket that is an
 * output (a bucket created in the same program) is not checked here.
 */
export function findArgsProblems(
  args: ResolvedUserSettings,
  bucket: pulumi.Input<string> | undefined,
): ArgsProblem[] {
  return [
    ...(typeof bucket === "string" ? fieldProblems("bucket", bucket) : []),
    ...SETTINGS_FIELDS.flatMap((field) => {
      const value = resolvedValueOf(args, field);
      return value === undefined ? [] : fieldProblems(field, value);
    }),
    ...crossFieldProblems(args, bucket),
  ];
}
