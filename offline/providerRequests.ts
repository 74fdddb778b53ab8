/**
 * The AWS requests a deployment makes for a program's resources: for each resource the mocked
 * program registers, every API call the AWS provider (the Terraform AWS provider it bridges)
 * makes to create, read, update and delete it, as the IAM request AWS authorises, plus what the
 * `awskms://` secrets provider asks of the stack's key. What the deploy role must allow, stated
 * apart from the role's policy so that each can catch the other's mistakes.
 *
 * Sources: hashicorp/terraform-provider-aws `internal/service/iam/{user,policy,
 * user_policy_attachment,access_key,user_login_profile}.go`, `internal/service/s3/bucket*.go`;
 * pulumi/pulumi `pkg/secrets/cloud/manager.go`; the S3 and IAM API references for calls whose
 * action is named otherwise (HeadBucket is `s3:ListBucket`; deleting a bucket's public access
 * block, ownership controls, encryption or lifecycle is its `Put…` action).
 */
import { bucketArn, iamArn, iamUserArn, virtualMfaDevicesArn } from "../iam/arns";
import { ACCOUNT_ID, Registration, text } from "./mocks";
import { IamRequest } from "./iamSimulator";

/** One API call as IAM authorises it, and why the deployment makes it. */
export interface ProviderRequest extends Omit<IamRequest, "principal"> {
  /** `<type> <name>: <operation>`, for test titles. */
  readonly why: string;
}

/** The account and partition the mocks deploy into. */
const SCOPE = { partition: "aws", accountId: ACCOUNT_ID };

type Inputs = Readonly<Record<string, unknown>>;

/** The context AWS adds to a request that sets tags. */
function tagContext(tags: unknown): Record<string, string | string[]> {
  const entries = Object.entries(typeof tags === "object" && tags !== null ? tags : {});
  return entries.length === 0
    ? {}
    : {
        ...Object.fromEntries(
          entries.map(([key, value]) => [`aws:RequestTag/${key}`, text(value)]),
        ),
        "aws:TagKeys": entries.map(([key]) => key),
      };
}

/** Requests on one resource ARN, each action with its own context. */
function on(
  resource: string,
  why: string,
  calls: ReadonlyArray<string | readonly [string, IamRequest["context"]]>,
): ProviderRequest[] {
  return calls.map((call) => {
    const [action, context] = typeof call === "string" ? [call, {}] : call;
    return { action, resource, context, why };
  });
}

/** The user a resource names by `user`, as the program registered it. */
function userOf(inputs: Inputs, registrations: readonly Registration[]): Inputs {
  const user = registrations.find(
    (registration) =>
      registration.type === "aws:iam/user:User" && registration.inputs.name === inputs.user,
  );
  if (user === undefined) {
    throw new Error(`no registered user named ${text(inputs.user)}`);
  }
  return user.inputs;
}

const userArnOf = (user: Inputs) => iamUserArn(SCOPE, text(user.path), text(user.name));

/** The requests of a resource that configures the bucket its `bucket` input names. */
function onBucket(actions: readonly string[]) {
  return (inputs: Inputs, _: readonly Registration[], why: string) =>
    on(bucketArn(SCOPE.partition, text(inputs.bucket)), why, actions);
}

/** The requests one registered resource makes, by its type; none for types AWS never sees. */
const REQUESTS_BY_TYPE: Readonly<
  Record<
    string,
    (inputs: Inputs, registrations: readonly Registration[], why: string) => ProviderRequest[]
  >
