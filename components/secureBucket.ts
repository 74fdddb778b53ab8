/**
 * `SecureBucket`: a private bucket for a stack that has none of its own (dev), locked down the
 * way AWS recommends: public access blocked, owner-enforced objects, default encryption,
 * versioning and a TLS-only bucket policy.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { throwOnArgsProblems } from "./argsProblems";
import { componentType, withFormerType } from "./componentTypes";
import {
  CREATED_BUCKET_SUFFIX_BYTES,
  checkCreatedBucketPrefix,
  createdBucketName,
} from "../iam/bucketNaming";
import { tlsOnlyBucketPolicy } from "../iam/bucketAccess";

/** Arguments of a `SecureBucket`. */
export interface SecureBucketArgs {
  /**
   * The bucket name before its random suffix (`<namePrefix>-<8 hex digits>`); lowercase,
   * at most 54 characters so the whole name fits S3's 63.
   */
  readonly namePrefix: string;
  /** Tags for the bucket. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
  /** Protect every child from deletion. @default false */
  readonly protect?: boolean;
}

/** A private, encrypted, versioned, TLS-only bucket with a random-suffixed name. */
export class SecureBucket extends pulumi.ComponentResource {
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The bucket's ARN. */
  readonly bucketArn: pulumi.Output<string>;

  /**
   * @param name logical name; children are named `<name>`, `<name>-suffix`, … after it
   * @param args the name prefix, tags and protection
   * @param opts component options
   * @throws Error when the name prefix cannot form a bucket name, before anything is registered
   */
  constructor(name: string, args: SecureBucketArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const prefixRule = checkCreatedBucketPrefix(args.namePrefix);
    throwOnArgsProblems(
      `SecureBucket ${name}`,
      prefixRule === undefined
        ? []
        : [{ field: "namePrefix", value: args.namePrefix, expected: prefixRule }],
    );
    super(
      componentType("SecureBucket"),
      name,
      {},
      withFormerType(opts, "iam-bucket-access:s3:SecureBucket"),
    );
    const childOpts: pulumi.CustomResourceOptions = { parent: this, protect: args.protect };

    const partition = aws.getPartitionOutput({}, { parent: this });
    const suffix = new random.RandomId(
      `${name}-suffix`,
      {
        byteLength: CREATED_BUCKET_SUFFIX_BYTES,
      },
      childOpts,
    );
    const bucket = new aws.s3.Bucket(
      name,
      {
        bucket: suffix.hex.apply((hex) => createdBucketName(args.namePrefix, hex)),
        tags: args.tags,
      },
      childOpts,
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      childOpts,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      {
        bucket: bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
      },
      childOpts,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      },
      childOpts,
    );
    new aws.s3.BucketVersioning(
      `${name}-versioning`,
      {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
      },
      childOpts,
    );
    new aws.s3.BucketPolicy(
      `${name}-tls-only`,
      {
        bucket: bucket.id,
        policy: pulumi
          .all([partition.partition, bucket.bucket])
          .apply(([awsPartition, bucketName]) =>
            JSON.stringify(tlsOnlyBucketPolicy(awsPartition, bucketName), null, 2),
          ),
        // S3 rejects concurrent changes to one bucket's access settings; apply the policy last.
      },
      { ...childOpts, dependsOn: [publicAccessBlock] },
    );

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}
