/** Rules for long-term credentials: access keys and console passwords. */
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { userDocuments } from "./attachments";
import { isMfaGuard, readStatements } from "./documents";
import { typeOfUrn } from "./stacks";
import { forTypes, knownProps, refersTo } from "./validation";
import { textOf, UNKNOWN } from "./values";

/** The component that exports credentials only as Pulumi secrets (its specs assert it). */
export const SECRET_EXPORTING_PARENT = "iam-bucket-access:index:BucketAccessUser";

export const credentialSecretsProtected: ResourceValidationPolicy = {
  name: "credential-secrets-protected",
  description:
    "Checks that access keys and login profiles without a PGP key are created by BucketAccessUser, " +
    "which exports their secrets only as Pulumi secrets.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(
    ["aws:iam/accessKey:AccessKey", "aws:iam/userLoginProfile:UserLoginProfile"],
    (args, reportViolation) => {
      const { pgpKey } = knownProps(args.props);
      const parentType = typeOfUrn(args.opts.parent ?? "");
      // An unknown pgpKey is known, and checked, before the resource's step in the update.
      if (pgpKey !== UNKNOWN && !pgpKey && parentType !== SECRET_EXPORTING_PARENT) {
        reportViolation(
          `${args.name}: a credential without a pgpKey must be created by a BucketAccessUser ` +
            "(which keeps its secret a Pulumi secret in state and outputs), or be encrypted with " +
            "a pgpKey.",
        );
      }
    },
  ),
};

export const accessKeyActive: ResourceValidationPolicy = {
  name: "access-key-active",
  description: "Checks that access keys exist only while wanted: Active, never left Inactive.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(["aws:iam/accessKey:AccessKey"], (args, reportViolation) => {
    const status = knownProps(args.props).status ?? "Active";
    if (status !== "Active" && status !== UNKNOWN) {
      reportViolation(
        `${args.name}: an access key must be Active while it is wanted and deleted when it is ` +
          `not (status is ${textOf(status)}); turn the stack's accessKey off instead.`,
      );
    }
  }),
};

const USER_TYPE = "aws:iam/user:User";
const ACCESS_KEY_TYPE = "aws:iam/accessKey:AccessKey";
const LOGIN_PROFILE_TYPE = "aws:iam/userLoginProfile:UserLoginProfile";

/** A user of the stack, named for messages, with the kinds of credential the stack gives it. */
interface CredentialHolder {
  readonly user: PolicyResource;
  /** `<logical name> (<user name>)`. */
  readonly label: string;
  readonly console: boolean;
  readonly accessKey: boolean;
}

/** The stack's users, each with whether the stack gives it a console password and a key. */
function credentialHolders(args: StackValidationArgs): CredentialHolder[] {
  const holds = (user: PolicyResource, type: string) =>
    args.resources.some(
      (resource) =>
        resource.type === type &&
        refersTo(
          knownProps(resource.props).user,
          resource.propertyDependencies.user ?? [],
          user,
          "name",
        ) === true,
    );
  return args.resources
    .filter(({ type }) => type === USER_TYPE)
    .map((user) => {
      const name = knownProps(user.props).name;
      return {
        user,
        label: `${user.name} (${typeof name === "string" ? name : "name known at the update"})`,
        console: holds(user, LOGIN_PROFILE_TYPE),
        accessKey: holds(user, ACCESS_KEY_TYPE),
      };
    });
}

export const iamConsoleUserMfa: StackValidationPolicy = {
  name: "iam-console-user-mfa",
  description:
    "Checks that console users are denied everything but setting up their password and MFA " +
    "until they sign in with MFA.",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    for (const { user, label } of credentialHolders(args).filter((holder) => holder.console)) {
      const documents = userDocuments(user, args.resources);
      const guarded = documents.some(
        (document) => document !== UNKNOWN && readStatements(document).some(isMfaGuard),
      );
      // A document not known yet may hold the guard: judged at the end of the update.
      if (!guarded && !documents.includes(UNKNOWN)) {
        reportViolation(
          `IAM user ${label} signs in to the console and should be denied everything but ` +
            "setting up its password and MFA until it signs in with MFA (the " +
            "DenyConsoleWithoutMfa statement: requireMfa true): without it, a stolen password " +
            "alone opens every right the user has.",
          user.urn,
        );
      }
    }
  },
};

export const iamUserOneCredentialKind: StackValidationPolicy = {
  name: "iam-user-one-credential-kind",
  description: "Checks that no IAM user holds both a console password and an access key.",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    for (const { user, label } of credentialHolders(args).filter(
      (holder) => holder.console && holder.accessKey,
    )) {
      reportViolation(
        `IAM user ${label} should hold a console password or an access key, not both: an ` +
          "application's key and a person's password then share every right, and either one " +
          "stolen opens them all; give the application a key-only user (console false) and " +
          "people console users of their own.",
        user.urn,
      );
    }
  },
};
