/**
 * Stack configuration → validated `BucketAccessUser` arguments, one set per identity. Pure: it
 * receives the raw config strings the Pulumi engine hands the program and either returns typed
 * settings or throws one error listing every problem, before any resource exists.
 */
import { isRecord, parseJson } from "./json";
import {
  BucketAccessUserArgs,
  describeProblem,
  findArgsProblems,
  withDefaults,
} from "../components/bucketAccessUserArgs";
import { checkCreatedBucketPrefix, createdBucketPrefix } from "../iam/bucketNaming";
import { AccessLevel } from "../iam/bucketAccess";
import { StackIdentity } from "../iam/stackNaming";

/** How a config value is written in the stack file. */
type ConfigType = "string" | "boolean" | "integer" | "string-list" | "string-map" | "identity-map";

/** The config keys that describe one identity, with their types. */
export const IDENTITY_KEYS = {
  bucketName: "string",
  access: "string",
  prefixes: "string-list",
  allowDelete: "boolean",
  listAllBuckets: "boolean",
  kmsKeyArn: "string",
  userName: "string",
  path: "string",
  permissionsBoundary: "string",
  console: "boolean",
  passwordResetRequired: "boolean",
  passwordLength: "integer",
  requireMfa: "boolean",
  accessKey: "boolean",
  accessKeyGeneration: "integer",
  tags: "string-map",
} as const satisfies Record<string, ConfigType>;

/** The keys set once per stack, beside the identity keys that act as every identity's default. */
const STACK_KEYS = { ...IDENTITY_KEYS, protect: "boolean" } as const satisfies Record<
  string,
  ConfigType
>;

/** Every config key of the project, with its type. */
export const CONFIG_KEYS = {
  ...STACK_KEYS,
  identities: "identity-map",
} as const satisfies Record<string, ConfigType>;

/** A config key of this project. */
export type ConfigKey = keyof typeof CONFIG_KEYS;
type IdentityKey = keyof typeof IDENTITY_KEYS;
type IdentityValues = Partial<Record<IdentityKey, unknown>>;
type ValueType = Exclude<ConfigType, "identity-map">;

/** The config key that sets each argument field whose name differs from its key. */
const CONFIG_KEY_OF_FIELD: Readonly<Record<string, IdentityKey>> = {
  bucket: "bucketName",
  "console.passwordLength": "passwordLength",
  "console.requireMfa": "requireMfa",
  "accessKey.generation": "accessKeyGeneration",
};

/**
 * The name of the one identity of a stack configured without `identities`. An identity of this
 * name in `identities` is that same identity: same resources, same user.
 */
export const SINGLE_IDENTITY = "app";

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
}

/** A value read by its declared type, or the rule it broke. */
type Parsed = { readonly value: unknown } | { readonly expected: string };

/** Turns a stack file's text into the typed value it stands for. */
function fromText(type: ConfigType, raw: string): unknown {
  switch (type) {
    case "string":
      return raw;
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : raw;
    case "integer":
      return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    case "string-list":
    case "string-map":
    case "identity-map":
      return parseJson(raw) ?? raw;
  }
}

/** Checks a typed value (from text, or from inside the identities map) against its type. */
function checkType(type: ValueType, value: unknown): Parsed {
  switch (type) {
    case "string":
      return typeof value === "string" ? { value } : { expected: "text" };
    case "boolean":
      return typeof value === "boolean" ? { value } : { expected: "true or false" };
    case "integer":
      return Number.isInteger(value) ? { value } : { expected: "a whole number" };
    case "string-list":
      return Array.isArray(value) && value.every((item) => typeof item === "string")
        ? { value }
        : { expected: "a list of strings" };
    case "string-map":
      return isRecord(value) && Object.values(value).every((item) => typeof item === "string")
        ? { value }
        : { expected: "a map of string keys to string values" };
  }
}

function isKeyOf<T extends object>(keys: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(keys, key);
}

/** Formats one problem the way every config error reads. */
function configProblem(key: string, value: unknown, expected: string): string {
  return describeProblem(`config key ${key}`, value, expected);
}

/**
 * Reads values by their declared types (the stack-level keys, or one entry of `identities`),
 * collecting a problem for each unknown key or wrong type. An empty optional text means unset,
 * which is how `Pulumi.yaml` declares optional keys.
 */
function readValues<K extends string>(
  entries: Readonly<Record<string, unknown>>,
  types: Readonly<Record<K, ValueType>>,
  keyLabel: (key: string) => string,
  unknownKey: string,
  problems: string[],
): Partial<Record<K, unknown>> {
  const values: Partial<Record<K, unknown>> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (!isKeyOf(types, key)) {
      problems.push(configProblem(keyLabel(key), value, unknownKey));
    } else if (!(types[key] === "string" && value === "")) {
      const parsed = checkType(types[key], value);
      if ("expected" in parsed) {
        problems.push(configProblem(keyLabel(key), value, parsed.expected));
      } else {
        values[key] = parsed.value;
      }
    }
  }
  return values;
}

