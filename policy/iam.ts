/** Rules for IAM policies and users. */
import type {
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import {
  ACCOUNT_ID_PATTERN,
  allowStatements,
  awsPrincipals,
  conditionValues,
  federatedPrincipals,
  isAccountId,
  principalAccount,
  reachesAccountWide,
  reachesEveryResource,
  ReadStatement,
  servicePrincipals,
  namesAnyone,
  wholeAccountOf,
} from "./documents";
import { isProductionStack, stackOfUrn } from "./stacks";
import {
  configWithDefaults,
  forTypes,
  IDENTITY_POLICY_TYPES,
  identityDocuments,
  knownProps,
} from "./validation";
import { UNKNOWN } from "./values";

/**
 * The actions AWS grants only on `Resource: "*"` (no resource type in the service
 * authorization reference), which an Allow may therefore name on `*`: the users' listing of
 * buckets and reading of the password policy, and the deploy role's finding of MFA devices.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export const STAR_RESOURCE_ACTIONS = [
  "s3:ListAllMyBuckets",
  "iam:GetAccountPasswordPolicy",
  "iam:ListVirtualMFADevices",
];

/** The IAM path this project's users live under. */
export const PROJECT_USER_PATH = "/iam-bucket-access/";

/**
 * The IAM path of the permissions boundaries `bootstrap/` creates. A boundary is a ceiling, not
 * a grant: the stack's users' one must reach bucket keys in any account (through S3 only), so
 * `Resource` rules do not judge it, and the attachment rule keeps it from being attached.
 */
export const BOUNDARY_PATH = "/iam-bucket-access-boundary/";

/**
 * The Allow statements of every identity policy a resource carries (a managed or inline
 * policy's, each of a role's inline ones), labelled for messages.
 */
function grantsOf(
  args: ResourceValidationArgs,
): Array<{ statement: ReadStatement; label: string }> {
  return identityDocuments(args.type, knownProps(args.props)).flatMap(({ name, document }) =>
    allowStatements(document).map(({ statement, label }) => ({
      statement,
      label: name === undefined ? label : `inline policy ${name}, ${label}`,
    })),
  );
}

export const iamPolicyNoWildcardActions: ResourceValidationPolicy = {
  name: "iam-policy-no-wildcard-actions",
  description:
    "Checks that IAM policies, managed or inline, allow only named actions: no *, s3:*, " +
    "s3:Get*, s3:GetObjec? or NotAction.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(IDENTITY_POLICY_TYPES, (args, reportViolation) => {
    for (const { statement, label } of grantsOf(args)) {
      for (const action of statement.actions.filter((name) => /[*?]/.test(name))) {
        reportViolation(
          `${args.name}: ${label} must allow named actions only, ` +
            `not the wildcard ${action}; list the exact actions the identity needs.`,
        );
      }
      if (statement.notActions.length > 0) {
        reportViolation(
          `${args.name}: ${label} must not allow by NotAction, ` +
            "which grants every other action; list the allowed actions instead.",
        );
      }
    }
  }),
};

export const iamPolicyNoStarResource: ResourceValidationPolicy = {
  name: "iam-policy-no-star-resource",
  description:
    'Checks that IAM policies, managed or inline, allow on Resource "*", on a pattern reaching ' +
    "every bucket, object or account, every user, role, group, policy or key of an account, or " +
    "buckets by a name wildcard, or by NotResource only the actions AWS grants no other way.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      starResourceActions: {
        type: "array",
        items: { type: "string" },
        default: STAR_RESOURCE_ACTIONS,
      },
      boundaryPath: { type: "string", default: BOUNDARY_PATH },
    },
  },
  validateResource: forTypes(IDENTITY_POLICY_TYPES, (args, reportViolation) => {
    const { starResourceActions, boundaryPath } = configWithDefaults(args, {
      starResourceActions: STAR_RESOURCE_ACTIONS,
      boundaryPath: BOUNDARY_PATH,
    });
    const { path } = knownProps(args.props);
    if (
      args.type === "aws:iam/policy:Policy" &&
      typeof path === "string" &&
      path.startsWith(boundaryPath)
    ) {
      return;
    }
    for (const { statement, label } of grantsOf(args)) {
      if (statement.notResources.length > 0) {
        reportViolation(
          `${args.name}: ${label} must not allow by NotResource, which grants every resource ` +
            "but those listed; list the resources instead.",
        );
      }
      const everywhere = statement.resources.find(
        (resource) => reachesEveryResource(resource) || reachesAccountWide(resource),
      );
      if (everywhere === undefined) {
        continue;
      }
      for (const action of statement.actions.filter(
        (name) => !starResourceActions.includes(name),
      )) {
        reportViolation(
          `${args.name}: ${label} must name the resources ${action} applies to instead of ` +
            `"${everywhere}" (only ${starResourceActions.join(", ")} may use "*" or a pattern ` +
            "reaching every bucket, object or account, every user, role, group, policy or key " +
            "of an account, or buckets by a name wildcard).",
        );
      }
    }
  }),
};

