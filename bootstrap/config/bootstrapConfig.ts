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
import { permissionsBoundaryPolicy } from "../iam/deployPolicies";

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
  problems.push(...sharedNames(environments), ...environments.flatMap(boundarySizeProblems));

  if (problems.length > 0) {
    throw new Error(`invalid bootstrap config:\n${problems.join("\n")}`);
  }
  return { ...withTableDefaults(BOOTSTRAP_KEYS, values, undefined), environments };
}

/**
 * An environment's boundary must fit IAM's managed policy quota, and every bucket it lists
 * lengthens it: too many, and the bootstrap could not create it.
 */
function boundarySizeProblems(environment: EnvironmentSettings): string[] {
  const characters = policyCharacters(
    permissionsBoundaryPolicy({
      ...environment,
      account: LONGEST_ACCOUNT,
      project: DEPLOYED_PROJECT,
      keyArn: "",
    }),
  );
  const limit = IAM_QUOTAS.managedPolicyCharacters;
  return characters <= limit
    ? []
    : [
        configProblem(
          `${ENVIRONMENTS_KEY.name}.${environment.stack}.buckets`,
          environment.buckets,
          `fewer buckets: with these the stack's permissions boundary has ${characters} ` +
            `characters, over IAM's limit of ${limit} for a managed policy`,
        ),
      ];
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
