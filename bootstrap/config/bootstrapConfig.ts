/**
 * Bootstrap stack config → validated settings. Pure; throws one error listing every problem,
 * shaped like the main project's (`config key <key>: got <value>; expected <rule>`).
 */
import { isRecord, parseJson } from "../../config/json";
import { describeProblem } from "../../components/bucketAccessUserArgs";
import { parseArn } from "../../iam/arns";
import {
  checkBucketName,
  checkCreatedBucketPrefix,
  createdBucketPrefix,
  matchesCreatedBucketName,
} from "../../iam/bucketNaming";
import { IAM_QUOTAS } from "../../iam/iamQuotas";

/** The project whose stacks the bootstrap prepares; its `Pulumi.yaml` name (a spec checks). */
export const DEPLOYED_PROJECT = "iam-bucket-access";

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
  /**
   * A production stack: pull requests are not previewed, and its role cannot be assumed by a
   * preview at all, so no unmerged code ever runs with it.
   */
  readonly production: boolean;
  /**
   * The Pulumi stack exists already (it was deployed by hand before): adopt it into the
   * bootstrap rather than create it, which would fail.
   */
  readonly adoptStack: boolean;
}

/** Everything the bootstrap program needs. */
export interface BootstrapSettings {
  readonly organization: string;
  /** `owner/name` on GitHub. */
  readonly repository: string;
  /** An existing OIDC provider to reuse; undefined to create one. */
  readonly oidcProviderArn?: string;
  /** Turn on S3 Block Public Access for the whole account. */
  readonly blockPublicAccess: boolean;
  /** In stack name order. */
  readonly environments: readonly EnvironmentSettings[];
}

/** The name of a stack's deploy role, `<project>-deploy-<stack>`. */
export function deployRoleName(stack: string): string {
  return `${DEPLOYED_PROJECT}-deploy-${stack}`;
}

