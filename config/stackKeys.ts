/**
 * The stack config of the project: the settings table (userSettings.ts) as config keys, and
 * `identities`, the key that holds several identities. The reader, the typed settings, the
 * error labels, the `config:` block of `Pulumi.yaml` and the README's table all come from
 * these. Pure.
 */
import { USER_SETTINGS, UserSettingName } from "./userSettings";

/** Every key but `identities`, in the order the docs list them. */
export const STACK_KEYS = USER_SETTINGS;

/** A key of the stack config, `identities` aside. */
export type StackKey = UserSettingName;

/** The keys an identity may set for itself under `identities.<name>`. */
export const IDENTITY_KEYS = Object.fromEntries(
  Object.entries(STACK_KEYS).filter(([, spec]) => spec.level === "identity"),
) as {
  readonly [
    K in StackKey as (typeof STACK_KEYS)[K]["level"] extends "identity" ? K : never
  ]: (typeof STACK_KEYS)[K];
};

/** The key that holds several identities, and what it means. */
export const IDENTITIES_KEY = {
  name: "identities",
  description:
    "Map of identity name to its own settings, for several applications in one stack; each " +
    "takes the keys above but `protect`, and falls back to the stack-level value.",
  default: { derived: "one identity" },
} as const;

/** The config key that sets each argument field. */
export function keyOfField(field: string): StackKey | undefined {
  return (Object.keys(STACK_KEYS) as StackKey[]).find((key) => STACK_KEYS[key].field === field);
}
