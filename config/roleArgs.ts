/**
 * The contract of `BucketAccessRole`'s arguments, as its settings table (roleSettings.ts)
 * declares them: the defaults applied in one place, every rule checked, and what is a role's
 * alone: who may assume it (`trust`, whose parts are declared and defaulted here) and the
 * arguments of a user's it refuses. Pure; the only Pulumi import is a type.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AwsAccount } from "../iam/arns";
import { IAM_QUOTAS, LONGEST_ACCOUNT, policyCharacters } from "../iam/iamQuotas";
import type { PolicyDocument } from "../iam/policyDocument";
import { buildRolePolicy } from "../iam/rolePolicy";
import { GithubActionsTrust, githubSubjects, hasWildcard, roleTrustPolicy } from "../iam/roleTrust";
import type { ProjectStack } from "../iam/stackNaming";
import { ArgsProblem } from "./argsProblems";
import { argRules, settingsProblems, withArgDefaults } from "./argSettings";
import { policySizeProblems } from "./grantSize";
import { isRecord, valueAt } from "./json";
import { hasType, typeRule, unknownKeyRule } from "./keyTable";
import type { BucketAccessRoleArgs, ResolvedRoleSettings } from "./roleArgTypes";
import { TRUST_RULES } from "./roleRules";
import { ROLE_SETTINGS } from "./roleSettings";

/** GitHub Actions workflows of one repository, through the account's GitHub OIDC provider. */
export interface GithubTrustSettings {
  /**
   * The repository, `owner/repo` as GitHub writes it (IAM compares case-sensitively). A `*` or
   * `?` in the repository's name matches other repositories of the owner and is warned about;
   * the owner is always exact, since anyone can create a repository of any name elsewhere.
   */
  readonly repository: string;
  /**
   * Full git refs whose workflow runs may assume the role (`refs/heads/main`, `refs/tags/v1`);
   * a wildcard (`refs/tags/v*`) is warned about. Pull requests are never among them.
   * @default - `["refs/heads/main"]`, or none when `environments` is set
   */
  readonly refs?: string[];
  /**
   * Deployment environments whose jobs may assume the role, e.g. `production`: a job that
   * names an environment presents its environment instead of its ref, so its protection rules
   * (reviewers, branches) decide.
   * @default - none
   */
  readonly environments?: string[];
}

/** Certificates IAM Roles Anywhere accepts: a trust anchor (a CA) and the subjects it vouches for. */
export interface RolesAnywhereTrustSettings {
  /**
   * The CA certificates (PEM) of the trust anchor, as one bundle of at most 8,000 characters.
   * Exactly one of `certificates` and `acmPcaArn`.
   * @default - none: the anchor is `acmPcaArn`
   */
  readonly certificates?: string[];
  /**
   * An AWS Private CA to anchor to, by ARN. Exactly one of `certificates` and `acmPcaArn`.
   * @default - none: the anchor is `certificates`
   */
  readonly acmPcaArn?: string;
  /** The subject common names (CN) a certificate may carry, exactly; one at least. */
  readonly commonNames: string[];
}

/** Who may assume the role; one kind of caller at least. */
export interface RoleTrustSettings {
  /** A GitHub repository's workflows. @default - none */
  readonly github?: GithubTrustSettings;
  /**
   * AWS service principals, e.g. `ecs-tasks.amazonaws.com` (an ECS task role),
   * `lambda.amazonaws.com` (a Lambda execution role), `pods.eks.amazonaws.com` (EKS Pod
   * Identity), acting for the stack's own account only.
   * @default []
   */
  readonly services?: string[];
  /** Workloads outside AWS holding a certificate, through IAM Roles Anywhere. @default - none */
  readonly rolesAnywhere?: RolesAnywhereTrustSettings;
}

/** Roles Anywhere's settings with every default applied. */
export interface ResolvedRolesAnywhere {
  readonly certificates: readonly string[];
  readonly acmPcaArn?: string;
  readonly commonNames: readonly string[];
}

/** Who may assume the role, with every default applied. */
export interface ResolvedRoleTrust {
  readonly github?: GithubActionsTrust;
  readonly services: readonly string[];
  readonly rolesAnywhere?: ResolvedRolesAnywhere;
}

/** The trust as a caller may pass it: JavaScript and other languages may leave it out. */
function trustAsGiven(args: Omit<BucketAccessRoleArgs, "bucket">): Partial<RoleTrustSettings> {
  const given: { readonly trust?: RoleTrustSettings } = args;
  return given.trust ?? {};
}

/** The refs a GitHub trust names by default: the default branch's. */
const GITHUB_DEFAULT_REFS = ["refs/heads/main"];

