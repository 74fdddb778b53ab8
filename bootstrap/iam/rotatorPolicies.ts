/**
 * The policies of a stack's ESC key rotator: a role that only the stack's Pulumi ESC login
 * environment can assume, through Pulumi's OIDC issuer, and that may only do what ESC's
 * `aws-iam` rotator needs with the access keys of the users it rotates. Pure: data in, JSON out.
 * @see https://www.pulumi.com/docs/esc/providers/rotators/aws-iam/
 * @see https://www.pulumi.com/docs/esc/guides/configuring-oidc/aws/
 */
import { AwsAccount, iamUserArn } from "../../iam/arns";
import { PolicyDocument, policyDocument, TrustStatement } from "../../iam/policyDocument";
import { stackIamPath } from "../../iam/stackNaming";
import { pulumiOidcTrustPolicy } from "./deployPolicies";

/**
 * What ESC's `aws-iam` rotator does with the keys of the user it rotates: list, create and
 * delete them (the previous key is deleted, not deactivated), and read the user.
 */
export const ESC_ROTATOR_KEY_ACTIONS = [
  "iam:ListAccessKeys",
  "iam:CreateAccessKey",
  "iam:DeleteAccessKey",
  "iam:GetUser",
] as const;
/** Tagging the user, which the rotator's documented minimum includes: for key descriptions only. */
export const ESC_ROTATOR_TAG_ACTIONS = ["iam:TagUser"] as const;
/**
 * The tag keys of access key descriptions: AWS stores a key's description as a user tag whose
 * key is the access key id. Tags a grant elsewhere could key on (`environment`) are not among them.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
 */
const ACCESS_KEY_DESCRIPTION_TAG_KEYS = ["AKIA*"];

/** The ESC environment, `<project>/rotator-login-<stack>`, whose login the rotator role trusts. */
export function rotatorLoginEnvironment(project: string, stack: string): string {
  return `${project}/rotator-login-${stack}`;
}

/** The audience of an ESC environment's OIDC token for AWS. */
export function escAudience(organization: string): string {
  return `aws:${organization}`;
}

/**
 * The audiences the account's Pulumi OIDC provider accepts: the organization, for Deployments'
 * tokens, and `aws:<org>` for ESC environments' when a stack's keys are rotated by ESC.
 */
export function pulumiOidcAudiences(organization: string, escRotation: boolean): string[] {
  return [organization, ...(escRotation ? [escAudience(organization)] : [])];
}

/**
 * The subject of the token an ESC environment's `aws-login` presents when it names the
 * environment that declares it (`subjectAttributes: [currentEnvironment.name]`), whichever
 * environment imports it.
 */
export function escLoginSubject(organization: string, environment: string): string {
  return `pulumi:environments:pulumi.organization.login:${organization}:currentEnvironment.name:${environment}`;
}

/** Who may assume the rotator role: the stack's ESC login environment, nothing else. */
export function rotatorTrustPolicy(
  oidcProviderArn: string,
  organization: string,
  loginEnvironment: string,
): PolicyDocument<TrustStatement> {
  return pulumiOidcTrustPolicy(
    "EscLoginOfThisStack",
    oidcProviderArn,
    escAudience(organization),
    escLoginSubject(organization, loginEnvironment),
  );
}

/**
 * What the rotator role may do: rotate the access keys of the users it rotates, each named in
 * the stack's IAM path; not those of the stack's other users, which may hold keys of their own.
 * @param userNames the rotated users' names, e.g. `iam-bucket-access-prod`
 */
export function rotatorPolicy(
  account: AwsAccount,
  project: string,
  stack: string,
  userNames: readonly string[],
): PolicyDocument {
  const users = userNames.map((name) => iamUserArn(account, stackIamPath(project, stack), name));
  return policyDocument([
    {
      Sid: "RotateKeysOfRotatedUsers",
      Effect: "Allow",
      Action: [...ESC_ROTATOR_KEY_ACTIONS],
      Resource: users,
    },
    {
      Sid: "DescribeKeysOfRotatedUsers",
      Effect: "Allow",
      Action: [...ESC_ROTATOR_TAG_ACTIONS],
      Resource: users,
      Condition: {
        "ForAllValues:StringLike": { "aws:TagKeys": ACCESS_KEY_DESCRIPTION_TAG_KEYS },
        Null: { "aws:TagKeys": "false" },
      },
    },
  ]);
}
