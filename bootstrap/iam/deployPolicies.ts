/**
 * The policies of one deploy environment (a stack of the deployed project): who may assume its
 * deploy role (trust), what the role may do (confined to the stack, unable to grant more than
 * the stack's boundary), the boundary every user of the stack carries, and who may use the
 * stack's KMS key. Pure: plain data in, JSON out.
 * @see https://www.pulumi.com/docs/deployments/deployments/oidc/aws/
 */
import {
  AwsAccount,
  bucketArn,
  iamArn,
  iamPolicyArn,
  iamUserArn,
  kmsKeysArn,
  virtualMfaDevicesArn,
} from "../../iam/arns";
import { createdBucketPattern, createdBucketPrefix } from "../../s3/bucketNaming";
import { AccessLevel } from "../../iam/accessLevels";
import {
  bucketKeyActions,
  listAllBucketsStatement,
  S3_BUCKET_LIST_ACTIONS,
  S3_BUCKET_LOCATE_ACTIONS,
  S3_OBJECT_DELETE_ACTIONS,
  S3_OBJECT_READ_ACTIONS,
  S3_OBJECT_WRITE_ACTIONS,
  serviceHost,
} from "../../iam/bucketAccess";
import {
  changeOwnPasswordStatement,
  createMfaDeviceStatement,
  manageOwnMfaStatement,
  readPasswordPolicyStatement,
  removeOwnMfaStatement,
} from "../../iam/consoleSelfService";
import {
  FenceStatement,
  PolicyDocument,
  policyDocument,
  ResourcePolicyStatement,
  Statement,
  TrustStatement,
} from "../../iam/policyDocument";
import { STS_ASSUME_ROLE_ACTIONS, STS_WEB_IDENTITY_ACTIONS } from "../../iam/roleTrust";
import { boundaryName, boundaryPath, stackIamPath } from "../../iam/stackNaming";

/** Pulumi Cloud's OIDC issuer, whose tokens Deployments present to AWS. */
export const PULUMI_OIDC_URL = "https://api.pulumi.com/oidc";
/** The issuer as IAM condition keys name it. */
export const PULUMI_OIDC_KEY = "api.pulumi.com/oidc";

/**
 * The operations a Deployments OIDC token can be for; the token's subject names one.
 * @see https://www.pulumi.com/docs/pulumi-cloud/deployments/oidc/
 */
export const DEPLOY_OPERATIONS = ["preview", "update", "refresh", "destroy"] as const;
/** A deploy operation. */
export type DeployOperation = (typeof DEPLOY_OPERATIONS)[number];
/**
 * What the role of a stack that previews no pull requests (a production one, or one with
 * `previewPullRequests: false`) may be assumed for: never a preview of unmerged code.
 */
export const NO_PREVIEW_OPERATIONS: readonly DeployOperation[] = ["update", "refresh", "destroy"];

/**
 * Reading, moving, tagging and deleting the stack's users, their keys and login profiles, and
 * everything the provider's forced deletion of a user removes first.
 */
