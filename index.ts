/**
 * The stack's application identities: read and validate the stack config, build one
 * BucketAccessUser per identity (and a bucket of the stack's own for those that name none),
 * export the outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  BucketAccessUser,
  parseStackConfig,
  projectConfig,
  SecureBucket,
  SINGLE_IDENTITY,
} from "./components";

/** The oldest Pulumi CLI whose engine honours `replacementTrigger`, which rotates the key. */
const REQUIRED_PULUMI_CLI = ">=3.208.0";

/** One identity's outputs; a disabled feature's are left out rather than exported empty. */
function identityOutputs(bucketName: pulumi.Output<string>, identity: BucketAccessUser) {
  const outputs = {
    bucketName,
    userName: identity.userName,
    userArn: identity.userArn,
    policyArn: identity.policyArn,
    policyJson: identity.policyJson,
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    consoleUsername: identity.consoleUsername,
    consolePassword: identity.consolePassword,
    consoleSignInUrl: identity.consoleSignInUrl,
  };
  return Object.fromEntries(
    Object.entries(outputs).filter(
      (entry): entry is [string, pulumi.Output<string>] => entry[1] !== undefined,
    ),
  );
}

// Pulumi runs an exported function and exports what it resolves to.
export = async () => {
  await pulumi.runtime.requirePulumiVersion(REQUIRED_PULUMI_CLI);
  const settings = parseStackConfig(projectConfig(), {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
  });

  const createdBucket = settings.createsBucket
    ? new SecureBucket("bucket", {
        namePrefix: settings.createdBucketPrefix,
        tags: settings.tags,
        protect: settings.protect,
      })
    : undefined;
  const outputs = settings.identities.map((identity) => {
    const bucketName =
      identity.bucketName === undefined
        ? (createdBucket as SecureBucket).bucketName
        : pulumi.output(identity.bucketName);
    const user = new BucketAccessUser(
      identity.name,
      { ...identity.user, bucket: bucketName },
      identity.aliasOfSingle ? { aliases: [{ name: SINGLE_IDENTITY }] } : {},
    );
    return {
      name: identity.name,
      accountId: user.accountId,
      outputs: identityOutputs(bucketName, user),
    };
  });

  if (settings.form === "single") {
    return { ...outputs[0].outputs, accountId: outputs[0].accountId };
  }
  return {
    accountId: outputs[0].accountId,
    identities: Object.fromEntries(outputs.map((identity) => [identity.name, identity.outputs])),
  };
};