export const iamPolicyStatementSids: ResourceValidationPolicy = {
  name: "iam-policy-statement-sids",
  description:
    "Checks that every Allow statement of an IAM policy, managed or inline, has a Sid saying " +
    "what it is for.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(IDENTITY_POLICY_TYPES, (args, reportViolation) => {
    for (const { statement, label } of grantsOf(args)) {
      if (statement.sid === undefined) {
        reportViolation(`${args.name}: Allow ${label} must have a Sid that names what it grants.`);
      }
    }
  }),
};

/** Reports one thing wrong with a trust statement, after `<role>: trust policy <statement>`. */
type ReportProblem = (problem: string) => void;

/**
 * A rule over each Allow statement of a role's trust policy (`assumeRolePolicy`). `judge` reads
 * the pack config once per role, before any statement (so a bad one is refused whatever the
 * trust), and gives the judge of one statement.
 */
function forTrustStatements(
  judge: (
    args: ResourceValidationArgs,
  ) => (statement: ReadStatement, report: ReportProblem) => void,
): ResourceValidation {
  return forTypes(["aws:iam/role:Role"], (args, reportViolation) => {
    const judgeStatement = judge(args);
    for (const { statement, label } of allowStatements(knownProps(args.props).assumeRolePolicy)) {
      judgeStatement(statement, (problem) =>
        reportViolation(`${args.name}: trust policy ${label} ${problem}`),
      );
    }
  });
}

export const iamRoleTrustsNamedPrincipals: ResourceValidationPolicy = {
  name: "iam-role-trusts-named-principals",
  description:
    'Checks that roles trust named principals only: no trust policy allows Principal "*" or ' +
    '{"AWS": "*"}, whatever its condition.',
  enforcementLevel: "mandatory",
  validateResource: forTrustStatements(() => (statement, report) => {
    if (namesAnyone(statement)) {
      report(
        'must name who may assume the role, not "*" (every principal of every account, which ' +
          "a condition narrows only while it is right); name an account, role, service or " +
          "identity provider.",
      );
    }
  }),
};

/**
 * The stack's own account, from the pack config: the policy group's (or the
 * `--policy-pack-config` file's), which neither the program nor its stack config can change,
 * unlike any ARN a trust policy names.
 * @throws Error naming the key, the value and the rule when it is not an account id
 */
function configuredAccountId(args: Pick<ResourceValidationArgs, "getConfig">): string {
  const { accountId } = args.getConfig<{ accountId?: unknown }>();
  if (typeof accountId !== "string" || !isAccountId(accountId)) {
    throw new Error(
      `config key accountId: got ${JSON.stringify(accountId) ?? "nothing"}; expected the 12 ` +
        "digits of the AWS account the stack deploys to, in the pack config of " +
        "iam-role-trusts-own-account",
    );
  }
  return accountId;
}

/**
 * The operators that hold an ARN-valued key (`aws:PrincipalArn`, `aws:SourceArn`) to the ARNs
 * they list; a negated or `…IfExists` one holds it to nothing.
 */
