/**
 * One application identity per stack: read and validate the stack config, build the
 * identity (and, when the stack names no bucket, a bucket of its own), export the outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { BucketAccessUser, parseStackConfig, SecureBucket } from "./components";

/** The oldest Pulumi CLI whose engine honours `replacementTrigger`, which rotates the key. */
const REQUIRED_PULUMI_CLI = ">=3.208.0";

// Pulumi runs an exported function and exports what it resolves to.
export = async (): Promise<Record<string, pulumi.Output<string>>> => {
  await pulumi.runtime.requirePulumiVersion(REQUIRED_PULUMI_CLI);
  const project = pulumi.getProject();
  const namespace = `${project}:`;
  const rawConfig = Object.fromEntries(
    Object.entries(pulumi.runtime.allConfig())
      .filter(([key]) => key.startsWith(namespace))
      .map(([key, value]) => [key.slice(namespace.length), value]),
  );
  const settings = parseStackConfig(rawConfig, { project, stack: pulumi.getStack() });

  const bucketName: pulumi.Output<string> =
    settings.bucketName === undefined
      ? new SecureBucket("bucket", {
          namePrefix: settings.createdBucketPrefix,
          tags: settings.user.tags,
          protect: settings.user.protect,
        }).bucketName
      : pulumi.output(settings.bucketName);
  const identity = new BucketAccessUser("app", { ...settings.user, bucket: bucketName });

  const outputs = {
    bucketName,
    userName: identity.userName,
    userArn: identity.userArn,
    policyArn: identity.policyArn,
    policyJson: identity.policyJson,
    accountId: identity.accountId,
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    consoleUsername: identity.consoleUsername,
    consolePassword: identity.consolePassword,
    consoleSignInUrl: identity.consoleSignInUrl,
  };
  // A disabled feature's outputs are left out, not exported as empty values.
  return Object.fromEntries(
    Object.entries(outputs).filter(
      (entry): entry is [string, pulumi.Output<string>] => entry[1] !== undefined,
    ),
  );
};
