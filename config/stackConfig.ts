/**
 * The stack's config → validated `BucketAccessUser` or `BucketAccessRole` arguments, one set per
 * identity, read by the stack config table in one pass: every problem of the whole stack (every
 * namespace, key and identity) in one error, each naming the key as the user wrote it, before
 * any resource exists. Pure: it receives the config the engine hands the program.
 */
import { isDeepStrictEqual } from "node:util";
import { ArgSetting, setField } from "./argSettings";
import { crossFieldProblems, fieldProblems, withDefaults } from "./userArgs";
import type { BucketAccessUserArgs } from "./userArgTypes";
import { checkCreatedBucketPrefix, createdBucketPrefix } from "../s3/bucketNaming";
import { ProjectStack, stackUserName } from "../iam/stackNaming";
import { configProblem, isLiteralDefault, Problems, readConfig, Values } from "./keyTable";
import { findRoleArgsProblems, trustShapeProblems, withRoleDefaults } from "./roleArgs";
import type { BucketAccessRoleArgs } from "./roleArgTypes";
import {
  IDENTITIES_KEY,
  IDENTITY_KEYS,
  IdentityKey,
  keyOfField,
  ROLE_ONLY_KEYS,
  STACK_KEYS,
  USER_ONLY_KEYS,
} from "./stackKeys";
import type { ArgsProblem } from "./argsProblems";
import { valueAt } from "./json";
import { ArgsField, USER_SETTINGS, UserSettingName } from "./userSettings";

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

/** Identity names: they become resource names and part of IAM user and role names. */
const IDENTITY_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** What every identity a stack deploys has, whether a user or a role. */
interface IdentityBase {
  /** The identity's name: its component's logical name and its key in the outputs. */
  readonly name: string;
  /** The existing bucket it may use; undefined when it uses the bucket the stack creates. */
  readonly bucketName?: string;
  /**
   * Whether its resources were created under the single form's name and must be aliased to it:
   * true for the only identity of a map that does not call it `app`.
   */
  readonly aliasOfSingle: boolean;
}

/** An identity that is an IAM user: it sets no `trust`. */
export interface UserIdentitySettings extends IdentityBase {
  readonly kind: "user";
  /** The user's arguments, bucket aside. */
  readonly user: Omit<BucketAccessUserArgs, "bucket">;
}

/** An identity that is an IAM role: it sets `trust`. */
export interface RoleIdentitySettings extends IdentityBase {
  readonly kind: "role";
  /** The role's arguments, bucket aside. */
  readonly role: Omit<BucketAccessRoleArgs, "bucket">;
}

/** One identity a stack deploys. */
export type IdentitySettings = UserIdentitySettings | RoleIdentitySettings;

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

/** One identity while it is read: its settings and where each of its values came from. */
type ReadIdentity = IdentitySettings & {
  /** The values the identity's own entry set (none in the single form). */
  readonly own: IdentityValues;
  /** Every value it has, stack-level ones under its own, less those of the other kind's. */
  readonly values: IdentityValues;
  /** The values it set itself, of either kind: its own entry's, or the single form's. */
  readonly given: IdentityValues;
};

/**
 * The arguments an identity's values set, the bucket aside (it is `bucketName`), named by its
 * user's or role's name field.
 */
function argsOf(
  values: IdentityValues,
  name: Readonly<Record<string, string>>,
  protect: boolean | undefined,
): Record<string, unknown> {
  const args: Record<string, unknown> = { ...name, ...(protect === undefined ? {} : { protect }) };
  for (const [key, value] of Object.entries(values)) {
    const field = IDENTITY_KEYS[key as IdentityKey].field;
    if (field !== "bucket") {
      setField(args, field, value);
    }
  }
  return args;
}

/**
 * The stack-level values set other than to their declared defaults: the engine passes every
 * default of `Pulumi.yaml` as if it were set, so a value equal to one counts as unset.
 */
function explicitValues(stackValues: IdentityValues): IdentityValues {
  return Object.fromEntries(
    Object.entries(stackValues).filter(([key, value]) => {
      const fallback = IDENTITY_KEYS[key as IdentityKey].default;
      return !(isLiteralDefault(fallback) && isDeepStrictEqual(value, fallback));
    }),
  );
}

/**
 * The values of the stack's config an identity set itself: its entry's in the identities form,
 * the stack's explicit ones in the single form.
 */
function givenValues(
  form: StackSettings["form"],
  own: IdentityValues,
  stackValues: IdentityValues,
): IdentityValues {
  return form === "identities" ? own : explicitValues(stackValues);
}