export const IAM_USER_MANAGE_ACTIONS = [
  "iam:GetUser",
  "iam:UpdateUser",
  "iam:DeleteUser",
  "iam:TagUser",
  "iam:UntagUser",
  "iam:ListAttachedUserPolicies",
  "iam:DetachUserPolicy",
  "iam:ListUserPolicies",
  "iam:DeleteUserPolicy",
  "iam:ListGroupsForUser",
  "iam:ListAccessKeys",
  "iam:CreateAccessKey",
  "iam:UpdateAccessKey",
  "iam:DeleteAccessKey",
  "iam:GetLoginProfile",
  "iam:CreateLoginProfile",
  "iam:DeleteLoginProfile",
  "iam:ListMFADevices",
  "iam:DeactivateMFADevice",
  "iam:ListSigningCertificates",
  "iam:DeleteSigningCertificate",
  "iam:ListSSHPublicKeys",
  "iam:DeleteSSHPublicKey",
  "iam:ListServiceSpecificCredentials",
  "iam:DeleteServiceSpecificCredential",
] as const;
/** Creating users and setting their boundary: only with the stack's boundary. */
export const IAM_USER_BOUNDED_ACTIONS = [
  "iam:CreateUser",
  "iam:PutUserPermissionsBoundary",
] as const;
/** Every KMS action: the account's administration of a key, and a Deny of any use through AWS services. */
export const KMS_EVERY_ACTION = ["kms:*"] as const;
/** Every IAM action, for a Deny only: it grants nothing, and it covers actions IAM adds later. */
export const IAM_EVERY_ACTION = ["iam:*"] as const;
/** Removing a user's boundary: never. */
export const IAM_BOUNDARY_REMOVE_ACTIONS = ["iam:DeleteUserPermissionsBoundary"] as const;
/** Deleting the virtual MFA devices users added themselves, which user deletion removes. */
export const IAM_MFA_DELETE_ACTIONS = ["iam:DeleteVirtualMFADevice"] as const;
/** Finding those devices: the provider lists the account's assigned ones; AWS grants it on `*` only. */
export const IAM_MFA_LIST_ACTIONS = ["iam:ListVirtualMFADevices"] as const;
/** Attaching policies to the stack's users: only the stack's own, only to bounded users. */
export const IAM_POLICY_ATTACH_ACTIONS = ["iam:AttachUserPolicy"] as const;
/** Reading the stack's managed policies. */
export const IAM_POLICY_READ_ACTIONS = [
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:ListPolicyVersions",
] as const;
/** Creating, rewriting and deleting managed policies: the stack's own, never a boundary. */
export const IAM_POLICY_WRITE_ACTIONS = [
  "iam:CreatePolicy",
  "iam:DeletePolicy",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicyVersion",
  "iam:TagPolicy",
  "iam:UntagPolicy",
] as const;
/** Making an older version of a policy the live one: the provider never does; denied on boundaries. */
export const IAM_POLICY_VERSION_SELECT_ACTIONS = ["iam:SetDefaultPolicyVersion"] as const;
/**
 * Reading, changing and deleting the stack's roles, and what the provider reads back of a role
 * (its inline and attached policies, its instance profiles, which deletion checks first).
 */
export const IAM_ROLE_MANAGE_ACTIONS = [
  "iam:GetRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:DeleteRole",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:ListRolePolicies",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
  "iam:DetachRolePolicy",
  "iam:ListInstanceProfilesForRole",
] as const;
/** Creating roles and setting their boundary: only with the stack's boundary. */
export const IAM_ROLE_BOUNDED_ACTIONS = [
  "iam:CreateRole",
  "iam:PutRolePermissionsBoundary",
] as const;
/** Attaching policies to the stack's roles: only the stack's own, only to bounded roles. */
export const IAM_ROLE_ATTACH_ACTIONS = ["iam:AttachRolePolicy"] as const;
/** Removing a role's boundary: never. */
export const IAM_ROLE_BOUNDARY_REMOVE_ACTIONS = ["iam:DeleteRolePermissionsBoundary"] as const;
/**
 * What would let a role carry more than the stack's reviewed, attached policy, or reach
 * further than its trust: handing it to a service or an instance (PassRole) and inline policies
 * (which no path scopes). Never, on any role.
 */
export const IAM_ROLE_ESCAPE_ACTIONS = ["iam:PassRole", "iam:PutRolePolicy"] as const;
/** Changing who may assume a role: the stack's own roles only. */
export const IAM_ROLE_TRUST_ACTIONS = ["iam:UpdateAssumeRolePolicy"] as const;

/**
 * What Pulumi's `awskms://` secrets provider does with the stack's key: encrypt a data key made
 * locally when the stack's secrets provider is set, and decrypt it on every operation.
 */