const ARN_HOLDING_OPERATORS = ["ArnEquals", "ArnLike", "StringEquals", "StringLike"];

/**
 * Whether a statement lets its services act only for the account's own resources: it holds
 * `aws:SourceAccount` to the account, or `aws:SourceArn` to ARNs of it (a Roles Anywhere trust
 * anchor), by operators that hold a key to what they list.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
function forOwnAccount(statement: ReadStatement, accountId: string): boolean {
  const accounts = conditionValues(statement, ["StringEquals"], "aws:SourceAccount");
  const sources = conditionValues(statement, ARN_HOLDING_OPERATORS, "aws:SourceArn");
  return (
    (accounts.length > 0 && accounts.every((account) => account === accountId)) ||
    (sources.length > 0 && sources.every((arn) => principalAccount(arn) === accountId))
  );
}

export const iamRoleTrustsOwnAccount: ResourceValidationPolicy = {
  name: "iam-role-trusts-own-account",
  description:
    "Checks that roles trust principals of the stack's own account (pack config accountId) " +
    "only: no AWS principal or identity provider of another account or of none (Cognito, " +
    "Google), no NotPrincipal, a service only for the account's resources (aws:SourceAccount, " +
    "aws:SourceArn), and the account as a whole only under a Condition holding " +
    "aws:PrincipalArn to named roles or users.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { accountId: { type: "string", pattern: ACCOUNT_ID_PATTERN } },
    required: ["accountId"],
  },
  validateResource: forTrustStatements((args) => {
    const accountId = configuredAccountId(args);
    return (statement, report) => {
      if (statement.notPrincipal !== undefined) {
        report(
          "must not allow by NotPrincipal, which trusts every principal of every " +
            "account but those listed; name who may assume the role in Principal.",
        );
      }
      // "*" is iam-role-trusts-named-principals' to refuse. A web identity provider AWS names
      // without an ARN (cognito-identity.amazonaws.com, accounts.google.com) is no account's:
      // its identity pools and client ids may be anyone's, so it is refused as naming none.
      const principals = [
        ...awsPrincipals(statement).filter((principal) => principal !== "*"),
        ...federatedPrincipals(statement),
      ];
      for (const principal of principals) {
        const account = principalAccount(principal);
        if (account !== accountId) {
          const whose = account === undefined ? "no account" : `account ${account}`;
          report(
            `must trust principals of the stack's account ${accountId} only, not ` +
              `${JSON.stringify(principal)} (${whose}); ` +
              "name a role, user, service or identity provider of that account (the pack " +
              "config's accountId), whose policies the stack's owners govern.",
          );
        }
      }
      const services = servicePrincipals(statement);
      if (services.length > 0 && !forOwnAccount(statement, accountId)) {
        report(
          `must hold aws:SourceAccount to ${accountId}, or aws:SourceArn to resources ` +
            `of it, for ${services.join(", ")}: otherwise a resource of another account may ` +
            "have the service assume the role (the confused deputy); add " +
            `{"StringEquals": {"aws:SourceAccount": "${accountId}"}} to the Condition.`,
        );
      }
      const whole = awsPrincipals(statement).find(
        (principal) => wholeAccountOf(principal) === accountId,
      );
      const held = conditionValues(statement, ARN_HOLDING_OPERATORS, "aws:PrincipalArn");
      const named =
        held.length > 0 &&
        !held.some((arn) => reachesEveryResource(arn) || reachesAccountWide(arn));
      if (whole !== undefined && !named) {
        report(
          `must not trust the whole account ${accountId} (${JSON.stringify(whole)}) ` +
            "without a Condition holding aws:PrincipalArn to named roles or users of it, by " +
            `${ARN_HOLDING_OPERATORS.join(", ")}: every principal of it whose own policies ` +
            "allow sts:AssumeRole on the role could assume it, whatever else a Condition asks " +
            "(TLS, the organization); name the roles or users that may, or hold " +
            "aws:PrincipalArn to them.",
        );
      }
    };
  }),
};

/**
 * The audience `aws-actions/configure-aws-credentials` asks GitHub's tokens for; the account's
 * provider may accept others, meant for other services.
 * @see https://github.com/aws-actions/configure-aws-credentials#oidc-audience
 */
