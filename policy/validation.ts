/** Small adapters between the rules and the policy SDK's callbacks. */
import type { ResourceValidation } from "@pulumi/policy";

/** The resource types that carry an IAM identity policy document in `policy`. */
export const IAM_POLICY_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/groupPolicy:GroupPolicy",
];

/** Runs a validation only for resources of the given types. */
export function forTypes(
  types: readonly string[],
  validate: ResourceValidation,
): ResourceValidation {
  return (args, reportViolation) =>
    types.includes(args.type) ? validate(args, reportViolation) : undefined;
}

/** A policy's config with its schema defaults filled in where the engine passed none. */
export function configWithDefaults<T extends object>(
  args: { getConfig<C extends object>(): C },
  defaults: T,
): T {
  return { ...defaults, ...args.getConfig<Partial<T>>() };
}