export const KMS_SECRETS_ACTIONS = ["kms:Encrypt", "kms:Decrypt"] as const;
/** Creating, configuring, reading back and deleting the bucket a stack creates. */
export const S3_CREATED_BUCKET_ACTIONS = [
  "s3:CreateBucket",
  "s3:DeleteBucket",
  // HeadBucket, which the provider polls after creating and deleting, and reads the region by.
  "s3:ListBucket",
  "s3:GetBucketLocation",
  "s3:GetBucketPublicAccessBlock",
  "s3:PutBucketPublicAccessBlock",
  "s3:GetBucketOwnershipControls",
  "s3:PutBucketOwnershipControls",
  "s3:GetEncryptionConfiguration",
  "s3:PutEncryptionConfiguration",
  "s3:GetBucketVersioning",
  "s3:PutBucketVersioning",
  // SecureBucket's expiry of noncurrent versions and of incomplete uploads; also its deletion.
  "s3:PutLifecycleConfiguration",
  "s3:GetBucketPolicy",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:GetBucketTagging",
  "s3:PutBucketTagging",
  // The provider tags a bucket through S3 Control first, and falls back to PutBucketTagging.
  "s3:TagResource",
  "s3:UntagResource",
  "s3:ListTagsForResource",
  // Read back by the AWS provider on every refresh of a bucket.
  "s3:GetBucketAcl",
  "s3:GetBucketCORS",
  "s3:GetBucketWebsite",
  "s3:GetBucketLogging",
  "s3:GetLifecycleConfiguration",
  "s3:GetReplicationConfiguration",
  "s3:GetAccelerateConfiguration",
  "s3:GetBucketRequestPayment",
  "s3:GetBucketObjectLockConfiguration",
] as const;

/** One environment, as its policies need to know it. */
export interface DeployEnvironment {
  readonly account: AwsAccount;
  /** The deployed project's name. */
  readonly project: string;
  readonly stack: string;
  /** ARN of the environment's KMS key. */
  readonly keyArn: string;
  /** Whether the stack creates its own bucket. */
  readonly createsBucket: boolean;
  /** Existing buckets the stack's users may use. */
  readonly buckets: readonly string[];
  /** The only tags the role may put on users and policies, each with its only value. */
  readonly tags: Readonly<Record<string, string>>;
  /** Whether the stack has role identities, which its deploy role may then manage. */
  readonly roles: boolean;
}

/**
 * The OIDC token subjects of Deployments of one stack, one per operation.
 * @see https://www.pulumi.com/docs/pulumi-cloud/deployments/oidc/
 */
export function deploySubjects(
  organization: string,
  project: string,
  stack: string,
  operations: readonly DeployOperation[],
): string[] {
  return operations.map(
    (operation) =>
      `pulumi:deploy:org:${organization}:project:${project}:stack:${stack}:operation:${operation}:scope:write`,
  );
}

/**
 * A role trusted to tokens of Pulumi's OIDC issuer with exactly this audience and one of these
 * subjects, and to nothing else. A trust policy names no resource: the role is its resource.
 */
export function pulumiOidcTrustPolicy(
  sid: string,
  oidcProviderArn: string,
  audience: string,
  subjects: string | readonly string[],
): PolicyDocument<TrustStatement> {
  return policyDocument([
    {
      Sid: sid,
      Effect: "Allow",
      Principal: { Federated: oidcProviderArn },
      Action: [...STS_WEB_IDENTITY_ACTIONS],
      Condition: {
        StringEquals: {
          [`${PULUMI_OIDC_KEY}:aud`]: audience,
          [`${PULUMI_OIDC_KEY}:sub`]: subjects,
        },
      },
    },
  ]);
}

/**
 * Who may assume the deploy role: Pulumi Deployments, with a token for this organization
 * (audience) and for one of the allowed operations on this project's stack (subject).
 */
export function deployRoleTrustPolicy(
  oidcProviderArn: string,
  organization: string,
  project: string,
  stack: string,
  operations: readonly DeployOperation[],
): PolicyDocument<TrustStatement> {
  return pulumiOidcTrustPolicy(
    "PulumiDeploymentsOfThisStack",
    oidcProviderArn,
    organization,
    deploySubjects(organization, project, stack, operations),
  );
}