const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/**
 * A GitHub owner's name, a user's or an organization's, as GitHub allows one: letters, digits
 * and single hyphens between them, at most `GITHUB_OWNER_MAX_LENGTH` characters. Without
 * lookaround: the CLI checks the pack config with a Go JSON Schema validator, whose RE2 has none.
 */
const GITHUB_OWNER_PATTERN = "^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$";
const GITHUB_OWNER_MAX_LENGTH = 39;

/** The owner and repository a subject names, `repo:<owner>/<repo>…`. */
const SUBJECT_REPOSITORY = /^repo:([^/:]*)\/([^:]*)/;

/** Whether two owner names are one owner: GitHub matches them whatever their capitals. */
function sameOwner(one: string, other: string): boolean {
  return one.toLowerCase() === other.toLowerCase();
}

/**
 * What is wrong with one subject a GitHub trust accepts, or undefined for one that names a
 * repository: `repo:<owner>/<repo>…`, its owner without a wildcard (anyone can register any
 * name as an owner of their own) and one of `owners` (a repository named exactly may still be
 * anyone's), its repository more than a wildcard (`repo:acme/*` is every repository of the
 * organization, present and future).
 * @param owners the owners whose repositories roles may trust; undefined judges the shape alone
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
function githubSubjectProblem(
  subject: string,
  owners: readonly string[] | undefined,
): string | undefined {
  const match = SUBJECT_REPOSITORY.exec(subject);
  if (match === null) {
    return "must name a repository (repo:<owner>/<repo>:…)";
  }
  const [, owner, repository] = match;
  if (owner === "" || /[*?]/.test(owner)) {
    return "must name the repository's owner exactly, without a wildcard";
  }
  if (/^[*?]*\*[*?]*$/.test(repository) || repository === "") {
    return `must name a repository of ${owner}, not all of them`;
  }
  return owners === undefined || owners.some((listed) => sameOwner(listed, owner))
    ? undefined
    : "must name a repository of an owner the pack config's githubOwners lists " +
        `(${owners.join(", ")}), not of ${owner}`;
}

/**
 * The condition operators that hold a key to the values they list. A negated one
 * (`StringNotEquals`, `StringNotLike`) admits every value but those, and an `…IfExists` or
 * `ForAllValues:` one also a request without the key: none of them holds it to anything.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
const HOLDING_OPERATORS = ["StringEquals", "StringEqualsIgnoreCase", "StringLike"];

/** The values a statement's condition holds a claim of an issuer's tokens to. */
function heldClaims(statement: ReadStatement, issuer: string, claim: "sub" | "aud"): string[] {
  return conditionValues(statement, HOLDING_OPERATORS, `${issuer}:${claim}`);
}

/**
 * Whether an OIDC issuer, lower-cased, is GitHub Actions': the public one, or an enterprise's
 * (`token.actions.githubusercontent.com/<enterprise>`), whose tokens name repositories alike.
 */
function isGithubIssuer(issuer: string): boolean {
  return /^token\.actions\.githubusercontent\.com(?:\/[^/]+)?$/.test(issuer);
}

/** The issuer an OIDC provider's ARN names (`…:oidc-provider/<issuer>`), or undefined. */
function oidcIssuerOf(provider: string): string | undefined {
  const match = /^arn:[^:]*:iam::[^:]*:oidc-provider\/(.+)$/i.exec(provider);
  return match?.[1];
}

/** The OIDC issuers a statement's providers name, GitHub's or the others. */
function oidcIssuers(statement: ReadStatement, github: boolean): string[] {
  return [
    ...new Set(
      federatedPrincipals(statement)
        .map(oidcIssuerOf)
        .filter((issuer): issuer is string => issuer !== undefined)
        // Host names know no case, so a provider ARN in other capitals is judged all the same.
        .map((issuer) => issuer.toLowerCase())
        .filter((issuer) => isGithubIssuer(issuer) === github),
    ),
  ];
}

