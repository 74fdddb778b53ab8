/**
 * The access an identity can have to a bucket's objects, in words: the vocabulary the
 * component's arguments, the config and the policy builder share. Pure.
 */

/** Every access level, in the order documentation lists them. */
export const ACCESS_LEVELS = ["read", "write", "read-write"] as const;

/** What the identity may do with objects: read them, write them, or both. */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** True when the access level includes reading objects. */
export function canRead(access: AccessLevel): boolean {
  return access !== "write";
}

/** True when the access level includes writing objects. */
export function canWrite(access: AccessLevel): boolean {
  return access !== "read";
}
