/**
 * `BucketAccessRole`: an application's own IAM role with the very grant a `BucketAccessUser`
 * of the same settings gets, and no long-term key: GitHub Actions workflows, AWS services or
 * Roles Anywhere certificate holders assume it for sessions. Wires resources; what the policies
 * say lives in the pure modules it calls.
 */
import * as iam from "@pulumi/aws/iam";
import * as rolesanywhere from "@pulumi/aws/rolesanywhere";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as pulumi from "@pulumi/pulumi";
import { bucketNameOf, managedPolicyArnOf, accountOfCaller } from "../iam/arns";
import { policyJson } from "../iam/policyDocument";
import { rolesAnywhereName } from "../iam/stackNaming";
import { throwOnArgsProblems } from "../config/argsProblems";
import {
  findRoleArgsProblems,
  rolePolicyOf,
  trustPolicyOf,
  trustWarnings,
  withRoleDefaults,
} from "../config/roleArgs";
import type { BucketAccessRoleArgs } from "../config/roleArgTypes";
import { certificateBundle } from "../config/roleRules";
import { accessPolicy } from "./accessPolicy";
import { presentOutputs } from "./componentOutputs";
import { componentType } from "./componentTypes";
import { credentialProcessLine, githubWorkflowStep } from "./roleUsage";

/** The names of a role's outputs, in the order a stack lists them. */
export const ROLE_OUTPUT_NAMES = [
  "bucketName",
  "roleName",
  "roleArn",
  "policyArn",
  "policyJson",
  "trustPolicyJson",
  "accountId",
  "githubWorkflowStep",
  "trustAnchorArn",
  "profileArn",
  "credentialProcess",
] as const;

/** The outputs of a role, by name, as a stack exports them: the component's own fields. */
export type BucketAccessRoleOutputs = Pick<BucketAccessRole, (typeof ROLE_OUTPUT_NAMES)[number]>;

/**
 * A role's outputs as a stack exports them: every output field by name, those of trusts it
 * does not have left out rather than exported as empty. None is secret: a role has no secret.
 */
export function bucketAccessRoleOutputs(role: BucketAccessRole): BucketAccessRoleOutputs {
  return presentOutputs(role, ROLE_OUTPUT_NAMES);
}

/** An IAM role that may use one bucket, and nothing else, assumed only by whom it trusts. */
export class BucketAccessRole extends pulumi.ComponentResource {
  /** The bucket's name (also when given by ARN). */
  readonly bucketName: pulumi.Output<string>;
  /** The IAM role's name. */
  readonly roleName: pulumi.Output<string>;
  /** The IAM role's ARN: what callers assume. */
  readonly roleArn: pulumi.Output<string>;
  /** ARN of the managed policy attached to the role. */
  readonly policyArn: pulumi.Output<string>;
  /** The exact policy document attached, as JSON: a user's of the same settings. */
  readonly policyJson: pulumi.Output<string>;
  /** The exact trust policy, as JSON: who may assume the role. */
  readonly trustPolicyJson: pulumi.Output<string>;
  /** The AWS account the role lives in. */
  readonly accountId: pulumi.Output<string>;
  /** A GitHub Actions step (YAML) that assumes the role; undefined without a GitHub trust. */
  readonly githubWorkflowStep?: pulumi.Output<string>;
  /** The Roles Anywhere trust anchor's ARN; undefined without a Roles Anywhere trust. */
  readonly trustAnchorArn?: pulumi.Output<string>;
  /** The Roles Anywhere profile's ARN; undefined without a Roles Anywhere trust. */
  readonly profileArn?: pulumi.Output<string>;
  /**
   * The `credential_process` line of an AWS profile for AWS's signing helper; undefined
   * without a Roles Anywhere trust.
   */
  readonly credentialProcess?: pulumi.Output<string>;

