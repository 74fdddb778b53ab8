/** Rules for long-term credentials: access keys and console passwords. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { typeOfUrn } from "./stacks";
import { forTypes, knownProps } from "./validation";
import { UNKNOWN } from "./values";

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
          `not (status is ${String(status)}); turn the stack's accessKey off instead.`,
      );
    }
  }),
};
