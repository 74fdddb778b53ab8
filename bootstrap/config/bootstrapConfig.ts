/**
 * The bootstrap's config → validated settings, read by its key tables in one pass: every
 * problem in one error, shaped like the project's (`config key <key>: got <value>; expected
 * <rule>`). Pure.
 */
import {
  configProblem,
  fromText,
  fromTexts,
  Problems,
  projectEntries,
  readEntries,
  readValues,
} from "../../config/keyTable";
import {
  checkCreatedBucketPrefix,
  createdBucketPrefix,
  matchesCreatedBucketName,
} from "../../s3/bucketNaming";
import { IAM_QUOTAS, LARGEST_SCOPE, policyCharacters } from "../../iam/iamQuotas";
import { deployRoleName, rotatorRoleName, stackUserName } from "../../iam/stackNaming";
import {
  BOOTSTRAP_KEYS,
  DEPLOYED_PROJECT,
  ENVIRONMENT_KEYS,
  ENVIRONMENTS_KEY,
  REDIRECTED_ENVIRONMENT_KEYS,
} from "./bootstrapKeys";
import { permissionsBoundaryPolicy } from "../iam/deployPolicies";

/** One environment: a stack of the deployed project. */
export interface EnvironmentSettings {
  /** The stack name, e.g. `dev`; its KMS alias is `alias/iam-bucket-access-<stack>`. */
  readonly stack: string;
  /** The git branch whose pushes deploy the stack. */
  readonly branch: string;
  /** Whether the stack creates its own bucket, which its deploy role may then create and configure. */
  readonly createsBucket: boolean;
  /** Existing buckets the stack's users may use; its permissions boundary allows no others. */
  readonly buckets: readonly string[];
  /** The only tags the deploy role may set on users and policies, each with its only value. */
  readonly tags: Readonly<Record<string, string>>;
  /** A production stack: its pull requests are never previewed. */
  readonly production: boolean;
  /**
   * Deployments previews pull requests, with the stack's deploy role; when false, the role
   * cannot be assumed by a preview at all.
   */
  readonly previewPullRequests: boolean;
  /** The stack has role identities, which its deploy role may then manage in its path. */
  readonly roles: boolean;
  /** The Pulumi stack exists already: adopt it rather than create it, which would fail. */
  readonly adoptStack: boolean;
  /** A rotator role for the stack's ESC key rotation. */
  readonly escRotation: boolean;
  /** The names of the users whose keys the rotator role may rotate, in the stack's IAM path. */
  readonly rotatedUsers: readonly string[];
}

/** Everything the bootstrap program needs. */
export interface BootstrapSettings {
  readonly organization: string;
  /** `owner/name` on GitHub. */
  readonly repository: string;
  /** An existing OIDC provider to reuse; undefined to create one. */
  readonly oidcProviderArn?: string;
  /** Create the account's OIDC provider for GitHub Actions. */
  readonly githubActionsOidc: boolean;
  /** Turn on S3 Block Public Access for the whole account. */
  readonly blockPublicAccess: boolean;
  /** In stack name order. */
  readonly environments: readonly EnvironmentSettings[];
}

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
  const { [ENVIRONMENTS_KEY.name]: environmentsText, ...texts } = projectEntries(
    config,
    project,
    problems,
  );
  const values = readValues(
    BOOTSTRAP_KEYS,
    fromTexts(BOOTSTRAP_KEYS, texts),
    { label: (key) => key, of: "the bootstrap", otherKeys: [ENVIRONMENTS_KEY.name] },
    problems,
  );
  const entries =
    environmentsText === undefined
      ? undefined
      : readEntries(
          ENVIRONMENT_KEYS,
          ENVIRONMENTS_KEY.name,
          fromText("string-map", environmentsText),
          checkStackName,
          "environment",
          problems,
          REDIRECTED_ENVIRONMENT_KEYS,
        );
  if (environmentsText === undefined) {
    problems.push(
      configProblem(
        ENVIRONMENTS_KEY.name,
        null,
        `a value, as it is required: ${ENVIRONMENTS_KEY.description}`,
      ),
    );
  }
  const environments = Object.entries(entries ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([stack, environment]): EnvironmentSettings => {
      const createsBucket = environment.createsBucket ?? ENVIRONMENT_KEYS.createsBucket.default;
      const production = environment.production ?? ENVIRONMENT_KEYS.production.default;
      if (production && environment.previewPullRequests === true) {
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
      return {
        stack,
        branch: environment.branch ?? "",
        createsBucket,
        buckets: environment.buckets ?? ENVIRONMENT_KEYS.buckets.default,
        tags: environment.tags ?? { environment: stack, project: DEPLOYED_PROJECT },
        production,
        previewPullRequests: environment.previewPullRequests ?? !production,
        roles: environment.roles ?? ENVIRONMENT_KEYS.roles.default,
        adoptStack: environment.adoptStack ?? ENVIRONMENT_KEYS.adoptStack.default,
        escRotation: environment.escRotation ?? ENVIRONMENT_KEYS.escRotation.default,
        rotatedUsers: environment.rotatedUsers ?? [stackUserName(DEPLOYED_PROJECT, stack)],
      };
    });
  problems.push(...sharedNames(environments), ...environments.flatMap(boundarySizeProblems));

  if (problems.length > 0) {
    throw new Error(`invalid bootstrap config:\n${problems.join("\n")}`);
  }
  return {
    organization: values.organization ?? "",
    repository: values.repository ?? "",
    oidcProviderArn: values.oidcProviderArn,
    githubActionsOidc: values.githubActionsOidc ?? BOOTSTRAP_KEYS.githubActionsOidc.default,
    blockPublicAccess: values.blockPublicAccess ?? BOOTSTRAP_KEYS.blockPublicAccess.default,
    environments,
  };
}

/**
 * An environment's boundary must fit IAM's managed policy quota, and every bucket it lists
 * lengthens it: too many, and the bootstrap could not create it.
 */
function boundarySizeProblems(environment: EnvironmentSettings): string[] {
  const characters = policyCharacters(
    permissionsBoundaryPolicy({
      ...environment,
      scope: LARGEST_SCOPE,
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
