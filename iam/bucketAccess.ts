/**
 * Access settings → the IAM statements that grant exactly that access to one bucket.
 * Pure: plain data in, plain JSON out, so it can be tested and simulated without Pulumi.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
import { AccessLevel, canRead, canWrite } from "./accessLevels";
import { bucketArn, objectArns, parseArn } from "./arns";
import {
  policyDocument,
  PolicyDocument,
  ResourcePolicyStatement,
  Statement,
} from "./policyDocument";

/** Finds the bucket's region; SDKs call it before anything else. */
export const S3_BUCKET_LOCATE_ACTIONS = ["s3:GetBucketLocation"] as const;
/** Lists object keys; granted with read access only, so writers cannot enumerate keys. */
export const S3_BUCKET_LIST_ACTIONS = ["s3:ListBucket"] as const;
/** Reads objects. */
export const S3_OBJECT_READ_ACTIONS = ["s3:GetObject"] as const;
/** Writes objects; aborting lets a failed multipart upload clean up its parts. */
export const S3_OBJECT_WRITE_ACTIONS = ["s3:PutObject", "s3:AbortMultipartUpload"] as const;
/** Deletes objects; opt-in through `allowDelete`. */
export const S3_OBJECT_DELETE_ACTIONS = ["s3:DeleteObject"] as const;
/** Lists the account's bucket names; the console needs it to show any bucket at all. */
export const S3_ACCOUNT_LIST_ACTIONS = ["s3:ListAllMyBuckets"] as const;
/**
 * Every S3 action, for a Deny only: it grants nothing, and it also covers actions S3 adds later.
 */
export const S3_EVERY_ACTION = ["s3:*"] as const;
/** Decrypts SSE-KMS objects on read. */
export const KMS_READ_ACTIONS = ["kms:Decrypt"] as const;
/**
 * Encrypts SSE-KMS objects on write; completing a multipart upload also decrypts the data key.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 */
export const KMS_WRITE_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"] as const;

/** Everything the bucket statements need to know. */
export interface BucketAccess {
  /** Partition of the bucket (`aws`, `aws-cn`, …). */
  readonly partition: string;
  /** Bucket name (not ARN). */
  readonly bucket: string;
  readonly access: AccessLevel;
  /** Key prefixes ending in `/`; empty means the whole bucket. */
  readonly prefixes: readonly string[];
  readonly allowDelete: boolean;
  readonly listAllBuckets: boolean;
  /** Key ARN of the bucket's SSE-KMS key, when it has one. */
  readonly kmsKeyArn?: string;
}

/** GetBucketLocation on the bucket, for every access level. */
export function locateBucketStatement(partition: string, bucket: string): Statement {
  return {
    Sid: "LocateBucket",
    Effect: "Allow",
    Action: [...S3_BUCKET_LOCATE_ACTIONS],
    Resource: bucketArn(partition, bucket),
  };
}

/**
 * ListBucket on the bucket; with prefixes, only listings whose `s3:prefix` lies inside one.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
 */
export function listObjectsStatement(
  partition: string,
  bucket: string,
  prefixes: readonly string[],
): Statement {
  return {
    Sid: "ListObjectsInScope",
    Effect: "Allow",
    Action: [...S3_BUCKET_LIST_ACTIONS],
    Resource: bucketArn(partition, bucket),
    ...(prefixes.length === 0
      ? {}
      : { Condition: { StringLike: { "s3:prefix": prefixes.map((prefix) => `${prefix}*`) } } }),
  };
}

/** An Allow of object actions on the objects in scope: all of them, or those under the prefixes. */
function objectsInScopeStatement(
  sid: string,
  actions: readonly string[],
  partition: string,
  bucket: string,
  prefixes: readonly string[],
): Statement {
  return {
    Sid: sid,
    Effect: "Allow",
    Action: [...actions],
    Resource: objectArns(partition, bucket, prefixes),
  };
}

/** GetObject on the objects in scope. */
export function readObjectsStatement(
  partition: string,
  bucket: string,
  prefixes: readonly string[],
): Statement {
  return objectsInScopeStatement(
    "ReadObjectsInScope",
    S3_OBJECT_READ_ACTIONS,
    partition,
    bucket,
    prefixes,
  );
}

/** PutObject and AbortMultipartUpload on the objects in scope. */
export function writeObjectsStatement(
  partition: string,
  bucket: string,
  prefixes: readonly string[],
): Statement {
  return objectsInScopeStatement(
    "WriteObjectsInScope",
    S3_OBJECT_WRITE_ACTIONS,
    partition,
    bucket,
    prefixes,
  );
}

