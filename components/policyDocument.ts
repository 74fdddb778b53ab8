/**
 * The shape of an IAM policy document, as plain data.
 *
 * Our own types rather than the provider's: the pure policy builders must not depend on
 * Pulumi, and a narrow type keeps every statement we emit explicit.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */

/** A condition block: operator (`StringLike`, `Bool`, …) → condition key → value(s). */
export type Condition = Readonly<
  Record<string, Readonly<Record<string, string | readonly string[]>>>
>;

/** One statement; exactly one of `Action` and `NotAction` is set. */
export interface Statement {
  /** A fixed PascalCase identifier, unique within the document. */
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  /** AWS principals; only resource policies (bucket policies) carry one. */
  readonly Principal?: "*" | Readonly<Record<string, string | readonly string[]>>;
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Condition;
}

/** A complete policy document in the current policy language version. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Statement[];
}

/** Wraps statements into a document, rejecting duplicate Sids (IAM requires them unique). */
export function policyDocument(statements: readonly Statement[]): PolicyDocument {
  const sids = statements.map((statement) => statement.Sid);
  const duplicate = sids.find((sid, index) => sids.indexOf(sid) !== index);
  if (duplicate !== undefined) {
    throw new Error(`policy statement Sid ${duplicate} is used twice; Sids must be unique`);
  }
  return { Version: "2012-10-17", Statement: statements };
}
