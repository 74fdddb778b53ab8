/**
 * The settings of a `BucketAccessRole` that a user has none of, declared once as config keys:
 * the key, the argument field it sets, its type, its default, its rules and what it means. An
 * identity that sets `trust` is a role; the grant's settings it shares with a user are the
 * user's (userSettings.ts). The stack config's table (stackKeys.ts), `Pulumi.yaml`'s schema
 * and the README's table come from both tables. Pure.
 */
import { ROLE_SESSION_SECONDS } from "../iam/iamQuotas";
import type { KeySpec, ValueType } from "./keyTable";
import { BUCKET_ACCESS_ROLE_DEFAULTS, ROLE_ARG_RULES } from "./roleArgs";

/** One setting of a role's own: a config key, settable per identity, and the field it sets. */
export interface RoleSetting<T extends ValueType = ValueType> extends KeySpec<T> {
  /** The argument field of `BucketAccessRoleArgs` it sets. */
  readonly field: "trust" | "roleName" | "maxSessionDuration";
  readonly level: "identity";
}

/** A row, typed by its value type so that its default and rules see typed values. */
function setting<T extends ValueType>(spec: Omit<RoleSetting<T>, "level">): RoleSetting<T> {
  return { ...spec, level: "identity" };
}

/** Every setting of a role's own, in the order the docs list them. */
export const ROLE_SETTINGS = {
  trust: setting({
    field: "trust",
    type: "map",
    description:
      "Makes the identity an IAM role, with no password or long-term key, that only those " +
      "named may assume: `github` (`repository: owner/repo`, `refs`, `environments`), " +
      "`services` (`ecs-tasks.amazonaws.com`, …) and `rolesAnywhere` (`certificates` or " +
      "`acmPcaArn`, `commonNames`); see [docs/roles.md](docs/roles.md).",
    default: { derived: "none: the identity is an IAM user" },
  }),
  roleName: setting({
    field: "roleName",
    type: "string",
    description:
      "IAM role name of an identity that sets `trust`: 1 to 64 of letters, digits and " +
      "`+=,.@_-`, unique in the account.",
    default: {
      derived: "`iam-bucket-access-<stack>`, or `iam-bucket-access-<stack>-<identity>` for several",
    },
    rule: ROLE_ARG_RULES.roleName.rule,
  }),
  maxSessionDuration: setting({
    field: "maxSessionDuration",
    type: "integer",
    description:
      "The longest session an identity that sets `trust` gives its callers, in seconds: " +
      `${ROLE_SESSION_SECONDS.minimum} (one hour) to ${ROLE_SESSION_SECONDS.maximum} (twelve).`,
    default: BUCKET_ACCESS_ROLE_DEFAULTS.maxSessionDuration,
    rule: ROLE_ARG_RULES.maxSessionDuration.rule,
  }),
} as const;
