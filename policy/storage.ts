/** Rules for S3 buckets the program creates, checked with the resources that configure them. */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { readStatements } from "./documents";

const BUCKET_TYPE = "aws:s3/bucket:Bucket";

/**
 * Builds a stack policy: for each bucket of the stack, the resources of `configType` that
 * configure it are passed to `meets`; a bucket none of them meets is reported with `requirement`.
 */
function bucketRule(
  name: string,
  description: string,
  configType: string,
  requirement: string,
  meets: (config: PolicyResource, bucketName: string) => boolean,
): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      for (const bucket of args.resources.filter((resource) => resource.type === BUCKET_TYPE)) {
        const bucketName = String(bucket.props.bucket ?? "");
        const configs = args.resources.filter(
          (resource) => resource.type === configType && resource.props.bucket === bucketName,
        );
        if (!configs.some((config) => meets(config, bucketName))) {
          reportViolation(`Bucket ${bucket.name} (${bucketName}) must ${requirement}.`, bucket.urn);
        }
      }
    },
  };
}

export const s3BucketPublicAccessBlocked = bucketRule(
  "s3-bucket-public-access-blocked",
  "Checks that buckets block every kind of public access.",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "block all public access: a BucketPublicAccessBlock with blockPublicAcls, " +
    "blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true",
  (block) =>
    ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every(
      (setting) => block.props[setting] === true,
    ),
);

/** The default encryption algorithms S3 offers. */
const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

export const s3BucketEncrypted = bucketRule(
  "s3-bucket-encrypted",
  "Checks that buckets encrypt new objects by default.",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "encrypt objects by default: a BucketServerSideEncryptionConfiguration rule with " +
    `sseAlgorithm ${SSE_ALGORITHMS.join(", ")}`,
  (encryption) =>
    (Array.isArray(encryption.props.rules) ? encryption.props.rules : []).some(
      (rule: { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string } }) =>
        SSE_ALGORITHMS.includes(rule.applyServerSideEncryptionByDefault?.sseAlgorithm ?? ""),
    ),
);

export const s3BucketVersioned = bucketRule(
  "s3-bucket-versioned",
  "Checks that buckets keep object versions.",
  "aws:s3/bucketVersioning:BucketVersioning",
  'keep object versions: a BucketVersioning with status "Enabled"',
  (versioning) => versioning.props.versioningConfiguration?.status === "Enabled",
);

export const s3BucketOwnerEnforced = bucketRule(
  "s3-bucket-owner-enforced",
  "Checks that buckets own every object, so ACLs grant nothing.",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  'own every object: BucketOwnershipControls with objectOwnership "BucketOwnerEnforced"',
  (ownership) => ownership.props.rule?.objectOwnership === "BucketOwnerEnforced",
);

export const s3BucketTlsOnly = bucketRule(
  "s3-bucket-tls-only",
  "Checks that bucket policies deny every request made without TLS.",
  "aws:s3/bucketPolicy:BucketPolicy",
  'deny requests without TLS: a bucket policy statement denying principal "*" action s3:* on ' +
    'the bucket and its objects when aws:SecureTransport is "false"',
  (policy, bucketName) =>
    readStatements(policy.props.policy).some(
      (statement) =>
        statement.effect === "Deny" &&
        (statement.principal === "*" ||
          (statement.principal as { AWS?: unknown } | undefined)?.AWS === "*") &&
        statement.actions.includes("s3:*") &&
        statement.resources.some((resource) => resource.endsWith(`:::${bucketName}`)) &&
        statement.resources.some((resource) => resource.endsWith(`:::${bucketName}/*`)) &&
        String(statement.condition.Bool?.["aws:SecureTransport"]) === "false",
    ),
);
