/**
 * The one managed policy of a bucket-access identity, a user's or a role's alike: named after
 * the identity, under its path, holding the document its pure builder wrote. Wires a resource.
 */
import * as iam from "@pulumi/aws/iam";
import type * as pulumi from "@pulumi/pulumi";

/** Where the policy goes and what it holds. */
export interface AccessPolicyArgs {
  /** The IAM user's or role's name, which the policy's name and description carry. */
  readonly identityName: string;
  /** The identity's IAM path, which the policy shares. */
  readonly path: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The policy document, as JSON. */
  readonly document: pulumi.Input<string>;
}

/** Creates the identity's policy, `<name>-policy`, as a child under the given options. */
export function accessPolicy(
  name: string,
  args: AccessPolicyArgs,
  opts: pulumi.CustomResourceOptions,
): iam.Policy {
  return new iam.Policy(
    `${name}-policy`,
    {
      name: `${args.identityName}-bucket-access`,
      path: args.path,
      // A constant description: changing it would replace the policy.
      description: `Least-privilege bucket access of ${args.identityName}`,
      policy: args.document,
      tags: args.tags,
    },
    // A new path or name replaces the policy; IAM policy names are unique in the account, so
    // the old one must go first (its attachment is recreated with it).
    { ...opts, deleteBeforeReplace: true },
  );
}
