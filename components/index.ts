/** The project's building blocks, for programs that compose them. */
export { BucketAccessUser } from "./bucketAccessUser";
export type { AccessKeyArgs, BucketAccessUserArgs, ConsoleArgs } from "./bucketAccessUserArgs";
export type { AccessLevel } from "../iam/bucketAccess";
export { parseStackConfig, SINGLE_IDENTITY } from "../config/stackConfig";
export type { IdentitySettings, StackSettings } from "../config/stackConfig";
export { projectConfig } from "./projectConfig";
export { SecureBucket } from "./secureBucket";
export type { SecureBucketArgs } from "./secureBucket";
