/**
 * The stack config of the project: the settings tables of a user (userSettings.ts) and of a
 * role's own (roleSettings.ts) as config keys, and `identities`, the key that holds several
 * identities. The reader, the typed settings, the error labels, the `config:` block of
 * `Pulumi.yaml` and the README's table all come from these. Pure.
 */
import { USER_ONLY_ARGS } from "./roleArgs";
import { ROLE_OWN_SETTINGS } from "./roleSettings";
import { USER_SETTINGS } from "./userSettings";

/** Every key but `identities`, in the order the docs list them. */
export const STACK_KEYS = { ...USER_SETTINGS, ...ROLE_OWN_SETTINGS };

/** A key of the stack config, `identities` aside. */
export type StackKey = keyof typeof STACK_KEYS;

/** The keys an identity may set for itself under `identities.<name>`. */
export const IDENTITY_KEYS = Object.fromEntries(
  Object.entries(STACK_KEYS).filter(([, spec]) => spec.level === "identity"),
) as {
  readonly [
    K in StackKey as (typeof STACK_KEYS)[K]["level"] extends "identity" ? K : never
  ]: (typeof STACK_KEYS)[K];
};

/** A key an identity may set for itself. */
export type IdentityKey = keyof typeof IDENTITY_KEYS;

/**
 * The keys of a user's that a role has none of, each with what a role has instead: those that
 * set the arguments `BucketAccessRole` refuses (a console, an access key, a user name).
 */
export const USER_ONLY_KEYS: Readonly<Partial<Record<IdentityKey, string>>> = Object.fromEntries(
  Object.entries(USER_SETTINGS).flatMap(([key, { field }]) => {
    const argument = field.split(".")[0];
    return Object.hasOwn(USER_ONLY_ARGS, argument) ? [[key, USER_ONLY_ARGS[argument]]] : [];
  }),
);

/** The keys of a role's own, which only an identity that sets `trust` takes. */
export const ROLE_ONLY_KEYS = Object.keys(
  ROLE_OWN_SETTINGS,
) as readonly (keyof typeof ROLE_OWN_SETTINGS)[];

/** The key that holds several identities, and what it means. */
export const IDENTITIES_KEY = {
  name: "identities",
  description:
    "Map of identity name to its own settings, for several applications in one stack; each " +
    "takes the keys above but `protect`, and falls back to the stack-level value (a user " +
    "takes no stack-level key of a role's, nor a role a user's).",
  default: { derived: "one identity" },
} as const;

/**
 * The config key that sets an argument field of a user or a role, or that holds it (`trust`
 * holds `trust.github.repository`).
 */
export function keyOfField(field: string): StackKey | undefined {
  const keys = Object.keys(STACK_KEYS) as StackKey[];
  return (
    keys.find((key) => STACK_KEYS[key].field === field) ??
    keys.find((key) => field.startsWith(`${STACK_KEYS[key].field}.`))
  );
}
