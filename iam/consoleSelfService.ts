/**
 * What a console user needs beyond bucket access: changing its own password, managing its own
 * MFA device, optionally being held to MFA, and the address it signs in at. Pure.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html
 */
import { AwsAccount, iamUserArn, virtualMfaDevicesArn } from "./arns";
import { Statement } from "./policyDocument";

/**
 * Changing one's own password. Without it a forced reset at first sign-in cannot complete;
 * GetUser lets the console show the user's own security credentials page.
 */
export const IAM_OWN_PASSWORD_ACTIONS = ["iam:ChangePassword", "iam:GetUser"] as const;
/** Reading the password rules the new password must meet; AWS grants it only on `*`. */
export const IAM_PASSWORD_POLICY_ACTIONS = ["iam:GetAccountPasswordPolicy"] as const;
/** Creating a virtual MFA device (named freely by the user). */
export const IAM_MFA_CREATE_ACTIONS = ["iam:CreateVirtualMFADevice"] as const;
/** Assigning, listing and resynchronising the user's own MFA devices. */
export const IAM_OWN_MFA_ACTIONS = [
  "iam:EnableMFADevice",
  "iam:ListMFADevices",
  "iam:ResyncMFADevice",
] as const;
/** Removing the user's own MFA device: only from a session that itself used MFA. */
export const IAM_OWN_MFA_REMOVE_ACTIONS = ["iam:DeactivateMFADevice"] as const;

/** Who the console statements are about. */
export interface ConsoleUser {
  readonly account: AwsAccount;
  /** The user's IAM path, e.g. `/iam-bucket-access/`. */
  readonly path: string;
  readonly userName: string;
  /** Deny everything but password and MFA set-up to console sessions without MFA. */
  readonly requireMfa: boolean;
}

/** ChangePassword and GetUser on the user itself. */
export function changeOwnPasswordStatement(userArn: string): Statement {
  return {
    Sid: "ChangeOwnPassword",
    Effect: "Allow",
    Action: [...IAM_OWN_PASSWORD_ACTIONS],
    Resource: userArn,
  };
}

/** GetAccountPasswordPolicy, which has no resource type. */
export function readPasswordPolicyStatement(): Statement {
  return {
    Sid: "ReadAccountPasswordPolicy",
    Effect: "Allow",
    Action: [...IAM_PASSWORD_POLICY_ACTIONS],
    Resource: "*",
  };
}

/** CreateVirtualMFADevice on the account's virtual MFA devices. */
export function createMfaDeviceStatement(account: AwsAccount): Statement {
  return {
    Sid: "CreateVirtualMfaDevice",
    Effect: "Allow",
    Action: [...IAM_MFA_CREATE_ACTIONS],
    Resource: virtualMfaDevicesArn(account),
  };
}

/** Enable, list and resync MFA devices of the user itself. */
export function manageOwnMfaStatement(userArn: string): Statement {
  return {
    Sid: "ManageOwnMfaDevice",
    Effect: "Allow",
    Action: [...IAM_OWN_MFA_ACTIONS],
    Resource: userArn,
  };
}

/** Deactivate the user's own MFA device, from an MFA-authenticated session only. */
export function removeOwnMfaStatement(userArn: string): Statement {
  return {
    Sid: "DeactivateOwnMfaDeviceWithMfa",
    Effect: "Allow",
    Action: [...IAM_OWN_MFA_REMOVE_ACTIONS],
    Resource: userArn,
    Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
  };
}

/**
 * Denies a console session without MFA everything except setting up a password and MFA.
 *
 * `Bool`, not `BoolIfExists`: console sessions always carry `aws:MultiFactorAuthPresent`
 * (false without MFA), while requests signed with a long-term access key carry no such key
 * at all. `Bool` on a missing key does not match, so the application's access key keeps
 * working; `BoolIfExists` would match the missing key and lock the application out.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 */
export function denyWithoutMfaStatement(): Statement {
  return {
    Sid: "DenyConsoleWithoutMfa",
    Effect: "Deny",
    NotAction: [
      ...IAM_OWN_PASSWORD_ACTIONS,
      ...IAM_PASSWORD_POLICY_ACTIONS,
      ...IAM_MFA_CREATE_ACTIONS,
      ...IAM_OWN_MFA_ACTIONS,
    ],
    Resource: "*",
    Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
  };
}

/** The statements a console user needs to look after its own credentials. */
export function consoleSelfServiceStatements(user: ConsoleUser): Statement[] {
  const userArn = iamUserArn(user.account, user.path, user.userName);
  return [
    changeOwnPasswordStatement(userArn),
    readPasswordPolicyStatement(),
    createMfaDeviceStatement(user.account),
    manageOwnMfaStatement(userArn),
    removeOwnMfaStatement(userArn),
    ...(user.requireMfa ? [denyWithoutMfaStatement()] : []),
  ];
}

/** The account's console sign-in page, e.g. `https://123456789012.signin.aws.amazon.com/console`. */
export function consoleSignInUrl(account: AwsAccount): string {
  switch (account.partition) {
    case "aws-cn":
      return `https://${account.accountId}.signin.amazonaws.cn/console`;
    case "aws-us-gov":
      return `https://${account.accountId}.signin.amazonaws-us-gov.com/console`;
    default:
      return `https://${account.accountId}.signin.aws.amazon.com/console`;
  }
}