> = {
  "aws:iam/user:User": (inputs, _, why) => {
    const boundary = { "iam:PermissionsBoundary": text(inputs.permissionsBoundary) };
    const tags = tagContext(inputs.tags);
    return [
      ...on(userArnOf(inputs), why, [
        ["iam:CreateUser", { ...boundary, ...tags }],
        ["iam:TagUser", tags],
        "iam:GetUser",
        "iam:UpdateUser",
        ["iam:PutUserPermissionsBoundary", boundary],
        "iam:UntagUser",
        // Deletion, with force_destroy: everything the user holds goes first.
        "iam:ListGroupsForUser",
        "iam:ListUserPolicies",
        "iam:DeleteUserPolicy",
        "iam:ListAttachedUserPolicies",
        "iam:ListAccessKeys",
        "iam:DeleteAccessKey",
        "iam:ListSSHPublicKeys",
        "iam:DeleteSSHPublicKey",
        "iam:ListMFADevices",
        "iam:DeactivateMFADevice",
        "iam:DeleteLoginProfile",
        "iam:ListSigningCertificates",
        "iam:DeleteSigningCertificate",
        "iam:ListServiceSpecificCredentials",
        "iam:DeleteServiceSpecificCredential",
        "iam:DeleteUser",
      ]),
      ...on("*", why, ["iam:ListVirtualMFADevices"]),
      // A device the user registered itself in the console, named as it chose.
      ...on(virtualMfaDevicesArn(SCOPE).replace("*", text(inputs.name)), why, [
        "iam:DeleteVirtualMFADevice",
      ]),
    ];
  },
  "aws:iam/policy:Policy": (inputs, _, why) =>
    on(iamArn(SCOPE, `policy${text(inputs.path)}${text(inputs.name)}`), why, [
      ["iam:CreatePolicy", tagContext(inputs.tags)],
      ["iam:TagPolicy", tagContext(inputs.tags)],
      "iam:GetPolicy",
      "iam:GetPolicyVersion",
      "iam:ListPolicyVersions",
      "iam:CreatePolicyVersion",
      "iam:DeletePolicyVersion",
      "iam:UntagPolicy",
      "iam:DeletePolicy",
    ]),
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": (inputs, registrations, why) => {
    const user = userOf(inputs, registrations);
    const policy = { "iam:PolicyARN": text(inputs.policyArn) };
    return on(userArnOf(user), why, [
      [
        "iam:AttachUserPolicy",
        { ...policy, "iam:PermissionsBoundary": text(user.permissionsBoundary) },
      ],
      "iam:ListAttachedUserPolicies",
      ["iam:DetachUserPolicy", policy],
    ]);
  },
  "aws:iam/accessKey:AccessKey": (inputs, registrations, why) =>
    on(userArnOf(userOf(inputs, registrations)), why, [
      "iam:CreateAccessKey",
      "iam:ListAccessKeys",
      "iam:UpdateAccessKey",
      "iam:DeleteAccessKey",
    ]),
  "aws:iam/userLoginProfile:UserLoginProfile": (inputs, registrations, why) =>
    on(userArnOf(userOf(inputs, registrations)), why, [
      "iam:CreateLoginProfile",
      "iam:GetLoginProfile",
      "iam:DeleteLoginProfile",
    ]),
  "aws:s3/bucket:Bucket": onBucket([
    "s3:CreateBucket",
    "s3:ListBucket",
    "s3:GetBucketPolicy",
    "s3:GetBucketAcl",
    "s3:GetBucketCORS",
    "s3:GetBucketWebsite",
    "s3:GetBucketVersioning",
    "s3:GetAccelerateConfiguration",
    "s3:GetBucketRequestPayment",
    "s3:GetBucketLogging",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketTagging",
    "s3:PutBucketTagging",
    "s3:TagResource",
    "s3:UntagResource",
    "s3:ListTagsForResource",
    "s3:DeleteBucket",
  ]),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": onBucket([
    "s3:PutBucketPublicAccessBlock",
    "s3:GetBucketPublicAccessBlock",
  ]),
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": onBucket([
    "s3:PutBucketOwnershipControls",
    "s3:GetBucketOwnershipControls",
  ]),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    onBucket(["s3:PutEncryptionConfiguration", "s3:GetEncryptionConfiguration"]),
  "aws:s3/bucketVersioning:BucketVersioning": onBucket([
    "s3:PutBucketVersioning",
    "s3:GetBucketVersioning",
  ]),
  // Deleting it is DeleteBucketLifecycle, which IAM authorises as s3:PutLifecycleConfiguration.
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": onBucket([
    "s3:PutLifecycleConfiguration",
    "s3:GetLifecycleConfiguration",
  ]),
  "aws:s3/bucketPolicy:BucketPolicy": onBucket([
    "s3:PutBucketPolicy",
    "s3:GetBucketPolicy",
    "s3:DeleteBucketPolicy",
  ]),
};

/** Types that make no AWS request: components and providers of random values. */
const LOCAL_TYPES = ["random:index/randomId:RandomId"];

/**
 * Every request a deployment of a program's registrations makes, and the secrets provider's
 * use of the stack's key.
 * @throws Error for a registered type this catalog does not know, so a new resource cannot
 *   slip past the deploy role's checks
 */
export function deploymentRequests(
  registrations: readonly Registration[],
  secretsKeyArn: string,
): ProviderRequest[] {
  return [
    ...on(secretsKeyArn, "secrets provider: set up and every operation", [
      "kms:Encrypt",
      "kms:Decrypt",
    ]),
    ...registrations
      .filter((registration) => registration.custom && !LOCAL_TYPES.includes(registration.type))
      .flatMap((registration) => {
        const requests = REQUESTS_BY_TYPE[registration.type];
        if (requests === undefined) {
          throw new Error(`no provider requests known for ${registration.type}`);
        }
        return requests(
          registration.inputs,
          registrations,
          `${registration.type} ${registration.name}`,
        );
      }),
  ];
}