/** Whether a value is a GitHub owner's name. */
function isGithubOwner(name: unknown): name is string {
  return (
    typeof name === "string" &&
    name.length <= GITHUB_OWNER_MAX_LENGTH &&
    new RegExp(GITHUB_OWNER_PATTERN).test(name)
  );
}

/**
 * The GitHub owners whose repositories roles may trust, from the pack config, which neither the
 * program nor its stack config can change; undefined when it names none.
 * @throws Error naming the key, the value and the rule when it is not a list of owner names
 */
function configuredGithubOwners(
  args: Pick<ResourceValidationArgs, "getConfig">,
): readonly string[] | undefined {
  const { githubOwners } = args.getConfig<{ githubOwners?: unknown }>();
  if (githubOwners === undefined) {
    return undefined;
  }
  if (Array.isArray(githubOwners) && githubOwners.length > 0 && githubOwners.every(isGithubOwner)) {
    return githubOwners;
  }
  throw new Error(
    `config key githubOwners: got ${JSON.stringify(githubOwners)}; expected a non-empty list ` +
      "of the GitHub users and organizations whose repositories roles may trust, each 1 to " +
      `${GITHUB_OWNER_MAX_LENGTH} letters, digits and single hyphens between them (acme, ` +
      "acme-labs), in the pack config of iam-role-github-trust-names-repositories",
  );
}

export const iamRoleGithubTrustNamesRepositories: ResourceValidationPolicy = {
  name: "iam-role-github-trust-names-repositories",
  description:
    "Checks that a role trusted through GitHub Actions' OIDC provider names its repositories " +
    "exactly: a sub condition, each subject a named repository of an owner the pack config " +
    "lists (githubOwners), for tokens of STS's audience only.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      githubOwners: {
        type: "array",
        items: {
          type: "string",
          pattern: GITHUB_OWNER_PATTERN,
          maxLength: GITHUB_OWNER_MAX_LENGTH,
        },
        minItems: 1,
      },
    },
  },
  validateResource: forTrustStatements((args) => {
    const owners = configuredGithubOwners(args);
    return (statement, report) => {
      for (const issuer of oidcIssuers(statement, true)) {
        const subjects = heldClaims(statement, issuer, "sub");
        if (subjects.length === 0) {
          report(
            `must hold ${issuer}:sub to the repositories that may assume ` +
              `the role, by ${HOLDING_OPERATORS.join(", ")}; without it every workflow of every ` +
              "repository on GitHub may.",
          );
        }
        const audiences = heldClaims(statement, issuer, "aud");
        if (audiences.length === 0) {
          report(
            `must hold ${issuer}:aud to ${GITHUB_OIDC_AUDIENCE}, by ` +
              `${HOLDING_OPERATORS.join(", ")}; without it a token GitHub issued for any ` +
              "audience the account's provider accepts may assume the role.",
          );
        }
        for (const other of audiences.filter((value) => value !== GITHUB_OIDC_AUDIENCE)) {
          report(
            `must hold ${issuer}:aud to ${GITHUB_OIDC_AUDIENCE} only, not ` +
              `${JSON.stringify(other)}: a token GitHub issued for another audience is meant for ` +
              "another service, which could use it to assume the role.",
          );
        }
        if (owners === undefined) {
          const named = [
            ...new Set(subjects.map((subject) => SUBJECT_REPOSITORY.exec(subject)?.[1] ?? "")),
          ].filter((owner) => owner !== "");
          report(
            `trusts repositories${named.length === 0 ? "" : ` of ${named.join(", ")}`} ` +
              "on GitHub, but the pack config lists no owner whose repositories roles may trust; " +
              'add yours to it: "iam-role-github-trust-names-repositories": { "githubOwners": ' +
              '["<owner>"] }, naming only GitHub users and organizations whose repositories are ' +
              "your organization's own.",
          );
        }
        for (const subject of subjects) {
          const problem = githubSubjectProblem(subject, owners);
          if (problem !== undefined) {
            report(
              `subject ${JSON.stringify(subject)} ${problem}, so that no other ` +
                "repository's workflow may assume the role.",
            );
          }
        }
      }
    };
  }),
};

