/**
 * The bootstrap's config, declared once on the project's config machinery: each key's type,
 * default, meaning and rule, and the same for each environment's keys. Its reader, its settings'
 * types, its errors, its `Pulumi.yaml` block and its docs table come from these tables. Pure.
 */
import { parseArn } from "../../iam/arns";
import { checkBucketName } from "../../s3/bucketNaming";
import { checkUserName, TAG_RULES } from "../../config/userRules";
import { stackUserName } from "../../iam/stackNaming";
import { keySpec as key } from "../../config/keyTable";

/** The project whose stacks the bootstrap prepares; its `Pulumi.yaml` name (a spec checks). */
export const DEPLOYED_PROJECT = "iam-bucket-access";

/** A branch name git accepts: no spaces, control characters, `..`, `~^:?*[\`, or leading `-`/`/`. */
// oxlint-disable-next-line no-control-regex -- the control characters are what it refuses
const BRANCH = /^(?![-/])(?!.*\.\.)(?!.*\/\/)[^\s~^:?*[\\\x00-\x1f\x7f]+(?<![/.])$/;

/** The keys set once per bootstrap stack. */
export const BOOTSTRAP_KEYS = {
  organization: key({
    type: "string",
    description: "Pulumi Cloud organization that runs the deployments; the OIDC audience.",
    default: { derived: "required" },
    required: true,
    rule: (organization) =>
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(organization)
        ? undefined
        : "a Pulumi organization name: letters, digits, _ . -",
  }),
  repository: key({
    type: "string",
    description: "GitHub repository holding the iam-bucket-access project, as owner/name.",
    default: { derived: "required" },
    required: true,
    rule: (repository) =>
      /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9_.-]{1,100}$/.test(repository)
        ? undefined
        : "a GitHub repository as owner/name",
  }),
  oidcProviderArn: key({
    type: "string",
    description:
      "ARN of an existing IAM OIDC provider for https://api.pulumi.com/oidc to reuse (an " +
      "account holds one per URL; its audiences must include the organization).",
    default: { derived: "the bootstrap creates it" },
    rule: (arn) => {
      const provider = parseArn(arn);
      return provider?.service === "iam" &&
        provider.resource === "oidc-provider/api.pulumi.com/oidc"
        ? undefined
        : "the ARN of the account's OIDC provider for api.pulumi.com/oidc, or empty to create it";
    },
  }),
  githubActionsOidc: key({
    type: "boolean",
    description:
      "Create the account's IAM OIDC provider for GitHub Actions " +
      "(token.actions.githubusercontent.com, audience sts.amazonaws.com), which the stacks' " +
      "roles that trust a GitHub repository are assumed through; stacks never create it. Leave " +
      "false when the account has one already (an account holds one per URL).",
    default: false,
  }),
  blockPublicAccess: key({
    type: "boolean",
    description:
      "Turn on S3 Block Public Access for the whole account, so that no deploy role can make " +
      "a bucket public. Turn off only in accounts that must serve public buckets.",
    default: true,
  }),
} as const;

/** The keys of one environment, under `environments.<stack>`. */
export const ENVIRONMENT_KEYS = {
  branch: key({
    type: "string",
    description: "The git branch whose pushes deploy the stack.",
    default: { derived: "required" },
    required: true,
    rule: (branch) => (BRANCH.test(branch) ? undefined : "a git branch name, e.g. main"),
  }),
  createsBucket: key({
    type: "boolean",
    description:
      "The stack creates its own bucket (it sets no bucketName); its deploy role may then " +
      "create and configure that bucket, and its users' boundary includes it.",
    default: false,
  }),
  buckets: key({
    type: "string-list",
    description:
      "Existing buckets the stack's users may use; their boundary allows no other. Each " +
      "bucket belongs to one environment only.",
    default: [],
    itemRule: checkBucketName,
  }),
  tags: key({
    type: "string-map",
    description:
      "The only tags the stack's deploy role may put on its users and policies, each with the " +
      "only value it may have: grants elsewhere in the account may key on a principal's tags " +
      "(`environment=prod`), so neither another key nor another stack's value may be set. The " +
      "stack's own `tags` must be among them.",
    default: {
      derived: "`environment: <stack>` and `project: iam-bucket-access`",
      from: (_values: unknown, stack: string) => ({
        environment: stack,
        project: DEPLOYED_PROJECT,
      }),
    },
    ...TAG_RULES,
  }),
  production: key({
    type: "boolean",
    description:
      "A production stack: Deployments previews no pull requests for it, and its role cannot " +
      "be assumed for a preview (`previewPullRequests` cannot be true).",
    default: false,
  }),
  previewPullRequests: key({
    type: "boolean",
    description:
      "Deployments previews each pull request on the stack, running the pull request's code, " +
      "unreviewed, with the stack's deploy role: it may then create the stack's users and keys " +
      "and decrypt the stack's secrets, though nothing of another stack or of the bootstrap. " +
      "Set false, the safer choice wherever people who may not deploy can open pull " +
      "requests on the repository: no pull request is previewed, and the role cannot be assumed for a " +
      "preview at all.",
    default: {
      derived: "`true`, unless `production` is true",
      from: (values: { readonly production: boolean }) => !values.production,
    },
  }),
  roles: key({
    type: "boolean",
    description:
      "The stack has identities that are roles (they set `trust`): its deploy role may then " +
      "create, change and delete roles in the stack's IAM path, only with the stack's " +
      "boundary and only attached the stack's own policies; it may never pass a role, give " +
      "one an inline policy, or remove or change a boundary. Roles Anywhere's trust anchors and " +
      "profiles stay an administrator's to deploy.",
    default: false,
  }),
  escRotation: key({
    type: "boolean",
    description:
      "Create a rotator role for Pulumi ESC's aws-iam rotator, which only the stack's ESC " +
      "login environment (rotator-login-<stack>) can assume, and which may only rotate the " +
      "access keys of the users `rotatedUsers` names. Those users then set `accessKey: false`.",
    default: false,
  }),
  rotatedUsers: key({
    type: "string-list",
    description:
      "The users, by name, whose access keys the rotator role may list, create and delete: " +
      "the users ESC rotates, each in the stack's IAM path, and no other user of the stack. " +
      "Name each one a `key-rotation-<stack>` environment rotates.",
    default: {
      derived: "`iam-bucket-access-<stack>`, the stack's single user",
      from: (_values: unknown, stack: string) => [stackUserName(DEPLOYED_PROJECT, stack)],
    },
    // An empty list would leave the rotator role a policy IAM refuses.
    rule: (users) => (users.length > 0 ? undefined : "one user name at least"),
    itemRule: checkUserName,
  }),
  adoptStack: key({
    type: "boolean",
    description:
      "The Pulumi stack exists already: adopt it into the bootstrap instead of creating it.",
    default: false,
  }),
} as const;

/** The key that holds the environments, and what it means. */
export const ENVIRONMENTS_KEY = {
  name: "environments",
  description:
    "Map of stack name to that stack's environment (the keys below); one stack at least.",
  default: { derived: "required" },
} as const;

/** Keys of an environment that earlier versions took, and what replaced them. */
export const REDIRECTED_ENVIRONMENT_KEYS = {
  permissionsBoundaryArn:
    "the bootstrap now creates each environment's permissions boundary itself",
  tagKeys: "tags names each tag the deploy role may set with its value, e.g. {environment: prod}",
};
