/**
 * The bootstrap's config → validated settings, read by its key tables in one pass: every
 * problem in one error, shaped like the project's (`config key <key>: got <value>; expected
 * <rule>`). Pure.
 */
import {
  configProblem,
  Defaulted,
  Problems,
  readConfig,
  withTableDefaults,
} from "../../config/keyTable";
import {
  checkCreatedBucketPrefix,
  createdBucketPrefix,
  matchesCreatedBucketName,
} from "../../s3/bucketNaming";
import { IAM_QUOTAS, LONGEST_ACCOUNT, policyCharacters } from "../../iam/iamQuotas";
import { deployRoleName, rotatorRoleName } from "../../iam/stackNaming";
import {
  BOOTSTRAP_KEYS,
  DEPLOYED_PROJECT,
  ENVIRONMENT_KEYS,
  ENVIRONMENTS_KEY,
  REDIRECTED_ENVIRONMENT_KEYS,
} from "./bootstrapKeys";
import {
  DeployEnvironment,
  deployRolePolicy,
  permissionsBoundaryPolicy,
} from "../iam/deployPolicies";
import { rotatorPolicy } from "../iam/rotatorPolicies";

/** One environment: a stack of the deployed project, with its keys' defaults applied. */
export type EnvironmentSettings = {
  /** The stack name, e.g. `dev`; its KMS alias is `alias/iam-bucket-access-<stack>`. */
  readonly stack: string;
} & Readonly<Defaulted<typeof ENVIRONMENT_KEYS>>;

/** Everything the bootstrap program needs, its keys' defaults applied. */
export type BootstrapSettings = Readonly<Defaulted<typeof BOOTSTRAP_KEYS>> & {
  /** In stack name order. */
  readonly environments: readonly EnvironmentSettings[];
};

/** Stack names: what Pulumi allows, short enough that the roles' names fit IAM's quota. */
function checkStackName(stack: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(stack) &&
    [deployRoleName(DEPLOYED_PROJECT, stack), rotatorRoleName(DEPLOYED_PROJECT, stack)].every(
      (name) => name.length <= IAM_QUOTAS.roleNameCharacters,
    )
    ? undefined
    : `a stack name of letters, digits, _ . - whose role names (${rotatorRoleName(DEPLOYED_PROJECT, "<stack>")}) ` +
        `fit IAM's ${IAM_QUOTAS.roleNameCharacters} characters`;
}

/**
 * Parses and validates the bootstrap config.
 * @param config the engine's whole config: `<namespace>:<key>` → text, maps as JSON
 * @param project the bootstrap project's name, its config namespace
 * @throws Error listing every problem
 */
export function parseBootstrapConfig(
  config: Readonly<Record<string, string>>,
  project: string,
): BootstrapSettings {
  const problems: Problems = [];
  const { values, entries } = readConfig(
    config,
    project,
    {
      keys: BOOTSTRAP_KEYS,
      of: "the bootstrap",
      entries: {
        key: ENVIRONMENTS_KEY.name,
        description: ENVIRONMENTS_KEY.description,
        table: ENVIRONMENT_KEYS,
        names: checkStackName,
        of: "environment",
        required: true,
        redirects: REDIRECTED_ENVIRONMENT_KEYS,
      },
    },
    problems,
  );
  const environments = Object.entries(entries ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([stack, given]): EnvironmentSettings => {
      const environment = withTableDefaults(ENVIRONMENT_KEYS, given, stack);
      const { createsBucket, production } = environment;
      if (production && given.previewPullRequests === true) {
        problems.push(
          configProblem(
            `${ENVIRONMENTS_KEY.name}.${stack}.previewPullRequests`,
            true,
            `false, as ${ENVIRONMENTS_KEY.name}.${stack}.production is true: no pull request's ` +
              "code runs with a production stack's role",
          ),
        );
      }
      const prefixRule = createsBucket
        ? checkCreatedBucketPrefix(createdBucketPrefix(DEPLOYED_PROJECT, stack))
        : undefined;
      if (prefixRule !== undefined) {
        problems.push(
          configProblem(
            `${ENVIRONMENTS_KEY.name}.${stack}.createsBucket`,
            true,
            `false, as stack ${JSON.stringify(stack)} cannot name a bucket of its own (${prefixRule})`,
          ),
        );
      }
      return { stack, ...environment };
    });
  problems.push(...sharedNames(environments), ...environments.flatMap(policySizeProblems));

  if (problems.length > 0) {
    throw new Error(`invalid bootstrap config:\n${problems.join("\n")}`);
  }
  return { ...withTableDefaults(BOOTSTRAP_KEYS, values, undefined), environments };
}

