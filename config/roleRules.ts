/**
 * The rules a `BucketAccessRole`'s own settings keep, each stated once: its name and its
 * sessions (rows of roleSettings.ts) and each part of its trust (`TRUST_RULES`). The component's
 * arguments and the stack config are checked by these alike; the grant's settings keep the
 * user's rules (userRules.ts). Pure.
 */
import { IAM_QUOTAS, isIamName, ROLE_SESSION_SECONDS } from "../iam/iamQuotas";
import { hasWildcard, ROLES_ANYWHERE_SERVICE } from "../iam/roleTrust";
import { FieldRules, repeatedItem, Rule } from "./argsProblems";

/** @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
export const checkRoleName: Rule<string> = (name) =>
  isIamName(name, IAM_QUOTAS.roleNameCharacters)
    ? undefined
    : `1 to ${IAM_QUOTAS.roleNameCharacters} letters, digits and +=,.@_- (an IAM role name)`;

/** Sessions as IAM allows them. */
export const checkMaxSessionDuration: Rule<number> = (seconds) =>
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

/** The trust's parts that have rules, by dotted argument field. */
type TrustField =
  | "trust.github.repository"
  | "trust.github.refs"
  | "trust.github.environments"
  | "trust.services"
  | "trust.rolesAnywhere.certificates"
  | "trust.rolesAnywhere.acmPcaArn"
  | "trust.rolesAnywhere.commonNames";

/** The rules of each part of a trust; the component checks by these, and so does the config. */
export const TRUST_RULES: Readonly<Record<TrustField, FieldRules<never>>> = {
  "trust.github.repository": { rule: checkRepository },
  "trust.github.refs": { rule: checkEachOnce, itemRule: checkRef },
  "trust.github.environments": { rule: checkEachOnce, itemRule: checkEnvironment },
  "trust.services": { rule: checkEachOnce, itemRule: checkServicePrincipal },
  "trust.rolesAnywhere.certificates": { rule: checkCertificates, itemRule: checkCertificate },
  "trust.rolesAnywhere.acmPcaArn": { rule: checkAcmPcaArn },
  "trust.rolesAnywhere.commonNames": { rule: checkCommonNames, itemRule: checkCommonName },
};
