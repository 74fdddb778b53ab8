/**
 * Who may assume a bucket-access role: the trust policy, one statement per kind of caller
 * (a GitHub Actions workflow of one repository, AWS services of the stack's own account, the
 * holders of certificates IAM Roles Anywhere accepts). Pure: plain data in, JSON out.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy
 */
import { AwsAccount, iamArn } from "./arns";
import { PolicyDocument, policyDocument, TrustStatement } from "./policyDocument";

/** Assuming a role by an AWS principal or service. */
export const STS_ASSUME_ROLE_ACTIONS = ["sts:AssumeRole"] as const;
/** Assuming a role with an OIDC token: how GitHub Actions, Deployments and ESC reach AWS. */
export const STS_WEB_IDENTITY_ACTIONS = ["sts:AssumeRoleWithWebIdentity"] as const;
/** Passing session tags, which EKS Pod Identity and Roles Anywhere set on every session. */
export const STS_TAG_SESSION_ACTIONS = ["sts:TagSession"] as const;
/** Setting the session's source identity: Roles Anywhere sets the certificate's common name. */
export const STS_SOURCE_IDENTITY_ACTIONS = ["sts:SetSourceIdentity"] as const;

/** GitHub Actions' OIDC issuer, whose tokens a workflow with `id-token: write` presents. */
export const GITHUB_OIDC_URL = "https://token.actions.githubusercontent.com";
/** The issuer as IAM names its provider and condition keys. */
export const GITHUB_OIDC_KEY = "token.actions.githubusercontent.com";
/**
 * The audience `aws-actions/configure-aws-credentials` asks GitHub's tokens for.
 * @see https://github.com/aws-actions/configure-aws-credentials#oidc-audience
 */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** IAM Roles Anywhere's service principal, which assumes the role for a certificate's holder. */
export const ROLES_ANYWHERE_SERVICE = "rolesanywhere.amazonaws.com";
/**
 * Services that tag the sessions they open: EKS Pod Identity sets the cluster, namespace and
 * service account as session tags, and fails without `sts:TagSession`.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html
 */
export const SESSION_TAGGING_SERVICES = ["pods.eks.amazonaws.com"] as const;

/** A GitHub repository's workflows, by the refs and deployment environments they run for. */
export interface GithubActionsTrust {
  /** `owner/repo`, as GitHub writes it (IAM compares case-sensitively). */
  readonly repository: string;
  /** Full git refs (`refs/heads/main`, `refs/tags/v1`) whose workflows may assume the role. */
  readonly refs: readonly string[];
  /** Deployment environments whose jobs may assume the role. */
  readonly environments: readonly string[];
}

/** The certificates IAM Roles Anywhere accepts for the role. */
export interface RolesAnywhereTrust {
  /** The trust anchor (the CA) a certificate must chain to. */
  readonly trustAnchorArn: string;
  /** The subject common names a certificate may carry, exactly. */
  readonly commonNames: readonly string[];
}

/** Every caller a role trusts; at least one is set (the component's rules say so). */
export interface RoleTrust {
  readonly github?: GithubActionsTrust;
  /** Service principals, e.g. `ecs-tasks.amazonaws.com`; of the stack's own account only. */
  readonly services: readonly string[];
  readonly rolesAnywhere?: RolesAnywhereTrust;
}

/** `arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com`. */
export function githubOidcProviderArn(account: AwsAccount): string {
  return iamArn(account, `oidc-provider/${GITHUB_OIDC_KEY}`);
}

/** Whether a value holds an IAM wildcard, which makes a condition match more than itself. */
export function hasWildcard(value: string): boolean {
  return /[*?]/.test(value);
}

