/** The project's components and their arguments, for programs that compose them. */
export { BucketAccessUser, bucketAccessUserOutputs } from "./bucketAccessUser";
export type { BucketAccessUserOutputs } from "./bucketAccessUser";
export type {
  AccessKeySettings,
  BucketAccessUserArgs,
  ConsoleSettings,
} from "../config/userArgTypes";
export { BucketAccessRole, bucketAccessRoleOutputs } from "./bucketAccessRole";
export type { BucketAccessRoleOutputs } from "./bucketAccessRole";
export type { BucketAccessRoleArgs } from "../config/roleArgTypes";
export type {
  GithubTrustSettings,
  RolesAnywhereTrustSettings,
  RoleTrustSettings,
} from "../config/roleArgs";
export type { AccessLevel } from "../iam/accessLevels";
export { SecureBucket } from "./secureBucket";
export type { SecureBucketArgs } from "./secureBucket";
