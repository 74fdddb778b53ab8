/**
 * The shapes of IAM policy documents, as plain data, one statement type per kind of policy:
 * AWS accepts different elements in each, and the types keep a statement of one kind from
 * landing in another (a trust policy with a `Resource` is rejected as malformed).
 *
 * Our own types rather than the provider's: the pure policy builders must not depend on
 * Pulumi, and a narrow type keeps every statement we emit explicit.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */

/** A condition block: operator (`StringLike`, `Bool`, …) → condition key → value(s). */
export type Condition = Readonly<
  Record<string, Readonly<Record<string, string | readonly string[]>>>
>;

/** Who a resource or trust policy speaks of: everyone, or principals by kind. */
export type Principal = "*" | Readonly<Record<string, string | readonly string[]>>;

/** What every statement has; exactly one of `Action` and `NotAction` is set. */
interface StatementElements {
  /** A fixed PascalCase identifier, unique within the document. */
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Condition?: Condition;
}

/** A statement of an identity policy (managed, inline or boundary): resources, no principal. */
export interface Statement extends StatementElements {
  readonly Resource: string | readonly string[];
}

/**
 * A Deny of every resource but those listed, for an identity policy: it fences off whatever
 * lies outside a scope, however the policy's grants may grow.
 */
export interface FenceStatement extends StatementElements {
  readonly Effect: "Deny";
  readonly NotResource: readonly string[];
}

/** A statement of a resource policy (bucket policy, key policy): a principal and resources. */
export interface ResourcePolicyStatement extends Statement {
  readonly Principal: Principal;
}

/** A statement of a role's trust policy: a principal, and no resource (the role is implied). */
export interface TrustStatement extends StatementElements {
  readonly Principal: Principal;
}

/** A complete policy document in the current policy language version. */
export interface PolicyDocument<S extends StatementElements = Statement> {
  readonly Version: "2012-10-17";
  readonly Statement: readonly S[];
}

/** Wraps statements into a document, rejecting duplicate Sids (IAM requires them unique). */
export function policyDocument<S extends StatementElements>(
  statements: readonly S[],
): PolicyDocument<S> {
  const sids = statements.map((statement) => statement.Sid);
  const duplicate = sids.find((sid, index) => sids.indexOf(sid) !== index);
  if (duplicate !== undefined) {
    throw new Error(`policy statement Sid ${duplicate} is used twice; Sids must be unique`);
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** A document as IAM is given it: JSON, indented so a diff of a preview reads line by line. */
export function policyJson<S extends StatementElements>(document: PolicyDocument<S>): string {
  return JSON.stringify(document, null, 2);
}
