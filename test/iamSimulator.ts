/**
 * Evaluates requests against the policies the program produces with a real IAM policy engine
 * (`@cloud-copilot/iam-simulate`), as AWS would decide them for an IAM user.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { parseArn } from "../components/arns";
import { policyDocument } from "../components/policyDocument";

/** AWS's three possible answers. */
export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** One request as an IAM principal would make it. */
export interface IamRequest {
  /** The ARN of the user making the request. */
  readonly principal: string;
  readonly action: string;
  /** The resource ARN, or `*` for actions that have none. */
  readonly resource: string;
  /** Request context keys, e.g. `aws:SecureTransport`. */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
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

/**
 * The decision for a request by a user whose only policy is `policyJson`.
 * @throws Error when the engine rejects the request itself (unknown action, wrong resource type)
 */
export async function decide(policyJson: string, request: IamRequest): Promise<Decision> {
  const principal = parseArn(request.principal);
  if (principal === undefined) {
    throw new Error(`principal ${request.principal} is not an ARN`);
  }
  const target = parseArn(request.resource);
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: {
          resource: request.resource,
          accountId: target?.accountId || principal.accountId,
        },
        contextVariables: Object.fromEntries(
          Object.entries(request.context).map(([key, value]) => [
            key,
            typeof value === "string" ? value : [...value],
          ]),
        ),
      },
      identityPolicies: [{ name: "user-policy", policy: JSON.parse(policyJson) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy:
        target?.service === "kms"
          ? defaultKeyPolicy(target.accountId, target.partition)
          : undefined,
    },
    {},
  );
  if (result.resultType === "error") {
    throw new Error(
      `IAM engine rejected ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`,
    );
  }
  return result.overallResult;
}