const ORGANIZATION = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9_.-]{1,100}$/;
const STACK = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A branch name git accepts: no spaces, control characters, `..`, `~^:?*[\`, or leading `-`/`/`. */
const BRANCH = /^(?![-/])(?!.*\.\.)(?!.*\/\/)[^\s~^:?*[\\\x00-\x1f\x7f]+(?<![/.])$/;
const TOP_LEVEL_KEYS = [
  "organization",
  "repository",
  "oidcProviderArn",
  "blockPublicAccess",
  "environments",
];
const ENVIRONMENT_KEYS = ["branch", "createsBucket", "buckets", "production", "adoptStack"];
/** Keys earlier versions took, and what replaced them. */
const RETIRED_ENVIRONMENT_KEYS: Readonly<Record<string, string>> = {
  permissionsBoundaryArn:
    "no such key: the bootstrap now creates each environment's permissions boundary itself",
};

/** A value read from text as the engine passes it: JSON where it parses, the text otherwise. */
function fromText(text: string | undefined): unknown {
  return text === undefined ? undefined : (parseJson(text) ?? text);
}

/**
 * Parses and validates the bootstrap config.
 * @param raw key (without namespace) → text, maps as JSON, as the engine passes them
 * @throws Error listing every problem
 */
export function parseBootstrapConfig(raw: Readonly<Record<string, string>>): BootstrapSettings {
  const problems: string[] = [];
  const problem = (key: string, value: unknown, expected: string) =>
    problems.push(describeProblem(`config key ${key}`, value, expected));
  for (const key of Object.keys(raw).filter((key) => !TOP_LEVEL_KEYS.includes(key))) {
    problem(key, raw[key], `a known key: ${TOP_LEVEL_KEYS.join(", ")}`);
  }

  const organization = raw.organization ?? "";
  if (!ORGANIZATION.test(organization)) {
    problem(
      "organization",
      raw.organization ?? null,
      "a Pulumi organization name: letters, digits, _ . -",
    );
  }
  const repository = raw.repository ?? "";
  if (!REPOSITORY.test(repository)) {
    problem("repository", raw.repository ?? null, "a GitHub repository as owner/name");
  }
  const oidcProviderArn = raw.oidcProviderArn ? raw.oidcProviderArn : undefined;
  const provider = oidcProviderArn === undefined ? undefined : parseArn(oidcProviderArn);
  if (
    oidcProviderArn !== undefined &&
    (provider?.service !== "iam" || provider.resource !== "oidc-provider/api.pulumi.com/oidc")
  ) {
    problem(
      "oidcProviderArn",
      oidcProviderArn,
      "the ARN of the account's OIDC provider for api.pulumi.com/oidc, or empty to create it",
    );
  }
  const blockPublicAccess = fromText(raw.blockPublicAccess) ?? true;
  if (typeof blockPublicAccess !== "boolean") {
    problem("blockPublicAccess", blockPublicAccess, "true or false");
  }

  const map = fromText(raw.environments);
  if (!isRecord(map) || Object.keys(map).length === 0) {
    problem(
      "environments",
      map ?? null,
      `a map of stack name to {${ENVIRONMENT_KEYS.join(", ")}}, with at least one stack`,
    );
  }
  const environments = Object.entries(isRecord(map) ? map : {})
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([stack, value]): EnvironmentSettings[] => {
      const key = (field: string) => `environments.${stack}.${field}`;
      const roleRule = `a stack name of letters, digits, _ . - whose deploy role name ${deployRoleName("<stack>")} fits IAM's ${IAM_QUOTAS.roleNameCharacters} characters`;
      if (!STACK.test(stack) || deployRoleName(stack).length > IAM_QUOTAS.roleNameCharacters) {
        problem("environments", stack, roleRule);
        return [];
      }
      if (!isRecord(value)) {
        problem(`environments.${stack}`, value, `a map with ${ENVIRONMENT_KEYS.join(", ")}`);
        return [];
      }
      for (const field of Object.keys(value).filter((field) => !ENVIRONMENT_KEYS.includes(field))) {
        problem(
          key(field),
          value[field],
          RETIRED_ENVIRONMENT_KEYS[field] ??
            `a key of an environment: ${ENVIRONMENT_KEYS.join(", ")}`,
        );
      }
      if (typeof value.branch !== "string" || !BRANCH.test(value.branch)) {
        problem(key("branch"), value.branch ?? null, "a git branch name, e.g. main");
      }
      for (const flag of ["createsBucket", "production", "adoptStack"]) {
        if (value[flag] !== undefined && typeof value[flag] !== "boolean") {
          problem(key(flag), value[flag], "true or false");
        }
      }
      const createsBucket = value.createsBucket === true;
      const prefixRule = createsBucket
        ? checkCreatedBucketPrefix(createdBucketPrefix(DEPLOYED_PROJECT, stack))
        : undefined;
      if (prefixRule !== undefined) {
        problem(
          key("createsBucket"),
          true,
          `false, as stack ${JSON.stringify(stack)} cannot name a bucket of its own (${prefixRule})`,
        );
      }
      const buckets = value.buckets ?? [];
      if (!Array.isArray(buckets) || !buckets.every((bucket) => typeof bucket === "string")) {
        problem(key("buckets"), buckets, "a list of existing bucket names");
      } else {
        for (const bucket of buckets) {
          const rule = checkBucketName(bucket);
          if (rule !== undefined) {
            problem(key("buckets"), bucket, rule);
          }
        }
      }
      return [
        {
          stack,
          branch: String(value.branch),
          createsBucket,
          buckets: Array.isArray(buckets) ? buckets.map(String) : [],
          production: value.production === true,
          adoptStack: value.adoptStack === true,
        },
      ];
    });
  problems.push(...sharedNames(environments));

  if (problems.length > 0) {
    throw new Error(`invalid bootstrap config:\n${problems.join("\n")}`);
  }
  return {
    organization,
    repository,
    oidcProviderArn,
    blockPublicAccess: blockPublicAccess === true,
    environments,
  };
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
            describeProblem(
              "config key environments",
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
          : [describeProblem(`config key environments.${environment.stack}.buckets`, bucket, rule)];
      }),
    ];
  });
}