  /**
   * @param name logical name; children are named `<name>`, `<name>-policy`, … after it
   * @param args what the role may access and who may assume it
   * @param opts component options
   * @throws Error listing every invalid argument, before any resource is registered
   */
  constructor(
    name: string,
    args: BucketAccessRoleArgs,
    opts: pulumi.ComponentResourceOptions = {},
  ) {
    const settings = withRoleDefaults(args, {
      project: pulumi.getProject(),
      stack: pulumi.getStack(),
    });
    throwOnArgsProblems(
      `BucketAccessRole ${name}`,
      findRoleArgsProblems(args, settings, args.bucket),
    );
    super(componentType("BucketAccessRole"), name, {}, opts);
    for (const warning of trustWarnings(settings.trust)) {
      void pulumi.log.warn(warning, this);
    }
    const childOpts: pulumi.CustomResourceOptions = { parent: this, protect: settings.protect };

    const caller = getCallerIdentityOutput({}, { parent: this });
    const account = caller.apply((identity) => accountOfCaller(identity.arn, identity.accountId));

    const anywhere = settings.trust.rolesAnywhere;
    const anchor =
      anywhere === undefined
        ? undefined
        : new rolesanywhere.TrustAnchor(
            `${name}-trust-anchor`,
            {
              name: rolesAnywhereName(settings.roleName),
              enabled: true,
              source:
                anywhere.acmPcaArn === undefined
                  ? {
                      sourceType: "CERTIFICATE_BUNDLE",
                      sourceData: { x509CertificateData: certificateBundle(anywhere.certificates) },
                    }
                  : { sourceType: "AWS_ACM_PCA", sourceData: { acmPcaArn: anywhere.acmPcaArn } },
              tags: settings.tags,
            },
            childOpts,
          );

    this.trustPolicyJson = pulumi
      .all([account, anchor?.arn])
      .apply(([awsAccount, anchorArn]) =>
        policyJson(trustPolicyOf(settings.trust, awsAccount, anchorArn)),
      );
    const boundary = settings.permissionsBoundary;
    const role = new iam.Role(
      name,
      {
        name: settings.roleName,
        path: settings.path,
        description: `Bucket access of ${settings.roleName}, for the callers its trust names`,
        assumeRolePolicy: this.trustPolicyJson,
        maxSessionDuration: settings.maxSessionDuration,
        permissionsBoundary:
          boundary === undefined
            ? undefined
            : account.apply((awsAccount) => managedPolicyArnOf(awsAccount, boundary)),
        tags: settings.tags,
      },
      childOpts,
    );

    this.policyJson = pulumi
      .all([account, args.bucket])
      .apply(([awsAccount, bucket]) =>
        policyJson(rolePolicyOf(settings, awsAccount, bucketNameOf(bucket))),
      );
    const policy = accessPolicy(
      name,
      {
        identityName: settings.roleName,
        path: settings.path,
        tags: settings.tags,
        document: this.policyJson,
      },
      childOpts,
    );
    new iam.RolePolicyAttachment(
      `${name}-policy-attachment`,
      { role: role.name, policyArn: policy.arn },
      childOpts,
    );

    this.roleName = role.name;
    this.roleArn = role.arn;
    this.policyArn = policy.arn;
    this.accountId = account.accountId;

    if (settings.trust.github !== undefined) {
      const region = getRegionOutput({}, { parent: this }).region;
      this.githubWorkflowStep = pulumi
        .all([role.arn, region])
        .apply(([roleArn, awsRegion]) => githubWorkflowStep(roleArn, awsRegion));
    }

    if (anchor !== undefined) {
      const profile = new rolesanywhere.Profile(
        `${name}-profile`,
        {
          name: rolesAnywhereName(settings.roleName),
          enabled: true,
          roleArns: [role.arn],
          tags: settings.tags,
        },
        childOpts,
      );
      this.trustAnchorArn = anchor.arn;
      this.profileArn = profile.arn;
      this.credentialProcess = pulumi
        .all([anchor.arn, profile.arn, role.arn])
        .apply(([anchorArn, profileArn, roleArn]) =>
          credentialProcessLine(anchorArn, profileArn, roleArn),
        );
    }

    this.bucketName = pulumi.output(args.bucket).apply(bucketNameOf);
    this.registerOutputs(bucketAccessRoleOutputs(this));
  }
}
