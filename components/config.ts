/**
 * Stack configuration → validated `BucketAccessUser` arguments. Pure: it receives the raw
 * config strings the Pulumi engine hands the program and either returns typed settings or
 * throws one error listing every problem, before any resource exists.
 */
import {
  BucketAccessUserArgs,
  describeProblem,
  findArgsProblems,
  withDefaults,
} from "./bucketAccessUserArgs";
import { checkCreatedBucketPrefix } from "./bucketNaming";
import { AccessLevel } from "./bucketPolicy";

/** How a config value is written in the stack file. */
type ConfigType = "string" | "boolean" | "integer" | "string-list" | "string-map";

/** Every config key of the project, with its type. */
export const CONFIG_KEYS = {
  bucketName: "string",
  access: "string",
  prefixes: "string-list",
  allowDelete: "boolean",
  listAllBuckets: "boolean",
  kmsKeyArn: "string",
  userName: "string",
  path: "string",
  permissionsBoundaryArn: "string",
  console: "boolean",
  passwordResetRequired: "boolean",
  passwordLength: "integer",
  requireMfa: "boolean",
  accessKey: "boolean",
  accessKeyGeneration: "integer",
  protect: "boolean",
  tags: "string-map",
} as const satisfies Record<string, ConfigType>;

/** A config key of this project. */
export type ConfigKey = keyof typeof CONFIG_KEYS;

/** The config key that sets each argument field whose name differs from its key. */
const CONFIG_KEY_OF_FIELD: Readonly<Record<string, ConfigKey>> = {
  bucket: "bucketName",
  "console.passwordLength": "passwordLength",
  "console.requireMfa": "requireMfa",
  "accessKey.generation": "accessKeyGeneration",
};

/** What a stack deploys, from its config. */
export interface StackSettings {
  /** The existing bucket to grant access to; undefined when the stack creates its own. */
  readonly bucketName?: string;
  /** Name prefix of the bucket the stack creates, before a random suffix: `<project>-<stack>`. */
  readonly createdBucketPrefix: string;
  /** The user's arguments, bucket aside. */
  readonly user: Omit<BucketAccessUserArgs, "bucket">;
}

/** Where the stack runs: names derive from these. */
export interface StackIdentity {
  readonly project: string;
  readonly stack: string;
}

/** A value parsed from its config text, or the rule it broke. */
type Parsed = { readonly value: unknown } | { readonly expected: string };

/** Parses one raw config string by its declared type. */
function parseValue(type: ConfigType, raw: string): Parsed {
  switch (type) {
    case "string":
      return { value: raw };
    case "boolean":
      return raw === "true" || raw === "false"
        ? { value: raw === "true" }
        : { expected: "true or false" };
    case "integer":
      return /^-?\d+$/.test(raw) ? { value: Number(raw) } : { expected: "a whole number" };
    case "string-list": {
      const list = parseJson(raw);
      return Array.isArray(list) && list.every((item) => typeof item === "string")
        ? { value: list }
        : { expected: "a list of strings" };
    }
    case "string-map": {
      const map = parseJson(raw);
      return typeof map === "object" &&
        map !== null &&
        !Array.isArray(map) &&
        Object.values(map).every((item) => typeof item === "string")
        ? { value: map }
        : { expected: "a map of string keys to string values" };
    }
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(CONFIG_KEYS, key);
}

/** Formats one problem the way every config error reads. */
function configProblem(key: string, value: unknown, expected: string): string {
  return describeProblem(`config key ${key}`, value, expected);
}

/**
 * Parses and validates a stack's config.
 * @param raw the project's config as the engine passes it: key (without the project
 *   namespace) → text; lists and maps as JSON. An empty optional string means unset, which is
 *   how `Pulumi.yaml` declares optional keys.
 * @throws Error listing every problem, one per line, when anything is invalid
 */
export function parseStackConfig(
  raw: Readonly<Record<string, string>>,
  where: StackIdentity,
): StackSettings {
  const problems: string[] = [];
  const values: Partial<Record<ConfigKey, unknown>> = {};
  for (const [key, text] of Object.entries(raw)) {
    if (!isConfigKey(key)) {
      problems.push(
        configProblem(key, text, `a known key: ${Object.keys(CONFIG_KEYS).join(", ")}`),
      );
      continue;
    }
    if (CONFIG_KEYS[key] === "string" && text === "") {
      continue;
    }
    const parsed = parseValue(CONFIG_KEYS[key], text);
    if ("expected" in parsed) {
      problems.push(configProblem(key, text, parsed.expected));
    } else {
      values[key] = parsed.value;
    }
  }
  throwIfAny(problems);

  const bucketName = values.bucketName as string | undefined;
  const createdBucketPrefix = `${where.project}-${where.stack.toLowerCase()}`;
  const user: Omit<BucketAccessUserArgs, "bucket"> = {
    userName: (values.userName as string | undefined) ?? `${where.project}-${where.stack}`,
    access: values.access as AccessLevel | undefined,
    prefixes: values.prefixes as string[] | undefined,
    allowDelete: values.allowDelete as boolean | undefined,
    listAllBuckets: values.listAllBuckets as boolean | undefined,
    kmsKeyArn: values.kmsKeyArn as string | undefined,
    path: values.path as string | undefined,
    permissionsBoundaryArn: values.permissionsBoundaryArn as string | undefined,
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
    protect: values.protect as boolean | undefined,
  };

  const argsProblems = findArgsProblems(withDefaults(user), bucketName).map((problem) =>
    configProblem(
      CONFIG_KEY_OF_FIELD[problem.field] ?? problem.field,
      problem.value,
      problem.expected,
    ),
  );
  const prefixRule =
    bucketName === undefined ? checkCreatedBucketPrefix(createdBucketPrefix) : undefined;
  const stackProblems =
    prefixRule === undefined
      ? []
      : [
          configProblem(
            "bucketName",
            null,
            `a bucket name, as stack ${JSON.stringify(where.stack)} cannot name a bucket of its own ` +
              `(${prefixRule})`,
          ),
        ];
  throwIfAny([...argsProblems, ...stackProblems]);
  return { bucketName, createdBucketPrefix, user };
}

/** Throws one error listing every problem, or returns when there are none. */
function throwIfAny(problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new Error(`invalid stack config:\n${problems.join("\n")}`);
  }
}