/**
 * The token subjects GitHub gives a repository's jobs: `repo:<owner>/<repo>:ref:<ref>` for a job
 * of a branch or tag, `repo:<owner>/<repo>:environment:<name>` for a job of a deployment
 * environment. A pull request's token says `:pull_request`, which none of these is.
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
export function githubSubjects(trust: GithubActionsTrust): string[] {
  const repo = `repo:${trust.repository}`;
  return [
    ...trust.refs.map((ref) => `${repo}:ref:${ref}`),
    ...trust.environments.map((environment) => `${repo}:environment:${environment}`),
  ];
}

/**
 * A repository's workflows, through the account's GitHub OIDC provider: tokens for STS's
 * audience and one of the subjects only. `StringLike` only where a subject holds a wildcard
 * the caller wrote on purpose; otherwise every subject is matched exactly.
 */
export function githubActionsTrustStatement(
  providerArn: string,
  trust: GithubActionsTrust,
): TrustStatement {
  const subjects = githubSubjects(trust);
  const audience = { [`${GITHUB_OIDC_KEY}:aud`]: GITHUB_OIDC_AUDIENCE };
  const subject = { [`${GITHUB_OIDC_KEY}:sub`]: subjects };
  return {
    Sid: "GithubActionsOfRepository",
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: [...STS_WEB_IDENTITY_ACTIONS],
    Condition: subjects.some(hasWildcard)
      ? { StringEquals: audience, StringLike: subject }
      : { StringEquals: { ...audience, ...subject } },
  };
}

/**
 * AWS services, only on behalf of the stack's own account (`aws:SourceAccount`), so another
 * account's task or function cannot have the service assume the role for it (the confused
 * deputy). Services that tag their sessions get `sts:TagSession` in a statement of their own.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function servicesTrustStatements(
  services: readonly string[],
  accountId: string,
): TrustStatement[] {
  const tagging: readonly string[] = SESSION_TAGGING_SERVICES;
  const ofAccount = { StringEquals: { "aws:SourceAccount": accountId } };
  const statement = (sid: string, principals: string[], actions: readonly string[]) =>
    principals.length === 0
      ? []
      : [
          {
            Sid: sid,
            Effect: "Allow" as const,
            Principal: { Service: principals },
            Action: [...actions],
            Condition: ofAccount,
          },
        ];
  return [
    ...statement(
      "AwsServicesOfThisAccount",
      services.filter((service) => !tagging.includes(service)),
      STS_ASSUME_ROLE_ACTIONS,
    ),
    ...statement(
      "SessionTaggingServicesOfThisAccount",
      services.filter((service) => tagging.includes(service)),
      [...STS_ASSUME_ROLE_ACTIONS, ...STS_TAG_SESSION_ACTIONS],
    ),
  ];
}

/**
 * IAM Roles Anywhere, for a certificate of the role's own trust anchor only, whose subject's
 * common name is one of those listed. Roles Anywhere tags the session with the certificate's
 * fields and sets its source identity, hence the two extra actions.
 * @see https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html#trust-policy
 */
export function rolesAnywhereTrustStatement(trust: RolesAnywhereTrust): TrustStatement {
  return {
    Sid: "RolesAnywhereCertificates",
    Effect: "Allow",
    Principal: { Service: [ROLES_ANYWHERE_SERVICE] },
    Action: [
      ...STS_ASSUME_ROLE_ACTIONS,
      ...STS_TAG_SESSION_ACTIONS,
      ...STS_SOURCE_IDENTITY_ACTIONS,
    ],
    Condition: {
      ArnEquals: { "aws:SourceArn": trust.trustAnchorArn },
      StringEquals: { "aws:PrincipalTag/x509Subject/CN": [...trust.commonNames] },
    },
  };
}

/** The role's trust policy: a statement for each kind of caller it trusts, and nobody else. */
export function roleTrustPolicy(
  trust: RoleTrust,
  account: AwsAccount,
): PolicyDocument<TrustStatement> {
  return policyDocument([
    ...(trust.github === undefined
      ? []
      : [githubActionsTrustStatement(githubOidcProviderArn(account), trust.github)]),
    ...servicesTrustStatements(trust.services, account.accountId),
    ...(trust.rolesAnywhere === undefined
      ? []
      : [rolesAnywhereTrustStatement(trust.rolesAnywhere)]),
  ]);
}
