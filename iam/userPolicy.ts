/**
 * The one managed policy a bucket-access user gets: its bucket statements, plus console
 * self-service when it can sign in. Pure.
 */
import { AwsAccount } from "./arns";
import { BucketAccess, bucketAccessStatements } from "./bucketAccess";
import { consoleSelfServiceStatements } from "./consoleSelfService";
import { policyDocument, PolicyDocument } from "./policyDocument";

/** Resolved settings of one user; every field already has its default applied. */
export interface UserPolicySettings extends Omit<BucketAccess, "partition"> {
  /** Account and partition; the bucket's partition is the account's. */
  readonly account: AwsAccount;
  readonly userName: string;
  readonly path: string;
  /** Whether the user has a console password; adds the self-service statements. */
  readonly console: boolean;
  readonly requireMfa: boolean;
}

/** Builds the user's policy document from its settings. */
export function buildUserPolicy(settings: UserPolicySettings): PolicyDocument {
  return policyDocument([
    ...bucketAccessStatements({ ...settings, partition: settings.account.partition }),
    ...(settings.console ? consoleSelfServiceStatements(settings) : []),
  ]);
}
