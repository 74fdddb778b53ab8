/**
 * `BucketAccessUser`: an application's own IAM user with least-privilege access to one S3
 * bucket, an access key and a console login. Wires resources; every decision about what the
 * policy says lives in the pure modules it calls.
 */
import * as iam from "@pulumi/aws/iam";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import * as pulumi from "@pulumi/pulumi";
import { bucketNameOf, managedPolicyArnOf, accountOfCaller } from "../iam/arns";
import { consoleSignInUrl } from "../iam/consoleSelfService";
import { policyJson } from "../iam/policyDocument";
import { throwOnArgsProblems } from "../config/argsProblems";
import { findArgsProblems, userPolicyOf, withDefaults } from "../config/userArgs";
import type { BucketAccessUserArgs } from "../config/userArgTypes";
import { accessPolicy } from "./accessPolicy";
import { presentOutputs } from "./componentOutputs";
import { componentType, withFormerType } from "./componentTypes";

/** The names of a user's outputs, in the order a stack lists them. */
export const USER_OUTPUT_NAMES = [
  "bucketName",
  "userName",
  "userArn",
  "policyArn",
  "policyJson",
  "accountId",
  "accessKeyId",
  "secretAccessKey",
  "previousAccessKeyId",
  "previousSecretAccessKey",
  "consoleUsername",
  "consolePassword",
  "consoleSignInUrl",
] as const;

/** The outputs of a user, by name, as a stack exports them: the component's own fields. */
export type BucketAccessUserOutputs = Pick<BucketAccessUser, (typeof USER_OUTPUT_NAMES)[number]>;

/**
 * A user's outputs as a stack exports them: every output field by name, those of disabled
 * features left out rather than exported as empty.
 */
export function bucketAccessUserOutputs(user: BucketAccessUser): BucketAccessUserOutputs {
  return presentOutputs(user, USER_OUTPUT_NAMES);
}

/** An IAM user that may use one bucket, and nothing else. */
export class BucketAccessUser extends pulumi.ComponentResource {
  /** The bucket's name (also when given by ARN). */
  readonly bucketName: pulumi.Output<string>;
  /** The IAM user's name. */
  readonly userName: pulumi.Output<string>;
  /** The IAM user's ARN. */
  readonly userArn: pulumi.Output<string>;
  /** ARN of the managed policy attached to the user. */
  readonly policyArn: pulumi.Output<string>;
  /** The exact policy document attached, as JSON. */
  readonly policyJson: pulumi.Output<string>;
  /** The AWS account the user lives in. */
  readonly accountId: pulumi.Output<string>;
  /** The access key id; undefined when the access key is disabled. */
  readonly accessKeyId?: pulumi.Output<string>;
  /** The secret access key, always a Pulumi secret; undefined when disabled. */
  readonly secretAccessKey?: pulumi.Output<string>;
  /** The previous generation's key id, while it is kept; undefined otherwise. */
  readonly previousAccessKeyId?: pulumi.Output<string>;
  /** The previous generation's secret access key, always a secret, while it is kept. */
  readonly previousSecretAccessKey?: pulumi.Output<string>;
  /** The console user name; undefined when the console is disabled. */
  readonly consoleUsername?: pulumi.Output<string>;
  /** The generated console password, always a Pulumi secret; undefined when disabled. */
  readonly consolePassword?: pulumi.Output<string>;
  /** The account's console sign-in page; undefined when the console is disabled. */
  readonly consoleSignInUrl?: pulumi.Output<string>;

