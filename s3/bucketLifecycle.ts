/**
 * How long a bucket the program creates keeps what versioning would otherwise keep forever:
 * `SecureBucket`'s defaults, which the config's documentation states too. Pure.
 */

/** Days until S3 deletes an overwritten or deleted object's version, and aborts an upload. */
export const CREATED_BUCKET_LIFECYCLE_DAYS = {
  noncurrentVersionExpirationDays: 30,
  abortIncompleteMultipartUploadDays: 7,
} as const;
