/** The project's components and their arguments, for programs that compose them. */
export { BucketAccessUser } from "./bucketAccessUser";
export type { BucketAccessUserOutputs } from "./bucketAccessUser";
export type { AccessKeyArgs, BucketAccessUserArgs, ConsoleArgs } from "./bucketAccessUserArgs";
export type { AccessLevel } from "../iam/accessLevels";
export { SecureBucket } from "./secureBucket";
export type { SecureBucketArgs } from "./secureBucket";