/** DeleteObject on the objects in scope. */
export function deleteObjectsStatement(
  partition: string,
  bucket: string,
  prefixes: readonly string[],
): Statement {
  return objectsInScopeStatement(
    "DeleteObjectsInScope",
    S3_OBJECT_DELETE_ACTIONS,
    partition,
    bucket,
    prefixes,
  );
}

/** ListAllMyBuckets, which AWS only grants on `*`. */
export function listAllBucketsStatement(): Statement {
  return {
    Sid: "ListAllBuckets",
    Effect: "Allow",
    Action: [...S3_ACCOUNT_LIST_ACTIONS],
    Resource: "*",
  };
}

/** The host name a service answers on in a region, which `kms:ViaService` compares against. */
export function serviceHost(service: string, region: string, partition: string): string {
  return partition === "aws-cn"
    ? `${service}.${region}.amazonaws.com.cn`
    : `${service}.${region}.amazonaws.com`;
}

/** The KMS actions S3 takes on a bucket key for an access level's requests, each once, sorted. */
export function bucketKeyActions(access: AccessLevel): string[] {
  const actions = new Set<string>([
    ...(canRead(access) ? KMS_READ_ACTIONS : []),
    ...(canWrite(access) ? KMS_WRITE_ACTIONS : []),
  ]);
  return [...actions].sort();
}

/**
 * Use of the bucket's SSE-KMS key, only when S3 calls KMS on the user's behalf: `kms:ViaService`
 * rules out direct KMS calls, so the key serves only S3 requests that S3 itself authorised, and
 * this policy authorises S3 requests only in scope.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
export function useBucketKeyStatement(settings: BucketAccess, kmsKeyArn: string): Statement {
  const keyRegion = parseArn(kmsKeyArn)?.region ?? "";
  return {
    Sid: "UseBucketKeyViaS3",
    Effect: "Allow",
    Action: bucketKeyActions(settings.access),
    Resource: kmsKeyArn,
    Condition: {
      StringEquals: { "kms:ViaService": serviceHost("s3", keyRegion, settings.partition) },
    },
  };
}

/**
 * Denies every bucket action this policy grants when the request did not use TLS, so a
 * misconfigured client fails loudly instead of sending credentials-signed data in clear text.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export function denyInsecureTransportStatement(
  partition: string,
  bucket: string,
  actions: readonly string[],
): Statement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Action: [...actions],
    Resource: [bucketArn(partition, bucket), ...objectArns(partition, bucket, [])],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * Denies writes that carry a customer-provided key (SSE-C). A writer could otherwise overwrite
 * the objects in scope encrypted with a key only it holds, and the owner could no longer read
 * them. The user's own policy says so because a bucket it is given may still accept SSE-C;
 * uploads with S3-managed or KMS encryption are unaffected.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html
 */
export function denyCustomerKeyWritesStatement(partition: string, bucket: string): Statement {
  return {
    Sid: "DenyCustomerProvidedKeyWrites",
    Effect: "Deny",
    Action: [...S3_OBJECT_WRITE_ACTIONS],
    Resource: objectArns(partition, bucket, []),
    Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } },
  };
}

/** The statements granting the configured access to one bucket, TLS-only, SSE-C refused. */
export function bucketAccessStatements(settings: BucketAccess): Statement[] {
  const { partition, bucket, prefixes } = settings;
  const granted: Statement[] = [
    locateBucketStatement(partition, bucket),
    ...(canRead(settings.access)
      ? [
          listObjectsStatement(partition, bucket, prefixes),
          readObjectsStatement(partition, bucket, prefixes),
        ]
      : []),
    ...(canWrite(settings.access) ? [writeObjectsStatement(partition, bucket, prefixes)] : []),
    ...(settings.allowDelete ? [deleteObjectsStatement(partition, bucket, prefixes)] : []),
  ];
  const bucketActions = granted.flatMap((statement) => statement.Action ?? []);
  return [
    ...granted,
    ...(settings.kmsKeyArn === undefined
      ? []
      : [useBucketKeyStatement(settings, settings.kmsKeyArn)]),
    ...(settings.listAllBuckets ? [listAllBucketsStatement()] : []),
    denyInsecureTransportStatement(partition, bucket, bucketActions),
    ...(canWrite(settings.access) ? [denyCustomerKeyWritesStatement(partition, bucket)] : []),
  ];
}

/**
 * The bucket policy of a bucket this program creates: every principal is denied every S3
 * action on it without TLS.
 */
export function tlsOnlyBucketPolicy(
  partition: string,
  bucket: string,
): PolicyDocument<ResourcePolicyStatement> {
  return policyDocument([
    { ...denyInsecureTransportStatement(partition, bucket, S3_EVERY_ACTION), Principal: "*" },
  ]);
}