export const iamRoleOidcTrustHoldsSubject: ResourceValidationPolicy = {
  name: "iam-role-oidc-trust-holds-subject",
  description:
    "Checks that a role trusted through an OIDC provider other than GitHub's holds its tokens' " +
    "subject (<issuer>:sub) by StringEquals, StringEqualsIgnoreCase or StringLike, and not to " +
    "every subject.",
  enforcementLevel: "mandatory",
  validateResource: forTrustStatements(() => (statement, report) => {
    // GitHub's trusts are iam-role-github-trust-names-repositories' to judge, owners and all.
    for (const issuer of oidcIssuers(statement, false)) {
      const subjects = heldClaims(statement, issuer, "sub");
      if (subjects.length === 0 || subjects.some((subject) => /^[*?]*$/.test(subject))) {
        report(
          `must hold ${issuer}:sub to the subjects that may assume the role, by ` +
            `${HOLDING_OPERATORS.join(", ")}, none of them a bare wildcard: without it every ` +
            "token the provider accepts may, such as every deployment of every stack of a " +
            "Pulumi organization (pull request previews of other projects among them) or " +
            "every workload of an EKS cluster.",
        );
      }
    }
  }),
};

export const iamUserUnderProjectPath: ResourceValidationPolicy = {
  name: "iam-user-under-project-path",
  description: "Checks that IAM users sit under the project's IAM path.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { userPath: { type: "string", default: PROJECT_USER_PATH } } },
  validateResource: forTypes(["aws:iam/user:User"], (args, reportViolation) => {
    const { userPath } = configWithDefaults(args, { userPath: PROJECT_USER_PATH });
    const { path: given } = knownProps(args.props);
    const path = typeof given === "string" ? given : "/";
    if (given !== UNKNOWN && !path.startsWith(userPath)) {
      reportViolation(
        `${args.name}: IAM user must sit under the path ${userPath} (it has ${path}), so ` +
          "administrators can scope their rights to this project's identities; set path.",
      );
    }
  }),
};

/**
 * The stacks production unless the pack config says otherwise: the project's own `prod`, so its
 * users need a boundary wherever the pack runs, configured or not.
 */
export const PRODUCTION_STACKS = ["prod"];

/** The pack config that decides which stacks are production. */
const PRODUCTION_CONFIG = {
  properties: {
    productionStacks: {
      type: "array" as const,
      items: { type: "string" as const },
      default: PRODUCTION_STACKS,
    },
  },
};

/** Reports a user without a permissions boundary in the stacks `applies` selects. */
function boundaryRule(
  name: string,
  enforcementLevel: "mandatory" | "advisory",
  applies: (production: boolean) => boolean,
): ResourceValidationPolicy {
  return {
    name,
    description:
      enforcementLevel === "mandatory"
        ? "Checks that IAM users in production stacks have a permissions boundary."
        : "Checks that IAM users outside production stacks have a permissions boundary.",
    enforcementLevel,
    configSchema: PRODUCTION_CONFIG,
    validateResource: forTypes(["aws:iam/user:User"], (args, reportViolation) => {
      const { productionStacks } = configWithDefaults(args, {
        productionStacks: PRODUCTION_STACKS,
      });
      const production = isProductionStack(stackOfUrn(args.urn), productionStacks, args.stackTags);
      // An unknown boundary is one being set, to a value only the update knows.
      if (applies(production) && !knownProps(args.props).permissionsBoundary) {
        reportViolation(
          `${args.name}: IAM user must have a permissions boundary` +
            `${production ? " in a production stack" : ""}; set permissionsBoundary.`,
        );
      }
    }),
  };
}

export const iamUserBoundaryInProduction = boundaryRule(
  "iam-user-permissions-boundary-production",
  "mandatory",
  (production) => production,
);

export const iamUserBoundaryElsewhere = boundaryRule(
  "iam-user-permissions-boundary",
  "advisory",
  (production) => !production,
);
