/**
 * The stack's application identities: read and validate the stack config, build one
 * BucketAccessUser, or BucketAccessRole for an identity that sets `trust`, per identity (and a
 * bucket of the stack's own for those that name none), export the outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  BucketAccessRole,
  bucketAccessRoleOutputs,
  BucketAccessUser,
  bucketAccessUserOutputs,
  SecureBucket,
} from "./components";
import { MINIMUM_PULUMI_CLI } from "./config/pulumiCli";
import { parseStackConfig, SINGLE_IDENTITY } from "./config/stackConfig";

// Pulumi runs an exported function and exports what it resolves to.
export = async () => {
  await pulumi.runtime.requirePulumiVersion(`>=${MINIMUM_PULUMI_CLI}`);
  const settings = parseStackConfig(pulumi.runtime.allConfig(), {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
  });
  for (const warning of settings.warnings) {
    void pulumi.log.warn(warning);
  }

  // Created on first need, shared by every identity that names no bucket of its own.
  let createdBucket: SecureBucket | undefined;
  const bucketOf = (bucketName: string | undefined) =>
    bucketName ??
    (createdBucket ??= new SecureBucket("bucket", {
      namePrefix: settings.createdBucketPrefix,
      tags: settings.tags,
      protect: settings.protect,
    })).bucketName;
  const outputs = settings.identities.map((identity) => {
    const opts = identity.aliasOfSingle ? { aliases: [{ name: SINGLE_IDENTITY }] } : {};
    const bucket = bucketOf(identity.bucketName);
    return identity.kind === "user"
      ? bucketAccessUserOutputs(
          new BucketAccessUser(identity.name, { ...identity.user, bucket }, opts),
        )
      : bucketAccessRoleOutputs(
          new BucketAccessRole(identity.name, { ...identity.role, bucket }, opts),
        );
  });

  // A stack of one identity keeps its outputs flat; several go under identities.<name>.
  return settings.form === "single"
    ? outputs[0]
    : {
        accountId: outputs[0].accountId,
        identities: Object.fromEntries(
          settings.identities.map((identity, i) => [identity.name, outputs[i]]),
        ),
      };
};
