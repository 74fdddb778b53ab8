/** Small adapters between the rules and the policy SDK's callbacks. */
import { UnknownValueError } from "@pulumi/policy";
import type { PolicyResource, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { at, hasUnknown, itemsOf, Props, UNKNOWN, Unknown, Value } from "./values";

/** The resource types that carry an IAM identity policy document in `policy`. */
const POLICY_DOCUMENT_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/groupPolicy:GroupPolicy",
];

/** A role, which can carry inline policies of its own in `inlinePolicies`. */
const ROLE_TYPE = "aws:iam/role:Role";

/** Every resource type that carries IAM identity policies: managed, inline, a role's own. */
export const IDENTITY_POLICY_TYPES = [...POLICY_DOCUMENT_TYPES, ROLE_TYPE];

/** One identity policy a resource carries. */
export interface IdentityDocument {
  /** The inline policy's name, for a role's `inlinePolicies`; the resource names the others. */
  readonly name?: string;
  readonly document: Value;
}

/** The identity policies a resource of one of `IDENTITY_POLICY_TYPES` carries. */
export function identityDocuments(type: string, props: Props): IdentityDocument[] {
  if (type !== ROLE_TYPE) {
    return POLICY_DOCUMENT_TYPES.includes(type) ? [{ document: props.policy }] : [];
  }
  return itemsOf(props.inlinePolicies).map((inline) => {
    const name = at(inline, "name");
    return { name: typeof name === "string" ? name : "(unnamed)", document: at(inline, "policy") };
  });
}

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
  args: { getConfig: ResourceValidationArgs["getConfig"] },
  defaults: T,
): T {
  return { ...defaults, ...args.getConfig<Partial<T>>() };
}

/** Reads one value through the engine's proxy, as plain data. */
function plainValue(read: () => unknown): Value {
  let value: unknown;
  try {
    value = read();
  } catch (error) {
    if (error instanceof UnknownValueError) {
      return UNKNOWN;
    }
    throw error;
  }
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    // By index: mapping would read every item before the callback could catch an unknown one.
    return Array.from({ length: items.length }, (_, index) => plainValue(() => items[index]));
  }
  if (typeof value === "object" && value !== null) {
    const fields = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(fields).map((key) => [key, plainValue(() => fields[key])]),
    );
  }
  return value as Value;
}

/**
 * A resource's properties as plain data, each value the engine does not know yet replaced by
 * `UNKNOWN`. The engine hands rules a proxy that throws on reading such a value, which would
 * skip the whole rule with a "can't run during preview" note; read through this, a rule judges
 * everything known and leaves only the unknown for the update, which checks known inputs.
 */
export function knownProps(props: unknown): Props {
  const value = plainValue(() => props);
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Props)
    : {};
}

/**
 * Whether a value an input holds (a name, an ARN) names a resource: it equals the target's
 * `targetOutput`, or, as during a preview where either may be unknown, the engine records that
 * the input's value comes from the target (`dependencies`, the input's property dependencies).
 * `UNKNOWN` when either value is unknown and no such record links them.
 */
export function refersTo(
  value: Value,
  dependencies: readonly PolicyResource[],
  target: PolicyResource,
  targetOutput: string,
): boolean | Unknown {
  if (dependencies.some(({ urn }) => urn === target.urn)) {
    return true;
  }
  const wanted = at(knownProps(target.props), targetOutput);
  if (typeof wanted === "string" && value === wanted) {
    return true;
  }
  return hasUnknown(value) || wanted === UNKNOWN ? UNKNOWN : false;
}

/** Whether a value names any of the targets (see `refersTo`): true, false, or `UNKNOWN`. */
export function refersToAny(
  value: Value,
  dependencies: readonly PolicyResource[],
  targets: readonly PolicyResource[],
  targetOutput: string,
): boolean | Unknown {
  const verdicts = targets.map((target) => refersTo(value, dependencies, target, targetOutput));
  return verdicts.includes(true) ? true : verdicts.includes(UNKNOWN) ? UNKNOWN : false;
}