/** Every user of the stack: everything under its own IAM path. */
function stackUsersArn(account: AwsAccount, project: string, stack: string): string {
  return iamUserArn(account, stackIamPath(project, stack), "*");
}

/** Every role of the stack: everything under its own IAM path. */
function stackRolesArn(account: AwsAccount, project: string, stack: string): string {
  return iamArn(account, `role${stackIamPath(project, stack)}*`);
}

/** Every managed policy of the stack. */
function stackPoliciesArn(account: AwsAccount, project: string, stack: string): string {
  return iamPolicyArn(account, stackIamPath(project, stack), "*");
}

/** The stack's permissions boundary, which the bootstrap creates. */
export function boundaryArn(account: AwsAccount, project: string, stack: string): string {
  return iamPolicyArn(account, boundaryPath(project), boundaryName(project, stack));
}

/** Every boundary the bootstrap creates, of any stack. */
function boundariesArn(account: AwsAccount, project: string): string {
  return iamPolicyArn(account, boundaryPath(project), "*");
}

/**
 * The buckets a stack creates: `<project>-<stack>-` and exactly the random suffix. IAM wildcards
 * have no character classes, so any bucket of that name and length matches, hex or not.
 */
export function createdBucketsArn(partition: string, project: string, stack: string): string {
  return bucketArn(partition, createdBucketPattern(createdBucketPrefix(project, stack), "?"));
}

/** The environment's buckets: the existing ones it lists and the one it creates, if it does. */
function environmentBucketArns(env: DeployEnvironment): string[] {
  const partition = env.account.partition;
  return [
    ...env.buckets.map((bucket) => bucketArn(partition, bucket)),
    ...(env.createsBucket ? [createdBucketsArn(partition, env.project, env.stack)] : []),
  ];
}

/**
 * The permissions boundary of every user of the stack: the most any policy could ever give
 * them, whoever wrote it. Object and listing access to the environment's buckets, the bucket
 * key through S3 only, and a console user's care of its own password and MFA device. So even a
 * policy of `s3:*` on `*` written by the stack's deploy role reaches no other bucket.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function permissionsBoundaryPolicy(env: DeployEnvironment): PolicyDocument {
  const { account, project, stack } = env;
  const buckets = environmentBucketArns(env);
  // The policy variable is the requesting user's own name: each user may tend only itself.
  const self = iamUserArn(account, stackIamPath(project, stack), "${aws:username}");
  return policyDocument([
    {
      Sid: "LocateAndListEnvironmentBuckets",
      Effect: "Allow",
      Action: [...S3_BUCKET_LOCATE_ACTIONS, ...S3_BUCKET_LIST_ACTIONS],
      Resource: buckets,
    },
    {
      Sid: "UseObjectsOfEnvironmentBuckets",
      Effect: "Allow",
      Action: [...S3_OBJECT_READ_ACTIONS, ...S3_OBJECT_WRITE_ACTIONS, ...S3_OBJECT_DELETE_ACTIONS],
      Resource: buckets.map((bucket) => `${bucket}/*`),
    },
    listAllBucketsStatement(),
    {
      Sid: "UseBucketKeysViaS3",
      Effect: "Allow",
      Action: bucketKeyActions(AccessLevel.ReadWrite),
      Resource: kmsKeysArn(account.partition),
      Condition: { StringLike: { "kms:ViaService": serviceHost("s3", "*", account.partition) } },
    },
    // The console user's self-service as its own policy grants it, MFA removal held to MFA
    // here too: the user's policy is the deploy role's to rewrite, the boundary is not.
    changeOwnPasswordStatement(self),
    manageOwnMfaStatement(self),
    removeOwnMfaStatement(self),
    readPasswordPolicyStatement(),
    createMfaDeviceStatement(account),
  ]);
}

/**
 * What the deploy role of one environment may do: exactly what `pulumi up`, `refresh` and
 * `destroy` of its stack need, confined to the stack's IAM path, its key and its created bucket.
 * Users are created only with the stack's boundary, policies attached only to such users, and
 * explicit denies keep every boundary in place and every object out of reach; a stack with
 * `roles` gets the same for its roles after them (`stackRoleStatements`).
 */
