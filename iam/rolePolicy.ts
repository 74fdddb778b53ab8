/**
 * The one managed policy a bucket-access role gets: the bucket statements a user of the same
 * settings gets, and nothing of the console's (a role has no password to change). Pure.
 */
import { BucketAccess, bucketAccessStatements } from "./bucketAccess";
import { policyDocument, PolicyDocument } from "./policyDocument";

/** Builds the role's policy document from its settings. */
export function buildRolePolicy(settings: BucketAccess): PolicyDocument {
  return policyDocument(bucketAccessStatements(settings));
}