/** The keys an identity of a kind has none of: a role has no user's, a user no role's. */
function otherKindKeys(kind: IdentitySettings["kind"]): readonly IdentityKey[] {
  return kind === "role" ? (Object.keys(USER_ONLY_KEYS) as IdentityKey[]) : ROLE_ONLY_KEYS;
}

/** What an identity of a kind has instead of a key of the other kind's. */
function otherKindRule(kind: IdentitySettings["kind"], key: IdentityKey): string {
  return kind === "role"
    ? `${USER_ONLY_KEYS[key]} (this identity sets trust, so it is a role)`
    : `nothing: ${key} is a role's, and this identity sets no trust, so it is a user`;
}

/**
 * How a key of one identity is named to the user: as written (under `identities.<name>` when
 * the identity set it), for which identity when another's value is meant, and whether it was
 * left to its default.
 * @param at where a part of the key's value sits under it (`.github.repository` of `trust`)
 */
function keyLabel(
  form: StackSettings["form"],
  identity: ReadIdentity,
  key: string,
  at = "",
): string {
  const own = Object.hasOwn(identity.own, key);
  const set = Object.hasOwn(identity.values, key) || Object.hasOwn(identity.given, key);
  const notes = [
    ...(form === "identities" && !own ? [`for identity ${identity.name}`] : []),
    ...(set ? [] : ["not set: the default"]),
  ];
  const name = `${own ? `identities.${identity.name}.${key}` : key}${at}`;
  return notes.length === 0 ? name : `${name} (${notes.join("; ")})`;
}

/** A problem of an argument field told as a problem of the config key that sets it. */
function asConfigProblem(
  form: StackSettings["form"],
  identity: ReadIdentity,
  problem: ArgsProblem,
): string {
  const key = keyOfField(problem.field);
  const at = `${key === undefined ? "" : problem.field.slice(STACK_KEYS[key].field.length)}${problem.at ?? ""}`;
  return configProblem(
    keyLabel(form, identity, key ?? problem.field, at),
    problem.value,
    problem.expected,
  );
}

/**
 * The problems of a user that only its resolved arguments show: a default derived from the
 * stack's name that breaks a rule, and rules across fields.
 */
function userProblems(
  identity: ReadIdentity & UserIdentitySettings,
  where: ProjectStack,
): ArgsProblem[] {
  const resolved = withDefaults(identity.user, where);
  const derived = (Object.entries(USER_SETTINGS) as [UserSettingName, ArgSetting][])
    .filter(([key, spec]) => spec.level === "identity" && !Object.hasOwn(identity.values, key))
    .filter(([, spec]) => !isLiteralDefault(spec.default))
    .flatMap(([, { field }]) => {
      const value = valueAt(resolved, field);
      return value === undefined ? [] : fieldProblems(field as ArgsField, value);
    });
  return [...derived, ...crossFieldProblems(resolved, identity.bucketName)];
}

/**
 * The problems of a role by the role's own contract: its trust's shape, then every rule of its
 * arguments (a default derived from the stack's name among them) and of its trust as a whole.
 */
function roleProblems(
  identity: ReadIdentity & RoleIdentitySettings,
  where: ProjectStack,
): ArgsProblem[] {
  const shape = trustShapeProblems(identity.role.trust);
  return shape.length > 0
    ? shape
    : findRoleArgsProblems(
        identity.role,
        withRoleDefaults(identity.role, where),
        identity.bucketName,
      );
}

/**
 * Every problem of one identity: each key of the other kind's it set itself (a stack-level one
 * in the identities form is for the other identities), then its user's or role's rules.
 */
function identityProblems(
  form: StackSettings["form"],
  identity: ReadIdentity,
  where: ProjectStack,
): string[] {
  const otherKind = otherKindKeys(identity.kind)
    .filter((key) => identity.given[key] !== undefined)
    .map((key) =>
      configProblem(
        keyLabel(form, identity, key),
        identity.given[key],
        otherKindRule(identity.kind, key),
      ),
    );
  const found =
    identity.kind === "user" ? userProblems(identity, where) : roleProblems(identity, where);
  return [...otherKind, ...found.map((problem) => asConfigProblem(form, identity, problem))];
}

type UserIdentityKey = Extract<IdentityKey, UserSettingName>;

/** Each feature's switch, the settings that shape it, and what it is. */
const FEATURE_SETTINGS: ReadonlyArray<
  readonly [UserIdentityKey, readonly UserIdentityKey[], string]
> = [
  [
    "console",
    ["passwordResetRequired", "passwordLength", "passwordGeneration"],
    "a console password",
  ],
  ["accessKey", ["accessKeyGeneration"], "an access key"],
];

/**
 * The settings of one user that have no effect: those that shape a feature that is off, set to
 * other than their default. Valid, so warned of rather than refused: turning a feature off for
 * a while need not mean removing its settings. In the identities form only the identity's own
 * settings count, as the stack-level ones are there for the others too.
 */
