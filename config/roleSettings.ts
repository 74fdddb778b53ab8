/**
 * Every setting of a `BucketAccessRole`, declared once: its config key, the argument field it
 * sets, its type, its default, its rules and what it means. The grant's settings are the user's
 * rows (userSettings.ts), with their types, defaults and rules, described for a role; those a
 * user has none of are the role's own. The component's argument types and their doc comments
 * (roleArgTypes.ts), the defaults the component applies (roleArgs.ts), and, from the role's own
 * rows, the stack config's table (stackKeys.ts), `Pulumi.yaml`'s schema and the README's table
 * all come from this one table (`npm run generate` writes the files). Pure.
 */
import { ROLE_SESSION_SECONDS } from "../iam/iamQuotas";
import { ArgSetting, setting } from "./argSettings";
import { checkMaxSessionDuration, checkRoleName } from "./roleRules";
import { USER_SETTINGS } from "./userSettings";

/** A user's setting as a role's: its key, type, default and rules, described for a role. */
function grant<S extends ArgSetting>(spec: S, description: string): S {
  return { ...spec, description };
}

/** The settings of a role's own, which a user has none of, in the order the docs list them. */
export const ROLE_OWN_SETTINGS = {
  trust: setting({
    field: "trust",
    type: "map",
    argType: "RoleTrustSettings",
    resolvedType: "ResolvedRoleTrust",
    requiredArg: true,
    description:
      "Makes the identity an IAM role, with no password or long-term key, that only those " +
      "named may assume: `github` (`repository: owner/repo`, `refs`, `environments`), " +
      "`services` (`ecs-tasks.amazonaws.com`, …) and `rolesAnywhere` (`certificates` or " +
      "`acmPcaArn`, `commonNames`); see [docs/roles.md](docs/roles.md).",
    default: { derived: "none: the identity is an IAM user" },
  }),
  roleName: setting({
    field: "roleName",
    type: "string",
    requiredArg: true,
    description:
      "IAM role name of an identity that sets `trust`: 1 to 64 of letters, digits and " +
      "`+=,.@_-`, unique in the account.",
    default: {
      derived: "`iam-bucket-access-<stack>`, or `iam-bucket-access-<stack>-<identity>` for several",
    },
    rule: checkRoleName,
  }),
  maxSessionDuration: setting({
    field: "maxSessionDuration",
    type: "integer",
    description:
      "The longest session an identity that sets `trust` gives its callers, in seconds: " +
      `${ROLE_SESSION_SECONDS.minimum} (one hour) to ${ROLE_SESSION_SECONDS.maximum} (twelve).`,
    default: 3600,
    rule: checkMaxSessionDuration,
  }),
} as const;

/**
 * Every setting of a role: the grant's first, so that its problems are told in the user's
 * order, then the role's own.
 */
export const ROLE_SETTINGS = {
  bucketName: grant(
    USER_SETTINGS.bucketName,
    "The bucket the role may use, by name (`my-bucket`) or ARN (`arn:aws:s3:::my-bucket`). " +
      "May be an output, e.g. of a bucket created in the same program.",
  ),
  access: grant(
    USER_SETTINGS.access,
    "What the role may do with objects: `read` (list and get), `write` (put and abort " +
      "multipart uploads; no listing) or `read-write`.",
  ),
  prefixes: grant(
    USER_SETTINGS.prefixes,
    "Key prefixes the role is limited to, each ending in `/` and not starting with `/` " +
      "(e.g. `reports/`). Limits object actions and listing alike. Empty: the whole bucket.",
  ),
  allowDelete: USER_SETTINGS.allowDelete,
  listAllBuckets: {
    ...grant(
      USER_SETTINGS.listAllBuckets,
      "Allow `s3:ListAllMyBuckets`, which reveals the names of every bucket in the account; " +
        "an application that knows its bucket has no need of it.",
    ),
    // A role has no console to browse buckets with.
    default: false,
  },
  kmsKeyArn: grant(
    USER_SETTINGS.kmsKeyArn,
    "Key ARN (not alias) of the bucket's SSE-KMS key. Grants only the KMS actions S3 needs, " +
      "and only when S3 calls KMS for this role's requests.",
  ),
  path: grant(
    USER_SETTINGS.path,
    "IAM path of the role and its policy, starting and ending with `/`. Each stack's deploy " +
      "role is confined to its stack's path, so another stack's role can never reach the role.",
  ),
  permissionsBoundary: grant(
    USER_SETTINGS.permissionsBoundary,
    "The managed policy that caps what the role can ever be granted: its ARN, or its path and " +
      "name in the stack's account (`iam-bucket-access-boundary/iam-bucket-access-<stack>`, the " +
      "one `bootstrap/` creates and both stack files set).",
  ),
  tags: grant(
    USER_SETTINGS.tags,
    "Tags for every taggable resource (at most 50; keys may not start with `aws:`).",
  ),
  protect: USER_SETTINGS.protect,
  ...ROLE_OWN_SETTINGS,
} as const;