/**
 * A trust's parts with their defaults applied, the only place they are written: GitHub's refs
 * are the default branch's unless environments decide, and lists left out are empty.
 */
function withTrustDefaults(trust: Partial<RoleTrustSettings>): ResolvedRoleTrust {
  const { github, rolesAnywhere } = trust;
  return {
    github:
      github === undefined
        ? undefined
        : {
            repository: github.repository,
            refs: github.refs ?? (github.environments === undefined ? GITHUB_DEFAULT_REFS : []),
            environments: github.environments ?? [],
          },
    services: trust.services ?? [],
    rolesAnywhere:
      rolesAnywhere === undefined
        ? undefined
        : {
            certificates: rolesAnywhere.certificates ?? [],
            acmPcaArn: rolesAnywhere.acmPcaArn,
            commonNames: rolesAnywhere.commonNames,
          },
  };
}

/**
 * Applies the defaults the settings table declares, by the one function every config table's
 * defaults are applied with, and the trust's parts' own.
 * @param where the stack the role belongs to, whose own IAM path is the default path
 */
export function withRoleDefaults(
  args: Omit<BucketAccessRoleArgs, "bucket">,
  where: ProjectStack,
): ResolvedRoleSettings {
  return {
    ...withArgDefaults(ROLE_SETTINGS, args, where),
    trust: withTrustDefaults(trustAsGiven(args)),
  } as unknown as ResolvedRoleSettings;
}

/** The policy the settings give a role of a bucket (a name) in an account: the user's grant. */
export function rolePolicyOf(
  settings: ResolvedRoleSettings,
  account: AwsAccount,
  bucket: string,
): PolicyDocument {
  return buildRolePolicy({ ...settings, partition: account.partition, bucket });
}

/**
 * What a user has and a role cannot, with why: a role is assumed for a session, so it has no
 * password, no MFA of its own and no long-term key. Other languages' callers are not stopped
 * by types, so the component refuses these by name.
 */
export const USER_ONLY_ARGS: Readonly<Record<string, string>> = {
  userName: "roleName: a role is named by roleName",
  console:
    "nothing: a role has no console password or MFA device (people sign in as themselves " +
    "and assume roles); a user, not a role, has a console login",
  accessKey: "nothing: a role has no long-term access key; its callers get sessions (see trust)",
};

/** Each argument field's rules, as the settings table states them. */
const ROLE_ARG_RULES = argRules(ROLE_SETTINGS);

/** A part of a trust as written: a text or a list of texts, or a map of named parts. */
type TrustShape =
  | "string"
  | "string-list"
  | { readonly [key: string]: { readonly shape: TrustShape; readonly required?: string } };

/**
 * What `RoleTrustSettings` holds, for callers that types do not hold to it (a stack's config,
 * other languages); `required` says what a part that must be there is.
 */
const TRUST_SHAPE: TrustShape = {
  github: {
    shape: {
      repository: { shape: "string", required: "the repository, owner/repo" },
      refs: { shape: "string-list" },
      environments: { shape: "string-list" },
    },
  },
  services: { shape: "string-list" },
  rolesAnywhere: {
    shape: {
      certificates: { shape: "string-list" },
      acmPcaArn: { shape: "string" },
      commonNames: { shape: "string-list", required: "the common names a certificate may carry" },
    },
  },
};

/** Every way a part of a trust is not of its shape: its type, unknown and missing keys. */
function shapeProblems(field: string, value: unknown, shape: TrustShape): ArgsProblem[] {
  if (typeof shape === "string") {
    return hasType(shape, value) ? [] : [{ field, value, expected: typeRule(shape) }];
  }
  const keys = Object.keys(shape);
  if (!isRecord(value)) {
    return [{ field, value, expected: `a map of ${keys.join(", ")}` }];
  }
  return [
    ...Object.entries(value)
      .filter(([key]) => !Object.hasOwn(shape, key))
      .map(([key, part]) => ({
        field: `${field}.${key}`,
        value: part,
        expected: unknownKeyRule(key, keys, field),
      })),
    ...Object.entries(shape).flatMap(([key, part]) => {
      const given = value[key];
      if (given !== undefined) {
        return shapeProblems(`${field}.${key}`, given, part.shape);
      }
      return part.required === undefined
        ? []
        : [
            {
              field: `${field}.${key}`,
              value: given,
              expected: `a value, as it is required: ${part.required}`,
            },
          ];
    }),
  ];
}

/**
 * Every way a trust as given is not the shape `RoleTrustSettings` declares (a list where text
 * belongs, an unknown or missing key), checked before its rules, which read it by that shape.
 * A trust left out is none: its problem is that it names nobody.
 */
