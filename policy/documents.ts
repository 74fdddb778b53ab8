/**
 * Reading IAM policy documents as resources carry them: JSON text or an object, `Action` and
 * `Resource` as a string or a list. Pure.
 */
import { UNKNOWN } from "./values";

/** Texts under keys read in any capitals: each key lower-cased, its spellings' texts merged. */
type ByKey = Readonly<Record<string, readonly string[]>>;

/**
 * One statement, with every list-or-string field read as a list, and the keys of `Principal`
 * and `Condition` read once for every rule as widely as IAM might (see `byKey`).
 */
export interface ReadStatement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** `Principal` as written, for messages and `"*"`. */
  readonly principal?: unknown;
  readonly notPrincipal?: unknown;
  /** The ids `Principal` lists, by kind (`aws`, `federated`, `service`). */
  readonly principals: ByKey;
  /** By operator, as written, the values `Condition` tests each context key against, as text. */
  readonly condition: Readonly<Record<string, ByKey>>;
}

/** A string or a list of strings as a list; anything else as an empty list. */
function list(value: unknown): string[] {
  if (typeof value === "string") {
    return [value];
  }
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

/** A value as a plain object, or an empty one. */
function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * A map's texts under its keys in any capitals, merged: IAM reads context key names without
 * regard to case, and may read a principal's kind so too; should it take two spellings of one
 * key as one, either may be the one it keeps, so no spelling may hide a value from the rules.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */
function byKey(value: unknown, texts: (values: unknown[]) => string[]): ByKey {
  const read = new Map<string, string[]>();
  for (const [key, values] of Object.entries(record(value))) {
    const name = key.toLowerCase();
    read.set(name, [...(read.get(name) ?? []), ...texts([values].flat())]);
  }
  return Object.fromEntries(read);
}

/**
 * The ids of a principal's kind: text, or a JSON number as its text (the grammar lets numbers
 * go unquoted).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
function principalIds(ids: unknown[]): string[] {
  return ids.flatMap((id) =>
    typeof id === "string" ? [id] : typeof id === "number" ? [String(id)] : [],
  );
}

/**
 * The statements of a policy document given as JSON text or as an object.
 * @throws Error when the text is not JSON
 */
export function readStatements(policy: unknown): ReadStatement[] {
  if (policy === UNKNOWN) {
    // A document computed from other resources is known, and checked, in the update.
    return [];
  }
  const document = record(typeof policy === "string" ? JSON.parse(policy) : policy);
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return statements.map((raw) => {
    const statement = record(raw);
    return {
      sid: typeof statement.Sid === "string" && statement.Sid !== "" ? statement.Sid : undefined,
      effect: String(statement.Effect),
      actions: list(statement.Action),
      notActions: list(statement.NotAction),
      resources: list(statement.Resource),
      notResources: list(statement.NotResource),
      principal: statement.Principal,
      notPrincipal: statement.NotPrincipal,
      principals: byKey(statement.Principal, principalIds),
      condition: Object.fromEntries(
        Object.entries(record(statement.Condition)).map(([operator, keys]) => [
          operator,
          byKey(keys, (values) => values.map(String)),
        ]),
      ),
    };
  });
}

/**
 * The Allow statements of a policy document, each with its label for messages: every rule
 * about what a policy grants looks at these alone (Deny statements grant nothing).
 */
export function allowStatements(
  policy: unknown,
): Array<{ statement: ReadStatement; label: string }> {
  return labelledStatements(policy).filter(({ statement }) => statement.effect === "Allow");
}

/** Every statement of a policy document, each with its label for messages. */
export function labelledStatements(
  policy: unknown,
): Array<{ statement: ReadStatement; label: string }> {
  return readStatements(policy).map((statement, index) => ({
    statement,
    label: statementLabel(statement, index),
  }));
}

/** How a statement is named in a message: its Sid, or its position. */
function statementLabel(statement: ReadStatement, index: number): string {
  return statement.sid === undefined ? `statement ${index + 1}` : `statement ${statement.sid}`;
}

/**
 * Whether a statement is an MFA guard: a Deny that applies to requests made without MFA
 * (`aws:MultiFactorAuthPresent` "false", under `Bool` or `BoolIfExists`).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 */
export function isMfaGuard(statement: ReadStatement): boolean {
  return (
    statement.effect === "Deny" &&
    conditionValues(statement, ["Bool", "BoolIfExists"], "aws:MultiFactorAuthPresent").includes(
      "false",
    )
  );
}

/**
 * Whether a statement's `Principal` is anyone: `"*"`, or `"*"` among its `AWS` principals, which
 * every principal of every account matches. A condition does not change that: it narrows who
 * gets through only as long as it is right.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
 */
export function namesAnyone(statement: ReadStatement): boolean {
  return statement.principal === "*" || awsPrincipals(statement).includes("*");
}

/** The values a statement's `Condition` tests a context key against under any of the operators. */
export function conditionValues(
  statement: ReadStatement,
  operators: readonly string[],
  key: string,
): string[] {
  return operators.flatMap((operator) => statement.condition[operator]?.[key.toLowerCase()] ?? []);
}

/** The identity providers a statement's `Principal` names (`Federated`), as a list. */
export function federatedPrincipals(statement: ReadStatement): readonly string[] {
  return statement.principals.federated ?? [];
}

/** The AWS services a statement's `Principal` names (`Service`), as a list. */
export function servicePrincipals(statement: ReadStatement): readonly string[] {
  return statement.principals.service ?? [];
}

/** The `AWS` principals (accounts, roles, users, sessions) of a statement's `Principal`. */
export function awsPrincipals(statement: ReadStatement): readonly string[] {
  return statement.principals.aws ?? [];
}

/**
 * The account a principal names: an ARN's account field (`arn:aws:iam::<account>:role/ci`,
 * `arn:aws:sts::<account>:assumed-role/…`, `…:oidc-provider/…`), or a bare 12-digit account id;
 * undefined for anything else (`*`, a unique id, a web identity provider's name).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function principalAccount(principal: string): string | undefined {
  const arn = arnParts(principal);
  if (arn !== undefined) {
    return arn.account === "" ? undefined : arn.account;
  }
  return isAccountId(principal) ? principal : undefined;
}

/**
 * The account an `AWS` principal names as a whole, a bare id or `arn:<partition>:iam::<id>:root`
 * (every principal of it whose own policies allow assuming the role); undefined for one that
 * names a role, user or session.
 */
export function wholeAccountOf(principal: string): string | undefined {
  const arn = arnParts(principal);
  if (arn === undefined) {
    return isAccountId(principal) ? principal : undefined;
  }
  return arn.service === "iam" && arn.resourcePart === "root"
    ? principalAccount(principal)
    : undefined;
}

/** An AWS account id as IAM writes one: 12 digits. */
export const ACCOUNT_ID_PATTERN = "^[0-9]{12}$";

/** Whether a text is an AWS account id. */
export function isAccountId(text: string): boolean {
  return new RegExp(ACCOUNT_ID_PATTERN).test(text);
}

/** Whether an ARN field is made of wildcards alone, so it matches whatever stands there. */
function isWildcardField(field: string): boolean {
  return /^[*?]+$/.test(field);
}

/**
 * Whether a `Resource` entry reaches as far as `"*"` does for the services it names: `*` itself,
 * or an ARN pattern whose partition, service, account or whole resource part is a wildcard
 * (`arn:aws:iam::*:user/x` is that user in every account), or whose bucket is one
 * (`arn:aws:s3:::*` is every bucket, and with `/*` after it every object of every bucket).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export function reachesEveryResource(resource: string): boolean {
  const arn = arnParts(resource);
  if (arn === undefined) {
    // Not a whole ARN: "*", or a truncated pattern that ends in a wildcard.
    return isWildcardField(resource.split(":").pop() ?? "");
  }
  const { partition, service, account, resourcePart } = arn;
  const bucket = resourcePart.split("/")[0] ?? "";
  const everyService = isWildcardField(service);
  return (
    isWildcardField(partition) ||
    everyService ||
    isWildcardField(resourcePart) ||
    (account !== "" && isWildcardField(account)) ||
    ((service === "s3" || everyService) && account === "" && isWildcardField(bucket))
  );
}

/** The fields of a whole ARN, or undefined for anything shorter. */
function arnParts(
  resource: string,
): { partition: string; service: string; account: string; resourcePart: string } | undefined {
  const fields = resource.split(":");
  if (fields[0] !== "arn" || fields.length < 6) {
    return undefined;
  }
  // The resource part may hold colons of its own.
  const [, partition, service, , account, ...rest] = fields;
  return { partition, service, account, resourcePart: rest.join(":") };
}

/**
 * The resource types, by service, of which a grant on all of an account's is as broad as an
 * account-wide grant: whoever may act on every user, role, group or managed policy may give
 * itself any right, and every key opens whatever any key encrypts.
 */
export const ACCOUNT_WIDE_TYPES: Readonly<Record<string, readonly string[]>> = {
  iam: ["user", "role", "group", "policy"],
  kms: ["key"],
};

/**
 * Whether a `Resource` entry reaches every resource of a kind `ACCOUNT_WIDE_TYPES` names,
 * whatever its path or name: its text before the first wildcard stops within `<type>/`
 * (`arn:aws:iam::<account>:user/*`, `role/?*`, `policy/*` and `/dev/*` after it,
 * `arn:aws:kms:*:<account>:key/*`), while a path-scoped one (`user/iam-bucket-access/dev/*`)
 * names a part of the account. A bucket name with `*` (`arn:aws:s3:::acme-*`, `*-reports/*`)
 * reaches every bucket of that shape, which anyone can create in any account; `?` alone keeps
 * the name's length, as the bootstrap's `iam-bucket-access-dev-????????` does.
 */
export function reachesAccountWide(resource: string): boolean {
  const arn = arnParts(resource);
  if (arn === undefined) {
    return false;
  }
  const { service, resourcePart } = arn;
  if (service === "s3") {
    return (resourcePart.split("/")[0] ?? "").includes("*");
  }
  const literal = resourcePart.split(/[*?]/)[0] ?? "";
  return (
    literal !== resourcePart &&
    (ACCOUNT_WIDE_TYPES[service] ?? []).some((type) => `${type}/`.startsWith(literal))
  );
}
