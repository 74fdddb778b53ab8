/**
 * The inputs of `BucketAccessRole`: their documentation, their defaults (in one place) and
 * their rules. The grant's fields are the user's, under the user's rules and defaults; what is
 * a role's own is who may assume it (`trust`) and for how long. Pure; the only Pulumi import is
 * a type.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AccessLevel } from "../iam/accessLevels";
import { AwsAccount } from "../iam/arns";
import {
  IAM_QUOTAS,
  isIamName,
  LONGEST_ACCOUNT,
  policyCharacters,
  ROLE_SESSION_SECONDS,
} from "../iam/iamQuotas";
import type { PolicyDocument } from "../iam/policyDocument";
import { buildRolePolicy } from "../iam/rolePolicy";
import {
  GithubActionsTrust,
  githubSubjects,
  hasWildcard,
  ROLES_ANYWHERE_SERVICE,
  roleTrustPolicy,
} from "../iam/roleTrust";
import { ProjectStack, stackIamPath } from "../iam/stackNaming";
import { ArgsProblem, brokenRules, FieldRules, repeatedItem, Rule } from "./argsProblems";
import { policySizeProblems } from "./grantSize";
import { isRecord, valueAt } from "./json";
import {
  hasType,
  isLiteralDefault,
  KeySpec,
  typeRule,
  unknownKeyRule,
  ValueOf,
  ValueType,
} from "./keyTable";
import { fieldProblems } from "./userArgs";
import { ArgsField, USER_SETTINGS } from "./userSettings";

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

/** Arguments of a `BucketAccessRole`. */
export interface BucketAccessRoleArgs {
  /**
   * The bucket the role may use, by name (`my-bucket`) or ARN (`arn:aws:s3:::my-bucket`).
   * May be an output, e.g. of a bucket created in the same program.
   */
  readonly bucket: pulumi.Input<string>;
  /** IAM role name: 1 to 64 of letters, digits and `+=,.@_-`, unique in the account. */
  readonly roleName: string;
  /** Who may assume the role: no long-term key exists, only sessions of these callers. */
  readonly trust: RoleTrustSettings;
  /**
   * What the role may do with objects: `read` (list and get), `write` (put and abort
   * multipart uploads; no listing) or `read-write`.
   * @default "read-write"
   */
  readonly access?: AccessLevel;
  /**
   * Key prefixes the role is limited to, each ending in `/` (e.g. `reports/`); no leading `/`.
   * Limits object actions and listing alike.
   * @default - the whole bucket
   */
  readonly prefixes?: string[];
  /**
   * Also allow `s3:DeleteObject` on the objects in scope.
   * @default false
   */
  readonly allowDelete?: boolean;
  /**
   * Allow `s3:ListAllMyBuckets`, which reveals the names of every bucket in the account; an
   * application that knows its bucket has no need of it.
   * @default false
   */
  readonly listAllBuckets?: boolean;
  /**
   * Key ARN of the bucket's SSE-KMS key. Grants only the KMS actions S3 needs, and only
   * when S3 calls KMS for this bucket.
   * @default - no KMS grant (SSE-S3 or no encryption)
   */
  readonly kmsKeyArn?: string;
  /**
   * The longest session a caller may ask for, in seconds: 3600 (one hour) to 43200 (twelve).
   * @default 3600
   */
  readonly maxSessionDuration?: number;
  /**
   * IAM path of the role and its policy; starts and ends with `/`. Each stack's deploy role is
   * confined to its stack's path, so another stack's role can never reach these identities.
   * @default - the stack's own path, `/<project>/<stack>/`
   */
  readonly path?: string;
  /**
   * The managed policy that caps what the role can ever be granted: its ARN, or its path and
   * name as the ARN ends (`iam-bucket-access-boundary/iam-bucket-access-dev`), which is completed
   * with the account and partition the stack deploys into.
   * @default - no permissions boundary
   */
  readonly permissionsBoundary?: string;
  /** Tags for every taggable resource (at most 50; keys may not start with `aws:`). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Protect every child resource from deletion (`pulumi destroy` and replacements fail).
   * @default false
   */
  readonly protect?: boolean;
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

/** The arguments other than the bucket, with every default applied. */
export interface ResolvedRoleSettings {
  readonly roleName: string;
  readonly trust: ResolvedRoleTrust;
  readonly access: AccessLevel;
  readonly prefixes: readonly string[];
  readonly allowDelete: boolean;
  readonly listAllBuckets: boolean;
  readonly kmsKeyArn?: string;
  readonly maxSessionDuration: number;
  readonly path: string;
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly protect: boolean;
}

/** A user setting's literal default, which a role's same setting shares. */
function userDefault<T extends ValueType>(spec: KeySpec<T>): ValueOf<T> {
  const value = spec.default;
  if (isLiteralDefault(value)) {
    return value;
  }
  throw new Error(`a role shares the user's literal defaults only, not ${JSON.stringify(value)}`);
}

/**
 * The literal defaults: the grant's are the user's, so a role and a user of the same settings
 * get the same policy. The path and the GitHub refs are derived, in `withRoleDefaults`.
 */
export const BUCKET_ACCESS_ROLE_DEFAULTS = {
  access: userDefault(USER_SETTINGS.access),
  prefixes: userDefault(USER_SETTINGS.prefixes),
  allowDelete: userDefault(USER_SETTINGS.allowDelete),
  // A role has no console to browse buckets with.
  listAllBuckets: false,
  maxSessionDuration: 3600,
  services: [] as string[],
  githubRefs: ["refs/heads/main"],
  tags: userDefault(USER_SETTINGS.tags),
  protect: userDefault(USER_SETTINGS.protect),
} as const;

/** The trust as a caller may pass it: JavaScript and other languages may leave it out. */
function trustAsGiven(args: Omit<BucketAccessRoleArgs, "bucket">): Partial<RoleTrustSettings> {
  const given: { readonly trust?: RoleTrustSettings } = args;
  return given.trust ?? {};
}

/** GitHub's settings with the default refs: the default branch's, unless environments decide. */
function githubWithDefaults(github: GithubTrustSettings): GithubActionsTrust {
  return {
    repository: github.repository,
    refs:
      github.refs ??
      (github.environments === undefined ? BUCKET_ACCESS_ROLE_DEFAULTS.githubRefs : []),
    environments: github.environments ?? [],
  };
}

/**
 * Applies the defaults; the only place that writes a fallback value.
 * @param where the stack the role belongs to, whose own IAM path is the default path
 */
export function withRoleDefaults(
  args: Omit<BucketAccessRoleArgs, "bucket">,
  where: ProjectStack,
): ResolvedRoleSettings {
  const defaults = BUCKET_ACCESS_ROLE_DEFAULTS;
  const trust = trustAsGiven(args);
  return {
    roleName: args.roleName,
    trust: {
      github: trust.github === undefined ? undefined : githubWithDefaults(trust.github),
      services: trust.services ?? defaults.services,
      rolesAnywhere:
        trust.rolesAnywhere === undefined
          ? undefined
          : {
              certificates: trust.rolesAnywhere.certificates ?? [],
              acmPcaArn: trust.rolesAnywhere.acmPcaArn,
              commonNames: trust.rolesAnywhere.commonNames,
            },
    },
    access: args.access ?? defaults.access,
    prefixes: args.prefixes ?? defaults.prefixes,
    allowDelete: args.allowDelete ?? defaults.allowDelete,
    listAllBuckets: args.listAllBuckets ?? defaults.listAllBuckets,
    kmsKeyArn: args.kmsKeyArn,
    maxSessionDuration: args.maxSessionDuration ?? defaults.maxSessionDuration,
    path: args.path ?? stackIamPath(where.project, where.stack),
    permissionsBoundary: args.permissionsBoundary,
    tags: args.tags ?? defaults.tags,
    protect: args.protect ?? defaults.protect,
  };
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

/** @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
const checkRoleName: Rule<string> = (name) =>
  isIamName(name, IAM_QUOTAS.roleNameCharacters)
    ? undefined
    : `1 to ${IAM_QUOTAS.roleNameCharacters} letters, digits and +=,.@_- (an IAM role name)`;

const checkMaxSessionDuration: Rule<number> = (seconds) =>
  Number.isInteger(seconds) &&
  seconds >= ROLE_SESSION_SECONDS.minimum &&
  seconds <= ROLE_SESSION_SECONDS.maximum
    ? undefined
    : `a whole number of seconds from ${ROLE_SESSION_SECONDS.minimum} (one hour) to ` +
      `${ROLE_SESSION_SECONDS.maximum} (twelve hours)`;

/** GitHub's rule for account and organization names: letters, digits, single inner hyphens. */
const GITHUB_OWNER = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";

/** @see https://docs.github.com/en/repositories/creating-and-managing-repositories/creating-a-new-repository */
const checkRepository: Rule<string> = (repository) =>
  new RegExp(`^${GITHUB_OWNER}/[A-Za-z0-9_.*?-]{1,100}$`).test(repository)
    ? undefined
    : "a GitHub repository as owner/repo, its owner exact (no * or ?): anyone can create " +
      "a repository of any name under an owner of their own";

const checkRef: Rule<string> = (ref) =>
  /^refs\/[^\s:]+$/.test(ref)
    ? undefined
    : "a full git ref such as refs/heads/main or refs/tags/v1, without spaces or :";

/** @see https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments */
const checkEnvironment: Rule<string> = (environment) =>
  /^[^\s:][^:]{0,254}$/.test(environment) && environment.trim() === environment
    ? undefined
    : "a deployment environment's name: 1 to 255 characters, no :, no leading or trailing space";

/** A service principal's form: `<service>.amazonaws.com` (`.amazonaws.com.cn` in China). */
const checkServicePrincipal: Rule<string> = (service) => {
  if (service === ROLES_ANYWHERE_SERVICE) {
    return "a service other than Roles Anywhere, which trust.rolesAnywhere trusts for one anchor only";
  }
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/.test(service)
    ? undefined
    : "an AWS service principal such as ecs-tasks.amazonaws.com, lambda.amazonaws.com or " +
        "pods.eks.amazonaws.com";
};

/** A list naming each item once. */
const checkEachOnce: Rule<readonly string[]> = (items) => {
  const twice = repeatedItem(items);
  return twice === undefined ? undefined : `each once (${twice} is there twice)`;
};

/** One certificate in PEM. */
const checkCertificate: Rule<string> = (pem) =>
  /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/.test(pem)
    ? undefined
    : "one PEM certificate, -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----";

/**
 * The most characters of a trust anchor's certificate bundle.
 * @see https://docs.aws.amazon.com/rolesanywhere/latest/APIReference/API_SourceData.html
 */
const CERTIFICATE_BUNDLE_CHARACTERS = 8000;

/** The certificates as the trust anchor's one bundle. */
export function certificateBundle(certificates: readonly string[]): string {
  return certificates.map((pem) => pem.trim()).join("\n");
}

const checkCertificates: Rule<readonly string[]> = (certificates) =>
  checkEachOnce(certificates) ??
  (certificateBundle(certificates).length <= CERTIFICATE_BUNDLE_CHARACTERS
    ? undefined
    : `certificates of at most ${CERTIFICATE_BUNDLE_CHARACTERS} characters together (one bundle)`);

const checkAcmPcaArn: Rule<string> = (arn) =>
  /^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\d{12}:certificate-authority\/[0-9a-f-]{36}$/.test(arn)
    ? undefined
    : "an AWS Private CA ARN like arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/<id>";

/** A certificate subject's common name: at most 64 characters (X.520), matched exactly. */
const checkCommonName: Rule<string> = (name) =>
  name.length >= 1 && name.length <= 64 && !hasWildcard(name) && name.trim() === name
    ? undefined
    : "a certificate subject's common name: 1 to 64 characters, no * or ?, matched exactly";

const checkCommonNames: Rule<readonly string[]> = (names) =>
  names.length === 0 ? "one common name at least" : checkEachOnce(names);

/** The grant's fields: a role's are checked by the user's own rules (userSettings.ts). */
const GRANT_FIELDS = [
  "bucket",
  "access",
  "prefixes",
  "kmsKeyArn",
  "path",
  "permissionsBoundary",
  "tags",
] as const satisfies readonly ArgsField[];

/** Every dotted argument field of a role's own that has rules. */
type RoleArgsField =
  | "roleName"
  | "maxSessionDuration"
  | "trust.github.repository"
  | "trust.github.refs"
  | "trust.github.environments"
  | "trust.services"
  | "trust.rolesAnywhere.certificates"
  | "trust.rolesAnywhere.acmPcaArn"
  | "trust.rolesAnywhere.commonNames";

/** The rules of a role's own fields; the component checks by these, and so can the config. */
export const ROLE_ARG_RULES: Readonly<Record<RoleArgsField, FieldRules<never>>> = {
  roleName: { rule: checkRoleName },
  maxSessionDuration: { rule: checkMaxSessionDuration },
  "trust.github.repository": { rule: checkRepository },
  "trust.github.refs": { rule: checkEachOnce, itemRule: checkRef },
  "trust.github.environments": { rule: checkEachOnce, itemRule: checkEnvironment },
  "trust.services": { rule: checkEachOnce, itemRule: checkServicePrincipal },
  "trust.rolesAnywhere.certificates": { rule: checkCertificates, itemRule: checkCertificate },
  "trust.rolesAnywhere.acmPcaArn": { rule: checkAcmPcaArn },
  "trust.rolesAnywhere.commonNames": { rule: checkCommonNames, itemRule: checkCommonName },
};

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
  const resolved: Readonly<Record<string, unknown>> = { ...settings, bucket };
  const shape = trustShapeProblems(given.trust);
  return [
    ...Object.entries(USER_ONLY_ARGS).flatMap(([field, expected]) =>
      given[field] === undefined ? [] : [{ field, value: given[field], expected }],
    ),
    ...GRANT_FIELDS.flatMap((field) => {
      const value = valueAt(resolved, field);
      // A bucket that is an output is checked where it is created.
      return value === undefined || (field === "bucket" && typeof value !== "string")
        ? []
        : fieldProblems(field, value);
    }),
    ...Object.entries(ROLE_ARG_RULES)
      // The trust's rules read it by its shape: none apply to a trust of another.
      .filter(([field]) => shape.length === 0 || !field.startsWith("trust."))
      .flatMap(([field, rules]) => {
        const value = valueAt(resolved, field);
        return value === undefined
          ? []
          : brokenRules(rules as FieldRules<unknown>, value).map((broken) => ({
              field,
              ...broken,
            }));
      }),
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
