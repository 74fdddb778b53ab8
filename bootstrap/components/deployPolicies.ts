/**
 * The policies of a deploy environment: who may assume its deploy role (trust), what the role
 * may do (least privilege), and who may use its KMS key. Pure: plain data in, JSON out.
 * @see https://www.pulumi.com/docs/deployments/deployments/oidc/aws/
 */
import { AwsScope, bucketArn } from "../../components/arns";
import {
  CREATED_BUCKET_SUFFIX_BYTES,
  createdBucketName,
  createdBucketPrefix,
} from "../../components/bucketNaming";
import { PolicyDocument, policyDocument, Statement } from "../../components/policyDocument";

/** Pulumi Cloud's OIDC issuer, whose tokens Deployments present to AWS. */
export const PULUMI_OIDC_URL = "https://api.pulumi.com/oidc";
/** The issuer as IAM condition keys name it. */
const PULUMI_OIDC_KEY = "api.pulumi.com/oidc";

/** Reading and deleting the project's users, and everything deleting a user requires. */
export const IAM_USER_MANAGE_ACTIONS = [
  "iam:GetUser",
  "iam:DeleteUser",
  "iam:TagUser",
  "iam:UntagUser",
  "iam:ListUserTags",
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
  "iam:UpdateLoginProfile",
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
/** Creating users, and setting their boundary; held to the configured boundary when there is one. */
export const IAM_USER_CREATE_ACTIONS = [
  "iam:CreateUser",
  "iam:PutUserPermissionsBoundary",
] as const;
/** Removing a user's boundary: denied whenever a boundary is configured. */
export const IAM_BOUNDARY_REMOVE_ACTIONS = ["iam:DeleteUserPermissionsBoundary"] as const;
/** Deleting the virtual MFA devices users added themselves, which user deletion removes. */
export const IAM_MFA_DELETE_ACTIONS = ["iam:DeleteVirtualMFADevice"] as const;
/** Attaching policies to the project's users: only the project's own policies. */
export const IAM_POLICY_ATTACH_ACTIONS = ["iam:AttachUserPolicy"] as const;
/** The life cycle of the project's managed policies. */
export const IAM_POLICY_MANAGE_ACTIONS = [
  "iam:CreatePolicy",
  "iam:DeletePolicy",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:ListPolicyVersions",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicyVersion",
  "iam:TagPolicy",
  "iam:UntagPolicy",
  "iam:ListPolicyTags",
] as const;
/** What the KMS secrets provider does with the environment's key. */
export const KMS_SECRETS_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"] as const;
/** What the deploy role may do with the environment's key, as the key policy states it. */
export const KMS_KEY_USER_ACTIONS = [...KMS_SECRETS_ACTIONS, "kms:DescribeKey"] as const;
/** Creating, configuring, reading back and deleting the bucket a stack creates. */
export const S3_PROJECT_BUCKET_ACTIONS = [
  "s3:CreateBucket",
  "s3:DeleteBucket",
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
  "s3:GetBucketPolicy",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:GetBucketTagging",
  "s3:PutBucketTagging",
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

/** One environment's deploy role, as its policies need to know it. */
export interface DeployEnvironment {
  readonly scope: AwsScope;
  readonly organization: string;
  /** The deployed project's name. */
  readonly project: string;
  readonly stack: string;
  /** The IAM path the project's users and policies live under. */
  readonly userPath: string;
  /** ARN of the environment's KMS key. */
  readonly keyArn: string;
  /** Whether the stack creates its own bucket. */
  readonly createsBucket: boolean;
  readonly permissionsBoundaryArn?: string;
}

/** The OIDC token subject of every Deployments operation on one stack. */
export function deploySubject(organization: string, project: string, stack: string): string {
  return `pulumi:deploy:org:${organization}:project:${project}:stack:${stack}:*`;
}

/**
 * Who may assume the deploy role: Pulumi Deployments, with a token for this organization
 * (audience) and for this project's stack (subject), nothing else.
 */
export function deployRoleTrustPolicy(
  oidcProviderArn: string,
  organization: string,
  project: string,
  stack: string,
): PolicyDocument {
  return policyDocument([
    {
      Sid: "PulumiDeploymentsOfThisStack",
      Effect: "Allow",
      Principal: { Federated: oidcProviderArn },
      Action: ["sts:AssumeRoleWithWebIdentity"],
      Resource: "*",
      Condition: {
        StringEquals: { [`${PULUMI_OIDC_KEY}:aud`]: organization },
        StringLike: { [`${PULUMI_OIDC_KEY}:sub`]: deploySubject(organization, project, stack) },
      },
    },
  ]);
}

const iamArn = (scope: AwsScope, resource: string) =>
  `arn:${scope.partition}:iam::${scope.accountId}:${resource}`;

/** The project's users and policies: everything under its IAM path. */
function projectUsers(env: DeployEnvironment): string {
  return iamArn(env.scope, `user${env.userPath}*`);
}

function projectPolicies(env: DeployEnvironment): string {
  return iamArn(env.scope, `policy${env.userPath}*`);
}

/** The buckets a stack creates: `<project>-<stack>-` and exactly the random suffix. */
export function projectBucketsArn(env: DeployEnvironment): string {
  const pattern = createdBucketName(
    createdBucketPrefix(env.project, env.stack),
    "?".repeat(CREATED_BUCKET_SUFFIX_BYTES * 2),
  );
  return bucketArn(env.scope.partition, pattern);
}

/** What the deploy role of one environment may do: exactly what `pulumi up` of its stack needs. */
export function deployRolePolicy(env: DeployEnvironment): PolicyDocument {
  const boundary = env.permissionsBoundaryArn;
  const boundaryCondition =
    boundary === undefined
      ? {}
      : { Condition: { StringEquals: { "iam:PermissionsBoundary": boundary } } };
  const statements: Statement[] = [
    {
      Sid: "ManageProjectUsers",
      Effect: "Allow",
      Action: [...IAM_USER_MANAGE_ACTIONS],
      Resource: projectUsers(env),
    },
    {
      Sid: boundary === undefined ? "CreateProjectUsers" : "CreateProjectUsersWithBoundary",
      Effect: "Allow",
      Action: [...IAM_USER_CREATE_ACTIONS],
      Resource: projectUsers(env),
      ...boundaryCondition,
    },
    {
      Sid: "AttachOnlyProjectPolicies",
      Effect: "Allow",
      Action: [...IAM_POLICY_ATTACH_ACTIONS],
      Resource: projectUsers(env),
      Condition: { ArnLike: { "iam:PolicyARN": projectPolicies(env) } },
    },
    {
      Sid: "ManageProjectPolicies",
      Effect: "Allow",
      Action: [...IAM_POLICY_MANAGE_ACTIONS],
      Resource: projectPolicies(env),
    },
    {
      Sid: "DeleteUserAddedMfaDevices",
      Effect: "Allow",
      Action: [...IAM_MFA_DELETE_ACTIONS],
      Resource: iamArn(env.scope, "mfa/*"),
    },
    {
      Sid: "UseEnvironmentSecretsKey",
      Effect: "Allow",
      Action: [...KMS_SECRETS_ACTIONS],
      Resource: env.keyArn,
    },
    ...(env.createsBucket
      ? [
          {
            Sid: "ManageProjectBuckets",
            Effect: "Allow" as const,
            Action: [...S3_PROJECT_BUCKET_ACTIONS],
            Resource: projectBucketsArn(env),
          },
        ]
      : []),
    ...(boundary === undefined
      ? []
      : [
          {
            Sid: "KeepPermissionsBoundary",
            Effect: "Deny" as const,
            Action: [...IAM_BOUNDARY_REMOVE_ACTIONS],
            Resource: "*",
          },
        ]),
  ];
  return policyDocument(statements);
}

/**
 * The environment's KMS key policy: the account administers the key (without this statement
 * nobody could, ever), and the deploy role may use it for stack secrets.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export function secretsKeyPolicy(scope: AwsScope, deployRoleArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: iamArn(scope, "root") },
      Action: ["kms:*"],
      Resource: "*",
    },
    {
      Sid: "DeployRoleUsesKey",
      Effect: "Allow",
      Principal: { AWS: deployRoleArn },
      Action: [...KMS_KEY_USER_ACTIONS],
      Resource: "*",
    },
  ]);
}
