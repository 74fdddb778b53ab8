/**
 * `SecureBucket`: a private bucket for a stack that has none of its own (dev), locked down the
 * way AWS recommends: public access blocked, owner-enforced objects, default encryption,
 * versioning and a TLS-only bucket policy, with a lifecycle that keeps versioning from growing
 * storage without bound.
 */
import * as s3 from "@pulumi/aws/s3";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import {
  ArgsProblem,
  checkWholeNumberOfOneOrMore,
  throwOnArgsProblems,
} from "../config/argsProblems";
import { componentType, withFormerType } from "./componentTypes";
import {
  CREATED_BUCKET_SUFFIX_BYTES,
  checkCreatedBucketPrefix,
  createdBucketName,
} from "../s3/bucketNaming";
import { tlsOnlyBucketPolicy } from "../iam/bucketAccess";
import { CREATED_BUCKET_LIFECYCLE_DAYS } from "../s3/bucketLifecycle";
import { policyJson } from "../iam/policyDocument";

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
  /**
   * Days S3 keeps an object's version once a newer one replaces it (or the object is deleted)
   * before deleting it: how long an overwritten or deleted object can be restored. A whole
   * number of 1 or more.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days a multipart upload may stay incomplete before S3 aborts it and deletes its parts, which
   * are stored and billed until then but never listed as objects. A whole number of 1 or more.
   * @default 7
   */
  readonly abortIncompleteMultipartUploadDays?: number;
}

/** The arguments with every default applied: the one place a default is written. */
function withDefaults(args: SecureBucketArgs) {
  return {
    ...args,
    noncurrentVersionExpirationDays:
      args.noncurrentVersionExpirationDays ??
      CREATED_BUCKET_LIFECYCLE_DAYS.noncurrentVersionExpirationDays,
    abortIncompleteMultipartUploadDays:
      args.abortIncompleteMultipartUploadDays ??
      CREATED_BUCKET_LIFECYCLE_DAYS.abortIncompleteMultipartUploadDays,
  };
}

/** A `SecureBucket`'s arguments with their defaults applied. */
type SecureBucketSettings = ReturnType<typeof withDefaults>;

/** Every problem of a `SecureBucket`'s arguments, field by field. */
function argsProblems(settings: SecureBucketSettings): ArgsProblem[] {
  const rules: ReadonlyArray<[keyof SecureBucketSettings, string | undefined]> = [
    ["namePrefix", checkCreatedBucketPrefix(settings.namePrefix)],
    [
      "noncurrentVersionExpirationDays",
      checkWholeNumberOfOneOrMore(settings.noncurrentVersionExpirationDays),
    ],
    [
      "abortIncompleteMultipartUploadDays",
      checkWholeNumberOfOneOrMore(settings.abortIncompleteMultipartUploadDays),
    ],
  ];
  return rules.flatMap(([field, expected]) =>
    expected === undefined ? [] : [{ field, value: settings[field], expected }],
  );
}

/** A private, encrypted, versioned, TLS-only bucket with a random-suffixed name. */
export class SecureBucket extends pulumi.ComponentResource {
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The bucket's ARN. */
  readonly bucketArn: pulumi.Output<string>;

  /**
   * @param name logical name; children are named `<name>`, `<name>-suffix`, … after it
   * @param args the name prefix, tags, protection and lifecycle days
   * @param opts component options
   * @throws Error when the name prefix cannot form a bucket name or a number of days is not a
   *   whole number of 1 or more, naming every such argument, before anything is registered
   */
  constructor(name: string, args: SecureBucketArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const settings = withDefaults(args);
    throwOnArgsProblems(`SecureBucket ${name}`, argsProblems(settings));
    super(
      componentType("SecureBucket"),
      name,
      {},
      withFormerType(opts, "iam-bucket-access:s3:SecureBucket"),
    );
    const childOpts: pulumi.CustomResourceOptions = { parent: this, protect: args.protect };

    const partition = getPartitionOutput({}, { parent: this });
    const suffix = new random.RandomId(
      `${name}-suffix`,
      {
        byteLength: CREATED_BUCKET_SUFFIX_BYTES,
      },
      childOpts,
    );
    const bucket = new s3.Bucket(
      name,
      {
        bucket: suffix.hex.apply((hex) => createdBucketName(args.namePrefix, hex)),
        tags: args.tags,
      },
      childOpts,
    );
    const publicAccessBlock = new s3.BucketPublicAccessBlock(
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
    new s3.BucketOwnershipControls(
      `${name}-ownership`,
      {
        bucket: bucket.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
      },
      childOpts,
    );
    new s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" },
            // The bucket itself refuses customer-provided keys: whoever writes with one could
            // leave objects that only it can read.
            blockedEncryptionTypes: ["SSE-C"],
          },
        ],
      },
      childOpts,
    );
    const versioning = new s3.BucketVersioning(
      `${name}-versioning`,
      {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
      },
      childOpts,
    );
    new s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.id,
        // An empty filter applies a rule to every object of the bucket.
        rules: [
          {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: {
              noncurrentDays: settings.noncurrentVersionExpirationDays,
            },
          },
          {
            id: "abort-incomplete-multipart-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: {
              daysAfterInitiation: settings.abortIncompleteMultipartUploadDays,
            },
          },
        ],
      },
      // Rules on noncurrent versions are set once versioning is, as the provider advises.
      // @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration
      { ...childOpts, dependsOn: [versioning] },
    );
    new s3.BucketPolicy(
      `${name}-tls-only`,
      {
        bucket: bucket.id,
        policy: pulumi
          .all([partition.partition, bucket.bucket])
          .apply(([awsPartition, bucketName]) =>
            policyJson(tlsOnlyBucketPolicy(awsPartition, bucketName)),
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
