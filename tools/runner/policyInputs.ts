/**
 * Where the resources the programs register carry policy documents, and which kind of policy
 * each is: what `npm run plan` prints and what the grammar and quota checks read.
 */
import { IAM_QUOTAS } from "../../iam/iamQuotas";
import { Registration } from "./mocks";

/** The kinds of document AWS tells apart, each with its own grammar. */
export type PolicyKind = "identity" | "trust" | "resource";

/** One input that holds a policy document. */
export interface PolicyInput {
  /** The resource's type token. */
  readonly type: string;
  /** The input holding the document, as JSON text. */
  readonly input: string;
  readonly kind: PolicyKind;
  /** The most characters AWS accepts (whitespace not counted). */
  readonly maxCharacters: number;
}

/** Every resource type and input of both programs that holds a policy document. */
const POLICY_INPUTS: readonly PolicyInput[] = [
  {
    type: "aws:iam/policy:Policy",
    input: "policy",
    kind: "identity",
    maxCharacters: IAM_QUOTAS.managedPolicyCharacters,
  },
  {
    // The quota is for all of a role's inline policies together; each role here has one.
    type: "aws:iam/rolePolicy:RolePolicy",
    input: "policy",
    kind: "identity",
    maxCharacters: IAM_QUOTAS.roleInlinePolicyCharacters,
  },
  {
    type: "aws:iam/role:Role",
    input: "assumeRolePolicy",
    kind: "trust",
    maxCharacters: IAM_QUOTAS.trustPolicyCharacters,
  },
  {
    type: "aws:s3/bucketPolicy:BucketPolicy",
    input: "policy",
    kind: "resource",
    maxCharacters: IAM_QUOTAS.bucketPolicyCharacters,
  },
  {
    type: "aws:kms/key:Key",
    input: "policy",
    kind: "resource",
    maxCharacters: IAM_QUOTAS.keyPolicyCharacters,
  },
];

/** A policy document one resource would carry. */
export interface RegisteredPolicy extends PolicyInput {
  /** The resource's logical name. */
  readonly name: string;
  readonly document: unknown;
}

/** Every policy document among the registrations, in registration order. */
export function registeredPolicies(registrations: readonly Registration[]): RegisteredPolicy[] {
  return registrations.flatMap((registration) =>
    POLICY_INPUTS.filter(
      (input) =>
        input.type === registration.type && typeof registration.inputs[input.input] === "string",
    ).map((input) => ({
      ...input,
      name: registration.name,
      document: JSON.parse(String(registration.inputs[input.input])) as unknown,
    })),
  );
}
