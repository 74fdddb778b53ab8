/**
 * The stack's config → validated `BucketAccessUser` arguments, one set per identity, read by the
 * stack config table in one pass: every problem of the whole stack (every namespace, key and
 * identity) in one error, each naming the key as the user wrote it, before any resource exists.
 * Pure: it receives the config the engine hands the program.
 */
import {
  crossFieldProblems,
  fieldProblems,
  resolvedValueOf,
  setField,
  withDefaults,
} from "./userArgs";
import type { BucketAccessUserArgs } from "./userArgTypes";
import { checkCreatedBucketPrefix, createdBucketPrefix } from "../s3/bucketNaming";
import { ProjectStack, stackUserName } from "../iam/stackNaming";
import { configProblem, isLiteralDefault, Problems, readConfig, Values } from "./keyTable";
import { IDENTITIES_KEY, IDENTITY_KEYS, keyOfField, STACK_KEYS } from "./stackKeys";

/**
 * The name of the one identity of a stack configured without `identities`. An identity of this
 * name in `identities` is that same identity: same resources, same user.
 */
export const SINGLE_IDENTITY = "app";

/** Keys earlier versions took, and what replaced them. */
const REDIRECTED_KEYS = {
  permissionsBoundaryArn: "set permissionsBoundary, which takes an ARN or a policy's path and name",
};

/** What an identity's entry cannot set, and why. */
const IDENTITY_REDIRECTS = {
  ...REDIRECTED_KEYS,
  protect: "protect is set once for the whole stack, not per identity",
};

/** Identity names: they become resource names and part of IAM user names. */
const IDENTITY_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** One identity a stack deploys. */
export interface IdentitySettings {
  /** The identity's name: its component's logical name and its key in the outputs. */
  readonly name: string;
  /** The existing bucket it may use; undefined when it uses the bucket the stack creates. */
  readonly bucketName?: string;
  /** The user's arguments, bucket aside. */
  readonly user: Omit<BucketAccessUserArgs, "bucket">;
  /**
   * Whether its resources were created under the single form's name and must be aliased to it:
   * true for the only identity of a map that does not call it `app`.
   */
  readonly aliasOfSingle: boolean;
}

/** What a stack deploys, from its config. */
export interface StackSettings {
  /** `single`: the stack is configured without `identities`; its outputs stay flat. */
  readonly form: "single" | "identities";
  /** Every identity, in name order (the single form has one, named `app`). */
  readonly identities: readonly IdentitySettings[];
  /** Name prefix of the bucket the stack creates, before a random suffix: `<project>-<stack>`. */
  readonly createdBucketPrefix: string;
  /** Protect every resource of the stack. */
  readonly protect?: boolean;
  /** Tags for the created bucket: the stack-level tags. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Settings that are valid but have no effect, one line each, shaped like a problem. */
  readonly warnings: readonly string[];
}

type IdentityValues = Values<typeof IDENTITY_KEYS>;
type IdentityKey = keyof typeof IDENTITY_KEYS;

/** One identity while it is read: its settings and where each of its values came from. */
interface ReadIdentity extends IdentitySettings {
  /** The values the identity's own entry set (none in the single form). */
  readonly own: IdentityValues;
  /** Every value it has, stack-level ones under its own. */
  readonly values: IdentityValues;
}

/** The arguments an identity's values set, the bucket aside (it is `bucketName`). */
function userArgsOf(
  values: IdentityValues,
  userName: string,
  protect: boolean | undefined,
): Omit<BucketAccessUserArgs, "bucket"> {
  const args: Record<string, unknown> = { userName, ...(protect === undefined ? {} : { protect }) };
  for (const [key, value] of Object.entries(values)) {
    const field = IDENTITY_KEYS[key as IdentityKey].field;
    if (field !== "bucket") {
      setField(args, field, value);
    }
  }
  // Each row's type was checked against its field's when the table was declared.
  return args as unknown as Omit<BucketAccessUserArgs, "bucket">;
}

/**
 * How a key of one identity is named to the user: as written (under `identities.<name>` when
 * the identity set it), for which identity when another's value is meant, and whether it was
 * left to its default.
 */
function keyLabel(form: StackSettings["form"], identity: ReadIdentity, key: string): string {
  const own = Object.hasOwn(identity.own, key);
  const notes = [
    ...(form === "identities" && !own ? [`for identity ${identity.name}`] : []),
    ...(Object.hasOwn(identity.values, key) ? [] : ["not set: the default"]),
  ];
  const name = own ? `identities.${identity.name}.${key}` : key;
  return notes.length === 0 ? name : `${name} (${notes.join("; ")})`;
}

/**
 * The problems of one identity that only its resolved arguments show: a default derived from
 * the stack's name that breaks a rule, and rules across fields.
 */
function identityProblems(
  form: StackSettings["form"],
  identity: ReadIdentity,
  where: ProjectStack,
): string[] {
  const resolved = withDefaults(identity.user, where);
  const derived = (Object.keys(IDENTITY_KEYS) as IdentityKey[])
    .filter((key) => !Object.hasOwn(identity.values, key))
    .filter((key) => !isLiteralDefault(IDENTITY_KEYS[key].default))
    .flatMap((key) => {
      const field = IDENTITY_KEYS[key].field;
      const value = resolvedValueOf(resolved, field);
      return value === undefined ? [] : fieldProblems(field, value);
    });
  return [...derived, ...crossFieldProblems(resolved, identity.bucketName)].map((problem) =>
    configProblem(
      keyLabel(form, identity, keyOfField(problem.field) ?? problem.field),
      problem.value,
      problem.expected,
    ),
  );
}