export function trustShapeProblems(trust: unknown): ArgsProblem[] {
  return trust === undefined ? [] : shapeProblems("trust", trust, TRUST_SHAPE);
}

/** The longest trust anchor ARN, for a trust policy measured before the anchor exists. */
const LONGEST_TRUST_ANCHOR_ARN =
  `arn:${LONGEST_ACCOUNT.partition}:rolesanywhere:us-gov-west-1:${LONGEST_ACCOUNT.accountId}:` +
  `trust-anchor/${"0".repeat(36)}`;

/** The trust policy the settings give the role in an account, for a trust anchor's ARN. */
export function trustPolicyOf(
  trust: ResolvedRoleTrust,
  account: AwsAccount,
  trustAnchorArn: string | undefined,
) {
  return roleTrustPolicy(
    {
      github: trust.github,
      services: trust.services,
      rolesAnywhere:
        trust.rolesAnywhere === undefined || trustAnchorArn === undefined
          ? undefined
          : { trustAnchorArn, commonNames: trust.rolesAnywhere.commonNames },
    },
    account,
  );
}

/** A trust must name somebody; GitHub's, a ref or an environment; Roles Anywhere's, one anchor. */
function trustProblems(given: unknown, trust: ResolvedRoleTrust): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  if (
    trust.github === undefined &&
    trust.services.length === 0 &&
    trust.rolesAnywhere === undefined
  ) {
    problems.push({
      field: "trust",
      value: given,
      expected: "one caller at least: github, services or rolesAnywhere",
    });
  }
  const github = trust.github;
  if (github !== undefined && github.refs.length === 0 && github.environments.length === 0) {
    problems.push({
      field: "trust.github",
      value: valueAt(given, "github"),
      expected: "one ref or environment at least, whose workflows may assume the role",
    });
  }
  const anywhere = trust.rolesAnywhere;
  if (
    anywhere !== undefined &&
    anywhere.certificates.length > 0 === (anywhere.acmPcaArn !== undefined)
  ) {
    problems.push({
      field: "trust.rolesAnywhere",
      value: valueAt(given, "rolesAnywhere"),
      expected: "exactly one trust anchor: certificates (PEM) or acmPcaArn",
    });
  }
  const characters = policyCharacters(
    trustPolicyOf(trust, LONGEST_ACCOUNT, LONGEST_TRUST_ANCHOR_ARN),
  );
  if (characters > IAM_QUOTAS.trustPolicyCharacters) {
    problems.push({
      field: "trust",
      value: given,
      expected:
        `fewer or shorter refs, environments, services or common names: the trust policy has ` +
        `${characters} characters, over IAM's default limit of ${IAM_QUOTAS.trustPolicyCharacters}`,
    });
  }
  return problems;
}

/**
 * Every broken rule in the arguments: the user's arguments a role cannot have, each field's
 * rules in field order, then the trust as a whole (or, of a trust not of its shape, how it is
 * not) and the policy's size. A bucket that is an output (a bucket created in the same
 * program) is not checked here.
 * @param args the arguments as given, for the fields a role has none of
 */
export function findRoleArgsProblems(
  args: object,
  settings: ResolvedRoleSettings,
  bucket: pulumi.Input<string> | undefined,
): ArgsProblem[] {
  const given: Readonly<Record<string, unknown>> = { ...args };
  const shape = trustShapeProblems(given.trust);
  return [
    ...Object.entries(USER_ONLY_ARGS).flatMap(([field, expected]) =>
      given[field] === undefined ? [] : [{ field, value: given[field], expected }],
    ),
    // The trust's rules read it by its shape: none apply to a trust of another.
    ...settingsProblems(
      shape.length === 0 ? { ...ROLE_ARG_RULES, ...TRUST_RULES } : ROLE_ARG_RULES,
      settings,
      bucket,
    ),
    ...(shape.length === 0 ? trustProblems(given.trust, settings.trust) : shape),
    ...policySizeProblems(
      (account, bucketName) => rolePolicyOf(settings, account, bucketName),
      bucket,
      settings.prefixes,
    ),
  ];
}

/**
 * What a reviewer must know of a trust that was written to match more than one caller: each
 * GitHub subject with a wildcard, which every repository, ref or environment it matches may
 * use to assume the role.
 */
export function trustWarnings(trust: ResolvedRoleTrust): string[] {
  return (trust.github === undefined ? [] : githubSubjects(trust.github))
    .filter(hasWildcard)
    .map(
      (subject) =>
        `trust.github: ${JSON.stringify(subject)} holds a wildcard: every workflow whose ` +
        "token subject matches it may assume the role; name the repository, refs and " +
        "environments exactly unless that is intended",
    );
}