export function deployRolePolicy(
  env: DeployEnvironment,
): PolicyDocument<Statement | FenceStatement> {
  const { account, project, stack } = env;
  const users = stackUsersArn(account, project, stack);
  const policies = stackPoliciesArn(account, project, stack);
  const boundary = boundaryArn(account, project, stack);
  const withBoundary = { "iam:PermissionsBoundary": boundary };
  const statements: (Statement | FenceStatement)[] = [
    {
      Sid: "ManageStackUsers",
      Effect: "Allow",
      Action: [...IAM_USER_MANAGE_ACTIONS],
      Resource: users,
    },
    {
      Sid: "CreateStackUsersWithBoundary",
      Effect: "Allow",
      Action: [...IAM_USER_BOUNDED_ACTIONS],
      Resource: users,
      Condition: { StringEquals: withBoundary },
    },
    {
      Sid: "AttachStackPoliciesToBoundedUsers",
      Effect: "Allow",
      Action: [...IAM_POLICY_ATTACH_ACTIONS],
      Resource: users,
      Condition: {
        ArnLike: { "iam:PolicyARN": policies },
        StringEquals: withBoundary,
      },
    },
    {
      Sid: "ManageStackPolicies",
      Effect: "Allow",
      Action: [...IAM_POLICY_READ_ACTIONS, ...IAM_POLICY_WRITE_ACTIONS],
      Resource: policies,
    },
    {
      Sid: "DeleteUserAddedMfaDevices",
      Effect: "Allow",
      Action: [...IAM_MFA_DELETE_ACTIONS],
      Resource: virtualMfaDevicesArn(account),
    },
    {
      Sid: "FindUserAddedMfaDevices",
      Effect: "Allow",
      Action: [...IAM_MFA_LIST_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "UseStackSecretsKey",
      Effect: "Allow",
      Action: [...KMS_SECRETS_ACTIONS],
      Resource: env.keyArn,
    },
    ...(env.createsBucket
      ? [
          {
            Sid: "ManageCreatedBucket",
            Effect: "Allow" as const,
            Action: [...S3_CREATED_BUCKET_ACTIONS],
            Resource: createdBucketsArn(account.partition, project, stack),
          },
        ]
      : []),
    {
      Sid: "DenyUsersWithoutTheBoundary",
      Effect: "Deny",
      Action: [...IAM_USER_BOUNDED_ACTIONS],
      Resource: "*",
      Condition: { StringNotEquals: withBoundary },
    },
    {
      Sid: "DenyBoundaryRemoval",
      Effect: "Deny",
      Action: [...IAM_BOUNDARY_REMOVE_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "DenyBoundaryChanges",
      Effect: "Deny",
      Action: [...IAM_POLICY_WRITE_ACTIONS, ...IAM_POLICY_VERSION_SELECT_ACTIONS],
      Resource: boundariesArn(account, project),
    },
    {
      // The role writes its bucket's policy, which could grant it more (notifications,
      // replication, objects themselves); this deny outweighs any grant.
      Sid: "DenyS3BeyondTheCreatedBucket",
      Effect: "Deny",
      NotAction: [...S3_CREATED_BUCKET_ACTIONS],
      Resource: bucketArn(account.partition, "*"),
    },
    // Tags can be what grants elsewhere in the account key on (aws:PrincipalTag); only the
    // environment's own tags may be set, each only to its own value (never another stack's).
    {
      Sid: "DenyOtherTagKeys",
      Effect: "Deny",
      Action: [...IAM_EVERY_ACTION],
      Resource: "*",
      Condition: { "ForAnyValue:StringNotEquals": { "aws:TagKeys": Object.keys(env.tags) } },
    },
    ...Object.entries(env.tags).map(([tagKey, value], index) => ({
      Sid: `DenyOtherValuesOfTag${index + 1}`,
      Effect: "Deny" as const,
      Action: [...IAM_EVERY_ACTION],
      Resource: "*",
      Condition: {
        Null: { [`aws:RequestTag/${tagKey}`]: "false" },
        StringNotEquals: { [`aws:RequestTag/${tagKey}`]: value },
      },
    })),
    ...(env.roles ? stackRoleStatements(env) : []),
  ];
  return policyDocument(statements);
}

/**
 * What the deploy role of a stack with role identities may do with roles, and may never do:
 * the user's confinement, for roles. Its own roles only, under the stack's path, created only
 * with the stack's boundary and attached only the stack's policies; no role of any path may be
 * passed, given an inline policy or rid of its boundary, and no role outside the stack's path
 * may be given another trust, and no role may be assumed: a role the deploy role creates with a
 * trust naming it would need no grant to be assumed, and would give a preview of unreviewed code
 * what the stack's boundary allows.
 */
export function stackRoleStatements(env: DeployEnvironment): (Statement | FenceStatement)[] {
  const { account, project, stack } = env;
  const roles = stackRolesArn(account, project, stack);
  const withBoundary = { "iam:PermissionsBoundary": boundaryArn(account, project, stack) };
  return [
    {
      Sid: "ManageStackRoles",
      Effect: "Allow",
      Action: [...IAM_ROLE_MANAGE_ACTIONS],
      Resource: roles,
    },
    {
      Sid: "CreateStackRolesWithBoundary",
      Effect: "Allow",
      Action: [...IAM_ROLE_BOUNDED_ACTIONS],
      Resource: roles,
      Condition: { StringEquals: withBoundary },
    },
    {
      Sid: "AttachStackPoliciesToBoundedRoles",
      Effect: "Allow",
      Action: [...IAM_ROLE_ATTACH_ACTIONS],
      Resource: roles,
      Condition: {
        ArnLike: { "iam:PolicyARN": stackPoliciesArn(account, project, stack) },
        StringEquals: withBoundary,
      },
    },
    {
      Sid: "DenyRolesWithoutTheBoundary",
      Effect: "Deny",
      Action: [...IAM_ROLE_BOUNDED_ACTIONS],
      Resource: "*",
      Condition: { StringNotEquals: withBoundary },
    },
    {
      Sid: "DenyRoleBoundaryRemoval",
      Effect: "Deny",
      Action: [...IAM_ROLE_BOUNDARY_REMOVE_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "DenyPassingRolesAndInlinePolicies",
      Effect: "Deny",
      Action: [...IAM_ROLE_ESCAPE_ACTIONS],
      Resource: "*",
    },
    {
      // The deploy roles themselves and every role of another stack or of nobody's.
      Sid: "DenyTrustChangesBeyondStackRoles",
      Effect: "Deny",
      Action: [...IAM_ROLE_TRUST_ACTIONS],
      NotResource: [roles],
    },
    {
      Sid: "DenyAssumingRoles",
      Effect: "Deny",
      Action: [...STS_ASSUME_ROLE_ACTIONS],
      Resource: "*",
    },
  ];
}

/**
 * The environment's KMS key policy: the account administers the key (without this statement
 * nobody could, ever), the deploy role may use it for stack secrets, and no AWS service may use
 * it on anyone's behalf: Pulumi calls KMS itself, and a user allowed bucket keys through S3 must
 * not reach the stack's secrets key that way.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export function secretsKeyPolicy(
  account: AwsAccount,
  deployRoleArn: string,
): PolicyDocument<ResourcePolicyStatement> {
  return policyDocument([
    {
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: iamArn(account, "root") },
      Action: [...KMS_EVERY_ACTION],
      Resource: "*",
    },
    {
      Sid: "DeployRoleUsesKey",
      Effect: "Allow",
      Principal: { AWS: deployRoleArn },
      Action: [...KMS_SECRETS_ACTIONS],
      Resource: "*",
    },
    {
      Sid: "NoUseThroughAwsServices",
      Effect: "Deny",
      Principal: "*",
      Action: [...KMS_EVERY_ACTION],
      Resource: "*",
      Condition: { Null: { "kms:ViaService": "false" } },
    },
  ]);
}
