/**
 * The type tokens of the project's components. A component package (`PulumiPlugin.yaml`) serves
 * components only as `<package>:index:<Name>`; the tokens they had before stay as aliases, so
 * the resources of stacks deployed under them are kept, not replaced.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The package the components belong to: the name other languages add it by. */
export const PACKAGE_NAME = "iam-bucket-access";

/** A component's type token, `iam-bucket-access:index:<Name>`. */
export function componentType(name: string): string {
  return `${PACKAGE_NAME}:index:${name}`;
}

/** An alias given as a plain object, not as a URN, a promise or an output. */
function isPlainAlias(alias: pulumi.Input<string | pulumi.Alias>): alias is pulumi.Alias {
  return typeof alias === "object" && !("then" in alias) && !("apply" in alias);
}

/**
 * Resource options that also answer to a component's former type token: an alias to the old
 * type, and to the old type under each name the caller already aliases.
 */
export function withFormerType(
  opts: pulumi.ComponentResourceOptions,
  formerType: string,
): pulumi.ComponentResourceOptions {
  const aliases = opts.aliases ?? [];
  const renamed = aliases.filter(isPlainAlias).filter((alias) => alias.type === undefined);
  return {
    ...opts,
    aliases: [
      ...aliases,
      { type: formerType },
      ...renamed.map((alias) => ({ ...alias, type: formerType })),
    ],
  };
}
