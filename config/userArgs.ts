/**
 * The contract of `BucketAccessUser`'s arguments, as the settings table (userSettings.ts)
 * declares them: the defaults applied in one place, every rule checked, and the problems only
 * the settings together show. Pure; the only Pulumi import is a type.
 */
import type * as pulumi from "@pulumi/pulumi";
import { AwsAccount } from "../iam/arns";
import type { PolicyDocument } from "../iam/policyDocument";
import type { ProjectStack } from "../iam/stackNaming";
import { buildUserPolicy } from "../iam/userPolicy";
import { ArgsProblem, brokenRules } from "./argsProblems";
import { policySizeProblems } from "./grantSize";
import type { AccessKeySettings, BucketAccessUserArgs, ResolvedUserSettings } from "./userArgTypes";
import { argRules, settingsProblems, withArgDefaults } from "./argSettings";
import { ArgsField, USER_SETTINGS } from "./userSettings";

export type { ArgsField } from "./userSettings";

/**
 * Applies the defaults the settings table declares, by the one function every config table's
 * defaults are applied with: literal defaults first, then those derived from them or the stack.
 * @param where the stack the user belongs to, whose own IAM path is the default path
 */
export function withDefaults(
  args: Omit<BucketAccessUserArgs, "bucket">,
  where: ProjectStack,
): ResolvedUserSettings {
  return withArgDefaults(USER_SETTINGS, args, where) as unknown as ResolvedUserSettings;
}

/** Each field's rules, as the settings table states them. */
const ARG_RULES = argRules(USER_SETTINGS);

/** Every problem one field's rules find in a value: the whole value's, then each item's. */
export function fieldProblems(field: ArgsField, value: unknown): ArgsProblem[] {
  return brokenRules(ARG_RULES[field], value).map((broken) => ({ field, ...broken }));
}

/** The policy the settings give a user of a bucket (a name) in an account. */
export function userPolicyOf(
  settings: ResolvedUserSettings,
  account: AwsAccount,
  bucket: string,
): PolicyDocument {
  return buildUserPolicy({
    ...settings,
    account,
    bucket,
    console: settings.console.enabled,
    requireMfa: settings.console.requireMfa,
  });
}

/** A previous key to keep needs a key, and a generation before the current one. */
function keepPreviousProblems(accessKey: Required<AccessKeySettings>): ArgsProblem[] {
  if (!accessKey.keepPrevious) {
    return [];
  }
  const expected = !accessKey.enabled
    ? "false while the access key is disabled: there is no key to keep"
    : accessKey.generation < 2
      ? "false at generation 1: there is no previous key (raise the generation with it)"
      : undefined;
  return expected === undefined ? [] : [{ field: "accessKey.keepPrevious", value: true, expected }];
}

/**
 * The problems only the arguments together show: MFA held over a console that is off, a
 * previous key to keep where there is none, and a policy too large for IAM.
 */
export function crossFieldProblems(
  args: ResolvedUserSettings,
  bucket: pulumi.Input<string> | undefined,
): ArgsProblem[] {
  return [
    ...(args.console.requireMfa && !args.console.enabled
      ? [{ field: "console.requireMfa", value: true, expected: "false while console is disabled" }]
      : []),
    ...keepPreviousProblems(args.accessKey),
    ...policySizeProblems(
      (account, bucketName) => userPolicyOf(args, account, bucketName),
      bucket,
      args.prefixes,
    ),
  ];
}

/**
 * Every broken rule in the arguments, in field order, then across fields. A bucket that is an
 * output (a bucket created in the same program) is not checked here.
 */
export function findArgsProblems(
  args: ResolvedUserSettings,
  bucket: pulumi.Input<string> | undefined,
): ArgsProblem[] {
  return [...settingsProblems(ARG_RULES, args, bucket), ...crossFieldProblems(args, bucket)];
}
