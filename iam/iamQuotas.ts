/**
 * The IAM and resource-policy quotas that AWS enforces when a document or name is created, so
 * the program and the tests can refuse what AWS would refuse, before anything is deployed. Pure.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */

/** Characters per document (whitespace not counted) and per name. */
export const IAM_QUOTAS = {
  /** A customer managed policy, e.g. a user's bucket-access policy or a boundary. */
  managedPolicyCharacters: 6144,
  /** A role's trust policy, at the default quota (it can be raised to 4,096). */
  trustPolicyCharacters: 2048,
  /** All inline policies of one role together. */
  roleInlinePolicyCharacters: 10240,
  /** An S3 bucket policy (20 KB). */
  bucketPolicyCharacters: 20480,
  /** A KMS key policy (32 KB). */
  keyPolicyCharacters: 32768,
  userNameCharacters: 64,
  roleNameCharacters: 64,
  policyNameCharacters: 128,
  pathCharacters: 512,
} as const;

/**
 * The longest session a role may allow (`MaxSessionDuration`), in seconds: one to twelve hours.
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export const ROLE_SESSION_SECONDS = { minimum: 3600, maximum: 43200 } as const;

/**
 * Whether a name is one IAM accepts for a user or a role: letters, digits and `+=,.@_-`, at
 * most the quota's characters.
 */
export function isIamName(name: string, maxCharacters: number): boolean {
  return /^[\w+=,.@-]+$/.test(name) && name.length <= maxCharacters;
}

/** A document's size as IAM counts it against its quota: JSON without its whitespace. */
export function policyCharacters(document: unknown): number {
  return JSON.stringify(document).replace(/\s/g, "").length;
}

/**
 * The account a document is measured in when its size must fit whatever account it lands in:
 * the longest partition name (ARNs carry it), any account id (all have 12 digits).
 */
export const LONGEST_ACCOUNT = { partition: "aws-us-gov", accountId: "123456789012" } as const;
