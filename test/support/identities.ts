/** The settings of one identity of a parsed stack config, by kind. Pure. */
import type { IdentitySettings } from "../../config/stackConfig";

/** The user arguments of an identity that must be a user; throws for a role. */
export function userOf(identity: IdentitySettings) {
  if (identity.kind !== "user") {
    throw new Error(`identity ${identity.name} is a role, not a user`);
  }
  return identity.user;
}

/** The role arguments of an identity that must be a role; throws for a user. */
export function roleOf(identity: IdentitySettings) {
  if (identity.kind !== "role") {
    throw new Error(`identity ${identity.name} is a user, not a role`);
  }
  return identity.role;
}