/**
 * The longest ARN the environment's KMS key can have: the longest account's, in a region of the
 * longest name, with a key id of a UUID's length.
 */
const LONGEST_KEY_ARN =
  `arn:${LONGEST_ACCOUNT.partition}:kms:ap-southeast-1:${LONGEST_ACCOUNT.accountId}:key/` +
  "00000000-0000-0000-0000-000000000000";

/**
 * An environment's policies must fit IAM's quotas, and its settings lengthen them: each bucket
 * the boundary (a managed policy), each tag the deploy role's policy (inline, as the rotator
 * role's is, which each rotated user lengthens). Too long, and the bootstrap could not create
 * it; each is measured in the longest account.
 */
function policySizeProblems(environment: EnvironmentSettings): string[] {
  const { stack } = environment;
  const env: DeployEnvironment = {
    ...environment,
    account: LONGEST_ACCOUNT,
    project: DEPLOYED_PROJECT,
    keyArn: LONGEST_KEY_ARN,
  };
  const key = (name: string) => `${ENVIRONMENTS_KEY.name}.${stack}.${name}`;
  return [
    sizeProblem(
      permissionsBoundaryPolicy(env),
      IAM_QUOTAS.managedPolicyCharacters,
      "a managed policy",
      key("buckets"),
      environment.buckets,
      "fewer buckets: with these the stack's permissions boundary",
    ),
    sizeProblem(
      deployRolePolicy(env),
      IAM_QUOTAS.roleInlinePolicyCharacters,
      "a role's inline policies",
      key("tags"),
      environment.tags,
      "fewer or shorter tags: with these the stack's deploy role policy",
    ),
    environment.escRotation
      ? sizeProblem(
          rotatorPolicy(LONGEST_ACCOUNT, DEPLOYED_PROJECT, stack, environment.rotatedUsers),
          IAM_QUOTAS.roleInlinePolicyCharacters,
          "a role's inline policies",
          key("rotatedUsers"),
          environment.rotatedUsers,
          "fewer users: with these the stack's rotator role policy",
        )
      : undefined,
  ].filter((problem): problem is string => problem !== undefined);
}

/** The problem, told on the key whose value lengthens it, of a document over its quota. */
function sizeProblem(
  document: unknown,
  limit: number,
  kind: string,
  key: string,
  value: unknown,
  fix: string,
): string | undefined {
  const characters = policyCharacters(document);
  return characters <= limit
    ? undefined
    : configProblem(
        key,
        value,
        `${fix} has ${characters} characters, over IAM's limit of ${limit} for ${kind}`,
      );
}

/**
 * What two environments may not share: a stack name that differs only in case (their created
 * buckets would share one name pattern), or an existing bucket, listed twice or named like a
 * stack's created bucket (each environment's users must reach nothing of another's).
 */
function sharedNames(environments: readonly EnvironmentSettings[]): string[] {
  return environments.flatMap((environment, index) => {
    const earlier = environments.slice(0, index);
    const sameStack = earlier.find(
      (other) => other.stack.toLowerCase() === environment.stack.toLowerCase(),
    );
    return [
      ...(sameStack === undefined
        ? []
        : [
            configProblem(
              "environments",
              environment.stack,
              `stack names that differ in more than case (${sameStack.stack} is one)`,
            ),
          ]),
      ...environment.buckets.flatMap((bucket) => {
        const listing = earlier.find((other) => other.buckets.includes(bucket));
        const creating = environments.find((other) =>
          matchesCreatedBucketName(createdBucketPrefix(DEPLOYED_PROJECT, other.stack), bucket),
        );
        const rule =
          listing !== undefined
            ? `a bucket of one environment only (${listing.stack} lists it)`
            : creating !== undefined
              ? `a bucket whose name no stack's created bucket can have (it is one of ${creating.stack}'s)`
              : undefined;
        return rule === undefined
          ? []
          : [configProblem(`environments.${environment.stack}.buckets`, bucket, rule)];
      }),
    ];
  });
}
