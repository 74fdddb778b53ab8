/** What the rules need to know about the stack a resource belongs to. Pure. */

/** The stack name in a URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOfUrn(urn: string): string {
  return urn.split("::")[0]?.split(":").pop() ?? "";
}

/** The last type in a URN's type chain: the resource's own type. */
export function typeOfUrn(urn: string): string {
  return urn.split("::")[2]?.split("$").pop() ?? "";
}

/** Stack tag values that mark a production stack, under the tag `environment`. */
const PRODUCTION_TAG_VALUES = ["production", "prod"];

/**
 * Whether a stack is production: named in the pack's `productionStacks` config, or tagged
 * `environment: production` (or `prod`).
 */
export function isProductionStack(
  stack: string,
  productionStacks: readonly string[],
  stackTags: ReadonlyMap<string, string>,
): boolean {
  return (
    productionStacks.includes(stack) ||
    PRODUCTION_TAG_VALUES.includes((stackTags.get("environment") ?? "").toLowerCase())
  );
}