/** Each feature's switch, the settings that shape it, and what it is. */
const FEATURE_SETTINGS: ReadonlyArray<readonly [IdentityKey, readonly IdentityKey[], string]> = [
  [
    "console",
    ["passwordResetRequired", "passwordLength", "passwordGeneration"],
    "a console password",
  ],
  ["accessKey", ["accessKeyGeneration"], "an access key"],
];

/**
 * The settings of one identity that have no effect: those that shape a feature that is off, set
 * to other than their default. Valid, so warned of rather than refused: turning a feature off
 * for a while need not mean removing its settings. In the identities form only the identity's
 * own settings count, as the stack-level ones are there for the others too.
 */
function idleSettings(
  form: StackSettings["form"],
  identity: ReadIdentity,
  where: ProjectStack,
): string[] {
  const resolved = withDefaults(identity.user, where);
  const given: IdentityValues = form === "single" ? identity.values : identity.own;
  return FEATURE_SETTINGS.filter(
    ([feature]) => resolvedValueOf(resolved, IDENTITY_KEYS[feature].field) === false,
  ).flatMap(([feature, keys, what]) =>
    keys
      .filter((key) => given[key] !== undefined && given[key] !== IDENTITY_KEYS[key].default)
      .map((key) =>
        configProblem(
          keyLabel(form, identity, key),
          given[key],
          `no ${key} while ${feature} is false: it shapes ${what}, and there is none (remove ` +
            `${key}, or set ${feature} to true)`,
        ),
      ),
  );
}

/** One problem for each identity whose user name another identity has too. */
function sharedUserNames(
  form: StackSettings["form"],
  identities: readonly ReadIdentity[],
): string[] {
  return identities.flatMap((identity, index) => {
    const other = identities
      .slice(0, index)
      .find((candidate) => candidate.user.userName === identity.user.userName);
    if (other === undefined) {
      return [];
    }
    // Name the identity that chose the name; the other may only have it by default.
    const [named, holder] = Object.hasOwn(identity.values, "userName")
      ? [identity, other]
      : [other, identity];
    const how = Object.hasOwn(holder.values, "userName") ? "" : " by default";
    return [
      configProblem(
        keyLabel(form, named, "userName"),
        identity.user.userName,
        `a user name no other identity has (identity ${holder.name} has it${how})`,
      ),
    ];
  });
}

/**
 * Parses and validates a stack's config.
 * @param config the engine's whole config: `<namespace>:<key>` → text, lists and maps as JSON
 * @throws Error listing every problem, one per line, when anything is invalid
 */
export function parseStackConfig(
  config: Readonly<Record<string, string>>,
  where: ProjectStack,
): StackSettings {
  const problems: Problems = [];
  const {
    values: { protect, ...stackValues },
    entries,
  } = readConfig(
    config,
    where.project,
    {
      keys: STACK_KEYS,
      of: "this project",
      redirects: REDIRECTED_KEYS,
      entries: {
        key: IDENTITIES_KEY.name,
        description: IDENTITIES_KEY.description,
        table: IDENTITY_KEYS,
        names: (name) =>
          IDENTITY_NAME.test(name)
            ? undefined
            : "identity names of 1 to 32 lowercase letters, digits and -, starting with a letter",
        of: "identity",
        redirects: IDENTITY_REDIRECTS,
      },
    },
    problems,
  );

  const form = entries === undefined ? "single" : "identities";
  const named: Record<string, IdentityValues> = entries ?? { [SINGLE_IDENTITY]: {} };
  const aliasOfSingle = form === "identities" && Object.keys(named).length === 1;
  const singleUserName = stackUserName(where.project, where.stack);
  const identities = Object.keys(named)
    .sort()
    .map((name): ReadIdentity => {
      const values = { ...stackValues, ...named[name] };
      const single = name === SINGLE_IDENTITY || aliasOfSingle;
      return {
        name,
        bucketName: values.bucketName,
        user: userArgsOf(
          values,
          values.userName ?? (single ? singleUserName : `${singleUserName}-${name}`),
          protect,
        ),
        aliasOfSingle: aliasOfSingle && name !== SINGLE_IDENTITY,
        own: form === "identities" ? named[name] : {},
        values,
      };
    });

  problems.push(
    ...identities.flatMap((identity) => identityProblems(form, identity, where)),
    ...sharedUserNames(form, identities),
  );
  const bucketPrefix = createdBucketPrefix(where.project, where.stack);
  const prefixRule = identities.some((identity) => identity.bucketName === undefined)
    ? checkCreatedBucketPrefix(bucketPrefix)
    : undefined;
  if (prefixRule !== undefined) {
    problems.push(
      configProblem(
        "bucketName",
        "",
        `a bucket name, as stack ${JSON.stringify(where.stack)} cannot name a bucket of its own ` +
          `(${prefixRule})`,
      ),
    );
  }
  if (problems.length > 0) {
    throw new Error(`invalid stack config:\n${[...new Set(problems)].join("\n")}`);
  }
  return {
    form,
    identities: identities.map(({ name, bucketName, user, aliasOfSingle: alias }) => ({
      name,
      bucketName,
      user,
      aliasOfSingle: alias,
    })),
    createdBucketPrefix: bucketPrefix,
    protect,
    tags: stackValues.tags,
    warnings: identities.flatMap((identity) => idleSettings(form, identity, where)),
  };
}
