// Generated from config/roleSettings.ts by npm run generate; edit the table, not this file.
import type * as pulumi from "@pulumi/pulumi";
import type { AccessLevel } from "../iam/accessLevels";
import type { ResolvedRoleTrust, RoleTrustSettings } from "./roleArgs";

/**
 * Arguments of a `BucketAccessRole`.
 */
export interface BucketAccessRoleArgs {
  /**
   * The bucket the role may use, by name (`my-bucket`) or ARN (`arn:aws:s3:::my-bucket`). May be
   * an output, e.g. of a bucket created in the same program.
   */
  readonly bucket: pulumi.Input<string>;
  /**
   * What the role may do with objects: `read` (list and get), `write` (put and abort multipart
   * uploads; no listing) or `read-write`.
   * @default "read-write"
   */
  readonly access?: AccessLevel;
  /**
   * Key prefixes the role is limited to, each ending in `/` and not starting with `/` (e.g.
   * `reports/`). Limits object actions and listing alike. Empty: the whole bucket.
   * @default []
   */
  readonly prefixes?: string[];
  /**
   * Also allow `s3:DeleteObject` on the objects in scope.
   * @default false
   */
  readonly allowDelete?: boolean;
  /**
   * Allow `s3:ListAllMyBuckets`, which reveals the names of every bucket in the account; an
   * application that knows its bucket has no need of it.
   * @default false
   */
  readonly listAllBuckets?: boolean;
  /**
   * Key ARN (not alias) of the bucket's SSE-KMS key. Grants only the KMS actions S3 needs, and
   * only when S3 calls KMS for this role's requests.
   * @default - no KMS grant (SSE-S3 or no encryption)
   */
  readonly kmsKeyArn?: string;
  /**
   * IAM path of the role and its policy, starting and ending with `/`. Each stack's deploy role
   * is confined to its stack's path, so another stack's role can never reach the role.
   * @default - the stack's own, `/iam-bucket-access/<stack>/`
   */
  readonly path?: string;
  /**
   * The managed policy that caps what the role can ever be granted: its ARN, or its path and
   * name in the stack's account (`iam-bucket-access-boundary/iam-bucket-access-<stack>`, the one
   * `bootstrap/` creates and both stack files set).
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Tags for every taggable resource (at most 50; keys may not start with `aws:`).
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Protect every resource from deletion and replacement: `pulumi destroy` and replacements fail
   * until it is off.
   * @default false
   */
  readonly protect?: boolean;
  /**
   * Makes the identity an IAM role, with no password or long-term key, that only those named may
   * assume: `github` (`repository: owner/repo`, `refs`, `environments`), `services`
   * (`ecs-tasks.amazonaws.com`, …) and `rolesAnywhere` (`certificates` or `acmPcaArn`,
   * `commonNames`); see [docs/roles.md](docs/roles.md).
   */
  readonly trust: RoleTrustSettings;
  /**
   * IAM role name of an identity that sets `trust`: 1 to 64 of letters, digits and `+=,.@_-`,
   * unique in the account.
   */
  readonly roleName: string;
  /**
   * The longest session an identity that sets `trust` gives its callers, in seconds: 3600 (one
   * hour) to 43200 (twelve).
   * @default 3600
   */
  readonly maxSessionDuration?: number;
}

/**
 * The arguments other than the bucket, with every default applied.
 */
export interface ResolvedRoleSettings {
  /**
   * What the role may do with objects: `read` (list and get), `write` (put and abort multipart
   * uploads; no listing) or `read-write`.
   * @default "read-write"
   */
  readonly access: AccessLevel;
  /**
   * Key prefixes the role is limited to, each ending in `/` and not starting with `/` (e.g.
   * `reports/`). Limits object actions and listing alike. Empty: the whole bucket.
   * @default []
   */
  readonly prefixes: string[];
  /**
   * Also allow `s3:DeleteObject` on the objects in scope.
   * @default false
   */
  readonly allowDelete: boolean;
  /**
   * Allow `s3:ListAllMyBuckets`, which reveals the names of every bucket in the account; an
   * application that knows its bucket has no need of it.
   * @default false
   */
  readonly listAllBuckets: boolean;
  /**
   * Key ARN (not alias) of the bucket's SSE-KMS key. Grants only the KMS actions S3 needs, and
   * only when S3 calls KMS for this role's requests.
   * @default - no KMS grant (SSE-S3 or no encryption)
   */
  readonly kmsKeyArn?: string;
  /**
   * IAM path of the role and its policy, starting and ending with `/`. Each stack's deploy role
   * is confined to its stack's path, so another stack's role can never reach the role.
   * @default - the stack's own, `/iam-bucket-access/<stack>/`
   */
  readonly path: string;
  /**
   * The managed policy that caps what the role can ever be granted: its ARN, or its path and
   * name in the stack's account (`iam-bucket-access-boundary/iam-bucket-access-<stack>`, the one
   * `bootstrap/` creates and both stack files set).
   * @default - none
   */
  readonly permissionsBoundary?: string;
  /**
   * Tags for every taggable resource (at most 50; keys may not start with `aws:`).
   * @default {}
   */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Protect every resource from deletion and replacement: `pulumi destroy` and replacements fail
   * until it is off.
   * @default false
   */
  readonly protect: boolean;
  /**
   * Makes the identity an IAM role, with no password or long-term key, that only those named may
   * assume: `github` (`repository: owner/repo`, `refs`, `environments`), `services`
   * (`ecs-tasks.amazonaws.com`, …) and `rolesAnywhere` (`certificates` or `acmPcaArn`,
   * `commonNames`); see [docs/roles.md](docs/roles.md).
   */
  readonly trust: ResolvedRoleTrust;
  /**
   * IAM role name of an identity that sets `trust`: 1 to 64 of letters, digits and `+=,.@_-`,
   * unique in the account.
   */
  readonly roleName: string;
  /**
   * The longest session an identity that sets `trust` gives its callers, in seconds: 3600 (one
   * hour) to 43200 (twelve).
   * @default 3600
   */
  readonly maxSessionDuration: number;
}