  /**
   * @param name logical name; children are named `<name>`, `<name>-policy`, … after it
   * @param args what the user may access and which credentials it gets
   * @param opts component options
   * @throws Error listing every invalid argument, before any resource is registered
   */
  constructor(
    name: string,
    args: BucketAccessUserArgs,
    opts: pulumi.ComponentResourceOptions = {},
  ) {
    const settings = withDefaults(args, {
      project: pulumi.getProject(),
      stack: pulumi.getStack(),
    });
    throwOnArgsProblems(`BucketAccessUser ${name}`, findArgsProblems(settings, args.bucket));
    super(
      componentType("BucketAccessUser"),
      name,
      {},
      withFormerType(opts, "iam-bucket-access:iam:BucketAccessUser"),
    );
    const childOpts: pulumi.CustomResourceOptions = { parent: this, protect: settings.protect };

    const caller = getCallerIdentityOutput({}, { parent: this });
    const account = caller.apply((identity) => accountOfCaller(identity.arn, identity.accountId));

    const boundary = settings.permissionsBoundary;
    const user = new iam.User(
      name,
      {
        name: settings.userName,
        path: settings.path,
        permissionsBoundary:
          boundary === undefined
            ? undefined
            : account.apply((awsAccount) => managedPolicyArnOf(awsAccount, boundary)),
        tags: settings.tags,
        // MFA devices the user adds itself are unknown to Pulumi and would block deletion.
        forceDestroy: true,
      },
      childOpts,
    );

    this.policyJson = pulumi
      .all([account, args.bucket])
      .apply(([awsAccount, bucket]) =>
        policyJson(userPolicyOf(settings, awsAccount, bucketNameOf(bucket))),
      );
    const policy = accessPolicy(
      name,
      {
        identityName: settings.userName,
        path: settings.path,
        tags: settings.tags,
        document: this.policyJson,
      },
      childOpts,
    );
    new iam.UserPolicyAttachment(
      `${name}-policy-attachment`,
      {
        user: user.name,
        policyArn: policy.arn,
      },
      childOpts,
    );

    this.userName = user.name;
    this.userArn = user.arn;
    this.policyArn = policy.arn;
    this.accountId = account.accountId;

    if (settings.accessKey.enabled) {
      // Each generation's key is a resource of its own, which lives from the update that
      // raises the generation to it until the one that no longer keeps it: new keys are
      // created before removed ones are deleted, so a rotation never leaves the user keyless.
      const keyOf = (generation: number) =>
        new iam.AccessKey(
          generation === 1 ? `${name}-key` : `${name}-key-${generation}`,
          { user: user.name },
          // The generation the key has always had: a generation-1 stack keeps its key as it is.
          { ...childOpts, replacementTrigger: generation },
        );
      const { generation, keepPrevious } = settings.accessKey;
      const key = keyOf(generation);
      this.accessKeyId = key.id;
      this.secretAccessKey = pulumi.secret(key.secret);
      if (keepPrevious) {
        const previous = keyOf(generation - 1);
        this.previousAccessKeyId = previous.id;
        this.previousSecretAccessKey = pulumi.secret(previous.secret);
      }
    }

    if (settings.console.enabled) {
      const { passwordGeneration } = settings.console;
      const login = new iam.UserLoginProfile(
        `${name}-login`,
        {
          user: user.name,
          passwordLength: settings.console.passwordLength,
          passwordResetRequired: settings.console.passwordResetRequired,
        },
        {
          ...childOpts,
          // Either one changed would replace the profile, resetting the user's password: they
          // shape the next password only, which a raised passwordGeneration issues.
          ignoreChanges: ["passwordLength", "passwordResetRequired"],
          // No trigger at generation 1, as before the setting existed: such profiles are kept.
          replacementTrigger: passwordGeneration === 1 ? undefined : passwordGeneration,
          // A user has one login profile: the old one must go before the new one is created.
          deleteBeforeReplace: true,
        },
      );
      this.consoleUsername = user.name;
      this.consolePassword = pulumi.secret(login.password);
      this.consoleSignInUrl = account.apply(consoleSignInUrl);
    }

    this.bucketName = pulumi.output(args.bucket).apply(bucketNameOf);
    this.registerOutputs(bucketAccessUserOutputs(this));
  }
}
