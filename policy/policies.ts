/** Every rule of the pack, in the order they are reported. */
import type { Policies } from "@pulumi/policy";
import { iamAttachmentNoAdmin, iamAttachmentProjectPolicies } from "./attachments";
import {
  accessKeyActive,
  credentialSecretsProtected,
  iamConsoleUserMfa,
  iamUserOneCredentialKind,
} from "./credentials";
import {
  iamPolicyNoStarResource,
  iamPolicyNoWildcardActions,
  iamPolicyStatementSids,
  iamRoleGithubTrustNamesRepositories,
  iamRoleOidcTrustHoldsSubject,
  iamRoleTrustsNamedPrincipals,
  iamRoleTrustsOwnAccount,
  iamUserBoundaryElsewhere,
  iamUserBoundaryInProduction,
  iamUserUnderProjectPath,
} from "./iam";
import {
  s3BucketEncrypted,
  s3BucketLifecycle,
  s3BucketOwnerEnforced,
  s3BucketPolicyDeniesOnly,
  s3BucketPublicAccessBlocked,
  s3BucketTlsOnly,
  s3BucketVersioned,
} from "./storage";

export const GUARDRAILS: Policies = [
  iamPolicyNoWildcardActions,
  iamPolicyNoStarResource,
  iamPolicyStatementSids,
  iamRoleTrustsNamedPrincipals,
  iamRoleTrustsOwnAccount,
  iamRoleGithubTrustNamesRepositories,
  iamRoleOidcTrustHoldsSubject,
  iamAttachmentProjectPolicies,
  iamAttachmentNoAdmin,
  iamUserUnderProjectPath,
  iamUserBoundaryInProduction,
  iamUserBoundaryElsewhere,
  credentialSecretsProtected,
  accessKeyActive,
  iamConsoleUserMfa,
  iamUserOneCredentialKind,
  s3BucketPublicAccessBlocked,
  s3BucketEncrypted,
  s3BucketVersioned,
  s3BucketOwnerEnforced,
  s3BucketTlsOnly,
  s3BucketPolicyDeniesOnly,
  s3BucketLifecycle,
];
