/**
 * The policies of a stack's ESC key rotator: a role that only the stack's Pulumi ESC login
 * environment can assume, through Pulumi's OIDC issuer, and that may only do what ESC's
 * `aws-iam` rotator needs with the access keys of that stack's users. Pure: data in, JSON out.
 * @see https://www.pulumi.com/docs/esc/providers/rotators/aws-iam/
 * @see https://www.pulumi.com/docs/esc/guides/configuring-oidc/aws/
 */
import { AwsScope } from "../../iam/arns";
import { PolicyDocument, policyDocument, TrustStatement } from "../../iam/policyDocument";
import { pulumiOidcTrustPolicy, stackUsersArn } from "./deployPolicies";

/**
 * What ESC's `aws-iam` rotator does with the user it rotates, as Pulumi documents its minimum:
 * list, create and delete access keys (the previous key is deleted, not deactivated), read and
 * tag the user.
 */
export const ESC_ROTATOR_ACTIONS = [
  "iam:ListAccessKeys",
  "iam:CreateAccessKey",
  "iam:DeleteAccessKey",
  "iam:GetUser",
  "iam:TagUser",
] as const;

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

/** What the rotator role may do: rotate the access keys of the stack's own users. */
export function rotatorPolicy(scope: AwsScope, project: string, stack: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "RotateKeysOfStackUsers",
      Effect: "Allow",
      Action: [...ESC_ROTATOR_ACTIONS],
      Resource: stackUsersArn(scope, project, stack),
    },
  ]);
}
