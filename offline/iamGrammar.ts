/**
 * What AWS would refuse when it is handed a document or a name: IAM's grammar for each kind of
 * policy (`@cloud-copilot/iam-policy`'s validators) and AWS's size and length quotas.
 */
import {
  validateIdentityPolicy,
  validateResourcePolicy,
  validateTrustPolicy,
  ValidationError,
} from "@cloud-copilot/iam-policy";
import { IAM_QUOTAS, policyCharacters } from "../iam/iamQuotas";
import { Registration } from "./mocks";
import { PolicyKind, RegisteredPolicy } from "./policyInputs";

/** A resource policy names whom it speaks of in every statement; the generic validator does not ask. */
function validateResourcePolicyWithPrincipals(document: unknown): ValidationError[] {
  const statements = (document as { Statement?: unknown }).Statement;
  const missing = (Array.isArray(statements) ? statements : [statements])
    .map((statement, i) => ({ statement: statement as Record<string, unknown>, i }))
    .filter(
      ({ statement }) => statement.Principal === undefined && statement.NotPrincipal === undefined,
    )
    .map(({ i }) => ({
      path: `Statement[${i}]`,
      message: "Principal is required in a resource policy",
    }));
  return [...validateResourcePolicy(document), ...missing];
}

const VALIDATORS: Readonly<Record<PolicyKind, (document: unknown) => ValidationError[]>> = {
  identity: validateIdentityPolicy,
  trust: validateTrustPolicy,
  resource: validateResourcePolicyWithPrincipals,
};

/** Everything AWS would refuse in one document, one line each; empty when it would accept it. */
export function policyProblems(policy: RegisteredPolicy): string[] {
  const where = `${policy.type} ${policy.name} (${policy.input}, ${policy.kind} policy)`;
  const characters = policyCharacters(policy.document);
  return [
    ...VALIDATORS[policy.kind](policy.document).map(
      (error) => `${where}: ${error.path}: ${error.message}`,
    ),
    ...(characters > policy.maxCharacters
      ? [`${where}: ${characters} characters, over AWS's ${policy.maxCharacters}`]
      : []),
  ];
}

/** The names and paths AWS limits, per resource type: input → most characters. */
const NAME_QUOTAS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "aws:iam/user:User": { name: IAM_QUOTAS.userNameCharacters, path: IAM_QUOTAS.pathCharacters },
  "aws:iam/role:Role": { name: IAM_QUOTAS.roleNameCharacters, path: IAM_QUOTAS.pathCharacters },
  "aws:iam/policy:Policy": {
    name: IAM_QUOTAS.policyNameCharacters,
    path: IAM_QUOTAS.pathCharacters,
  },
  "aws:iam/rolePolicy:RolePolicy": { name: IAM_QUOTAS.policyNameCharacters },
};

/** Every name or path of a registration that is longer than AWS allows. */
export function nameProblems(registration: Registration): string[] {
  return Object.entries(NAME_QUOTAS[registration.type] ?? {}).flatMap(([input, most]) => {
    const value = registration.inputs[input];
    return typeof value === "string" && value.length > most
      ? [
          `${registration.type} ${registration.name}: ${input} has ${value.length} characters, over ${most}`,
        ]
      : [];
  });
}
