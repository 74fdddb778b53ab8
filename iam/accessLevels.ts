/**
 * The access an identity can have to a bucket's objects, in words: the vocabulary the
 * component's arguments, the config and the policy builder share. Pure.
 */

/**
 * What the identity may do with objects. An object of named values rather than a bare union,
 * so that the component's schema for other languages offers it as an enum.
 */
export const AccessLevel = {
  /** List and get objects. */
  Read: "read",
  /** Put objects and abort multipart uploads; no listing. */
  Write: "write",
  /** Read and write. */
  ReadWrite: "read-write",
} as const;

/** What the identity may do with objects: read them, write them, or both. */
export type AccessLevel = (typeof AccessLevel)[keyof typeof AccessLevel];

/** Every access level, in the order documentation lists them. */
export const ACCESS_LEVELS: readonly AccessLevel[] = Object.values(AccessLevel);

/** True when the access level includes reading objects. */
export function canRead(access: AccessLevel): boolean {
  return access !== AccessLevel.Write;
}

/** True when the access level includes writing objects. */
export function canWrite(access: AccessLevel): boolean {
  return access !== AccessLevel.Read;
}
