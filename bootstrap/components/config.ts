/**
 * Bootstrap stack config → validated settings. Pure; throws one error listing every problem,
 * shaped like the main project's (`config key <key>: got <value>; expected <rule>`).
 */
import { isRecord, parseJson } from "../../components/json";
import { checkPolicyArn, describeProblem } from "../../components/bucketAccessUserArgs";
import { parseArn } from "../../components/arns";

/** The project whose stacks the bootstrap prepares; its `Pulumi.yaml` name (a spec checks). */
export const DEPLOYED_PROJECT = "iam-bucket-access";

/** One environment: a stack of the deployed project. */
export interface EnvironmentSettings {
  /** The stack name, e.g. `dev`; its KMS alias is `alias/iam-bucket-access-<stack>`. */
  readonly stack: string;
  /** The git branch whose pushes deploy the stack. */
  readonly branch: string;
  /** Whether the stack creates its own bucket, which its deploy role may then manage. */
  readonly createsBucket: boolean;
  /** When set, the deploy role may create and keep users only with this boundary. */
  readonly permissionsBoundaryArn?: string;
}

/** Everything the bootstrap program needs. */
export interface BootstrapSettings {
  readonly organization: string;
  /** `owner/name` on GitHub. */
  readonly repository: string;
  /** An existing OIDC provider to reuse; undefined to create one. */
  readonly oidcProviderArn?: string;
  /** In stack name order. */
  readonly environments: readonly EnvironmentSettings[];
}

const ORGANIZATION = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9_.-]{1,100}$/;
const STACK = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** A branch name git accepts: no spaces, control characters, `..`, `~^:?*[\`, or leading `-`/`/`. */
const BRANCH = /^(?![-/])(?!.*\.\.)(?!.*\/\/)[^\s~^:?*[\\\x00-\x1f\x7f]+(?<![/.])$/;
const ENVIRONMENT_KEYS = ["branch", "createsBucket", "permissionsBoundaryArn"];

/**
 * Parses and validates the bootstrap config.
 * @param raw key (without namespace) → text, maps as JSON, as the engine passes them
 * @throws Error listing every problem
 */
export function parseBootstrapConfig(raw: Readonly<Record<string, string>>): BootstrapSettings {
  const problems: string[] = [];
  const problem = (key: string, value: unknown, expected: string) =>
    problems.push(describeProblem(`config key ${key}`, value, expected));
  const known = ["organization", "repository", "oidcProviderArn", "environments"];
  for (const key of Object.keys(raw).filter((key) => !known.includes(key))) {
    problem(key, raw[key], `a known key: ${known.join(", ")}`);
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

  const map =
    raw.environments === undefined ? undefined : (parseJson(raw.environments) ?? raw.environments);
  if (!isRecord(map) || Object.keys(map).length === 0) {
    problem(
      "environments",
      map ?? null,
      "a map of stack name to {branch, createsBucket, permissionsBoundaryArn}, with at least one stack",
    );
  }
  const environments = Object.entries(isRecord(map) ? map : {})
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([stack, value]): EnvironmentSettings[] => {
      const key = (field: string) => `environments.${stack}.${field}`;
      if (!STACK.test(stack)) {
        problem("environments", stack, "stack names of letters, digits, _ . -");
        return [];
      }
      if (!isRecord(value)) {
        problem(
          `environments.${stack}`,
          value,
          "a map with branch, createsBucket, permissionsBoundaryArn",
        );
        return [];
      }
      for (const field of Object.keys(value).filter((field) => !ENVIRONMENT_KEYS.includes(field))) {
        problem(
          key(field),
          value[field],
          `a key of an environment: ${ENVIRONMENT_KEYS.join(", ")}`,
        );
      }
      if (typeof value.branch !== "string" || !BRANCH.test(value.branch)) {
        problem(key("branch"), value.branch ?? null, "a git branch name, e.g. main");
      }
      if (value.createsBucket !== undefined && typeof value.createsBucket !== "boolean") {
        problem(key("createsBucket"), value.createsBucket, "true or false");
      }
      const boundary = value.permissionsBoundaryArn;
      const boundaryRule =
        typeof boundary === "string" ? checkPolicyArn(boundary) : "an IAM managed policy ARN";
      if (boundary !== undefined && boundaryRule !== undefined) {
        problem(key("permissionsBoundaryArn"), boundary, boundaryRule);
      }
      return [
        {
          stack,
          branch: String(value.branch),
          createsBucket: value.createsBucket === true,
          ...(typeof boundary === "string" ? { permissionsBoundaryArn: boundary } : {}),
        },
      ];
    });

  if (problems.length > 0) {
    throw new Error(`invalid bootstrap config:\n${problems.join("\n")}`);
  }
  return { organization, repository, oidcProviderArn, environments };
}