function idleSettings(
  form: StackSettings["form"],
  identity: ReadIdentity & UserIdentitySettings,
  where: ProjectStack,
): string[] {
  const resolved = withDefaults(identity.user, where);
  const given = identity.given;
  return FEATURE_SETTINGS.filter(
    ([feature]) => valueAt(resolved, USER_SETTINGS[feature].field) === false,
  ).flatMap(([feature, keys, what]) =>
    keys
      .filter((key) => given[key] !== undefined && given[key] !== USER_SETTINGS[key].default)
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

/**
 * The stack-level settings of the identities form that no identity takes: a user's where every
 * identity is a role, a role's where none is. Valid, so warned of.
 */
function unusedStackSettings(
  identities: readonly ReadIdentity[],
  stackGiven: IdentityValues,
): string[] {
  return (["user", "role"] as const)
    .filter((kind) => !identities.some((identity) => identity.kind === kind))
    .flatMap((kind) =>
      otherKindKeys(kind === "user" ? "role" : "user")
        .filter((key) => stackGiven[key] !== undefined)
        .map((key) =>
          configProblem(
            key,
            stackGiven[key],
            kind === "user"
              ? `no ${key} while every identity sets trust: it is a user's setting, and there ` +
                  `is no user (remove ${key})`
              : `no ${key} while no identity sets trust: it is a role's setting, and there is ` +
                  `no role (remove ${key})`,
          ),
        ),
    );
}

/** The config key of an identity's IAM name, and the name. */
function iamNameOf(identity: IdentitySettings): readonly ["userName" | "roleName", string] {
  return identity.kind === "user"
    ? ["userName", identity.user.userName]
    : ["roleName", identity.role.roleName];
}

/**
 * One problem for each identity whose IAM name another identity has too: users and roles alike,
 * as each one's policy is named after it (`<name>-bucket-access`) and IAM's policy names are
 * unique in the account.
 */
function sharedNames(form: StackSettings["form"], identities: readonly ReadIdentity[]): string[] {
  const chose = (identity: ReadIdentity) => Object.hasOwn(identity.values, iamNameOf(identity)[0]);
  return identities.flatMap((identity, index) => {
    const name = iamNameOf(identity)[1];
    const other = identities.slice(0, index).find((candidate) => iamNameOf(candidate)[1] === name);
    if (other === undefined) {
      return [];
    }
    // Name the identity that chose the name; the other may only have it by default.
    const [named, holder] = chose(identity) ? [identity, other] : [other, identity];
    return [
      configProblem(
        keyLabel(form, named, iamNameOf(named)[0]),
        name,
        `a ${named.kind} name no other identity has (identity ${holder.name} has it` +
          `${chose(holder) ? "" : " by default"})`,
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
      const inherited: IdentityValues = { ...stackValues, ...named[name] };
      const kind = inherited.trust === undefined ? "user" : "role";
      // A stack-level key of the other kind's is for the other identities.
      const values: IdentityValues = Object.fromEntries(
        Object.entries(inherited).filter(
          ([key]) => !otherKindKeys(kind).includes(key as IdentityKey),
        ),
      );
      const single = name === SINGLE_IDENTITY || aliasOfSingle;
      const defaultName = single ? singleUserName : `${singleUserName}-${name}`;
      const identity = {
        name,
        bucketName: values.bucketName,
        aliasOfSingle: aliasOfSingle && name !== SINGLE_IDENTITY,
        own: form === "identities" ? named[name] : {},
        values,
        given: givenValues(form, named[name], stackValues),
      };
      const nameKey = kind === "user" ? "userName" : "roleName";
      const args = argsOf(values, { [nameKey]: values[nameKey] ?? defaultName }, protect);
      // Each row's type was checked against its field's when the tables were declared.
      return kind === "user"
        ? { ...identity, kind, user: args as unknown as Omit<BucketAccessUserArgs, "bucket"> }
        : { ...identity, kind, role: args as unknown as Omit<BucketAccessRoleArgs, "bucket"> };
    });

  problems.push(
    ...identities.flatMap((identity) => identityProblems(form, identity, where)),
    ...sharedNames(form, identities),
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
    identities: identities.map(
      ({ own: _own, values: _values, given: _given, ...identity }): IdentitySettings => identity,
    ),
    createdBucketPrefix: bucketPrefix,
    protect,
    tags: stackValues.tags,
    warnings: [
      ...identities.flatMap((identity) =>
        identity.kind === "user" ? idleSettings(form, identity, where) : [],
      ),
      ...(form === "identities"
        ? unusedStackSettings(identities, explicitValues(stackValues))
        : []),
    ],
  };
}