/** The arguments of one identity's user, from its values. */
function userArgsOf(values: IdentityValues, defaultUserName: string, protect?: boolean) {
  return {
    userName: (values.userName as string | undefined) ?? defaultUserName,
    access: values.access as AccessLevel | undefined,
    prefixes: values.prefixes as string[] | undefined,
    allowDelete: values.allowDelete as boolean | undefined,
    listAllBuckets: values.listAllBuckets as boolean | undefined,
    kmsKeyArn: values.kmsKeyArn as string | undefined,
    path: values.path as string | undefined,
    permissionsBoundary: values.permissionsBoundary as string | undefined,
    console: {
      enabled: values.console as boolean | undefined,
      passwordResetRequired: values.passwordResetRequired as boolean | undefined,
      passwordLength: values.passwordLength as number | undefined,
      requireMfa: values.requireMfa as boolean | undefined,
    },
    accessKey: {
      enabled: values.accessKey as boolean | undefined,
      generation: values.accessKeyGeneration as number | undefined,
    },
    tags: values.tags as Record<string, string> | undefined,
    protect,
  } satisfies Omit<BucketAccessUserArgs, "bucket">;
}

/** Throws one error listing every problem, or returns when there are none. */
function throwIfAny(problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new Error(`invalid stack config:\n${[...new Set(problems)].join("\n")}`);
  }
}

/**
 * Parses and validates a stack's config.
 * @param raw the project's config as the engine passes it: key (without the project
 *   namespace) → text; lists and maps as JSON.
 * @throws Error listing every problem, one per line, when anything is invalid
 */
export function parseStackConfig(
  raw: Readonly<Record<string, string>>,
  where: StackIdentity,
): StackSettings {
  const problems: string[] = [];
  const { identities: identitiesText, ...stackTexts } = raw;
  const typed = Object.fromEntries(
    Object.entries(stackTexts).map(([key, text]) => [
      key,
      isKeyOf(STACK_KEYS, key) ? fromText(STACK_KEYS[key], text) : text,
    ]),
  );
  const { protect, ...stackValues } = readValues(
    typed,
    STACK_KEYS,
    (key) => key,
    `a known key: ${Object.keys(CONFIG_KEYS).join(", ")}`,
    problems,
  );
  const entries = readIdentityEntries(identitiesText, problems);
  throwIfAny(problems);

  const stackProtect = protect as boolean | undefined;
  const singleUserName = `${where.project}-${where.stack}`;
  const form = entries === undefined ? "single" : "identities";
  const named = entries ?? { [SINGLE_IDENTITY]: {} };
  const aliasOfSingle = (name: string) =>
    form === "identities" && Object.keys(named).length === 1 && name !== SINGLE_IDENTITY;
  const identities = Object.keys(named)
    .sort()
    .map((name): IdentitySettings => {
      const values = { ...stackValues, ...named[name] };
      const defaultUserName =
        name === SINGLE_IDENTITY || aliasOfSingle(name)
          ? singleUserName
          : `${singleUserName}-${name}`;
      return {
        name,
        bucketName: values.bucketName as string | undefined,
        user: userArgsOf(values, defaultUserName, stackProtect),
        aliasOfSingle: aliasOfSingle(name),
      };
    });

  const keyLabel = (identity: string, key: string) =>
    form === "identities" && Object.hasOwn(named[identity], key)
      ? `identities.${identity}.${key}`
      : key;
  for (const identity of identities) {
    for (const problem of findArgsProblems(
      withDefaults(identity.user, where),
      identity.bucketName,
    )) {
      const key = CONFIG_KEY_OF_FIELD[problem.field] ?? problem.field;
      problems.push(configProblem(keyLabel(identity.name, key), problem.value, problem.expected));
    }
  }
  identities.forEach((identity, index) => {
    const earlier = identities
      .slice(0, index)
      .find((other) => other.user.userName === identity.user.userName);
    if (earlier !== undefined) {
      problems.push(
        configProblem(
          keyLabel(identity.name, "userName"),
          identity.user.userName,
          `a user name no other identity has (identity ${earlier.name} has it)`,
        ),
      );
    }
  });
  const createsBucket = identities.some((identity) => identity.bucketName === undefined);
  const bucketPrefix = createdBucketPrefix(where.project, where.stack);
  const prefixRule = createsBucket ? checkCreatedBucketPrefix(bucketPrefix) : undefined;
  if (prefixRule !== undefined) {
    problems.push(
      configProblem(
        "bucketName",
        null,
        `a bucket name, as stack ${JSON.stringify(where.stack)} cannot name a bucket of its own ` +
          `(${prefixRule})`,
      ),
    );
  }
  throwIfAny(problems);
  return {
    form,
    identities,
    createdBucketPrefix: bucketPrefix,
    protect: stackProtect,
    tags: stackValues.tags as Record<string, string> | undefined,
  };
}

/**
 * Reads the `identities` map: identity name → its own values, which override the stack-level
 * ones. Returns undefined when the key is not set.
 */
function readIdentityEntries(
  text: string | undefined,
  problems: string[],
): Record<string, IdentityValues> | undefined {
  if (text === undefined) {
    return undefined;
  }
  const value = fromText("identity-map", text);
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problems.push(
      configProblem(
        "identities",
        text,
        "a map of identity name to its settings, with at least one identity",
      ),
    );
    return undefined;
  }
  const entries: Record<string, IdentityValues> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (!IDENTITY_NAME.test(name)) {
      problems.push(
        configProblem(
          "identities",
          name,
          "identity names of 1 to 32 lowercase letters, digits and -, starting with a letter",
        ),
      );
    } else if (!isRecord(entry)) {
      problems.push(
        configProblem(`identities.${name}`, entry, "a map of that identity's settings"),
      );
    } else {
      entries[name] = readValues(
        entry,
        IDENTITY_KEYS,
        (key) => `identities.${name}.${key}`,
        `a key of an identity: ${Object.keys(IDENTITY_KEYS).join(", ")}`,
        problems,
      );
    }
  }
  return entries;
}
