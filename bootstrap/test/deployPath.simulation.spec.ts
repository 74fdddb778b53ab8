/**
 * The deploy path tried as an attacker would, decided by an IAM policy engine on the documents
 * the mocked bootstrap registers with its committed config, and on the users and policies the
 * mocked stacks register: each deploy role against the other stack, every escalation chain, who
 * may assume each role, what a user under its boundary could ever do, and that everything a real
 * deployment asks of AWS stays allowed.
 */
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { tlsOnlyBucketPolicy } from "../../iam/bucketAccess";
import {
  catalogActionsOn,
  Decision,
  decide,
  decideTrust,
  PolicySet,
  pulumiOidcRequest,
} from "../../test/fixtures/iamSimulator";
import { ESC_MODE_BOOTSTRAP, ESC_MODE_PROD } from "../../test/support/escMode";
import { ACCOUNT_ID } from "../../tools/runner/mocks";
import { ProgramRun, promiseOf, runProgram, stackFileConfig } from "../../tools/runner/program";
import { BOOTSTRAP } from "../../tools/paths";
import { deploymentRequests } from "../../test/fixtures/providerRequests";
import { componentRun, inputsOf, parsedJson } from "../../test/support/specHelpers";
import { BucketAccessRole } from "../../components/bucketAccessRole";
import type { RoleTrustSettings } from "../../config/roleArgs";
import { DEPLOY_OPERATIONS } from "../iam/deployPolicies";
import { rotatorPolicy as rotatorPolicyFor } from "../iam/rotatorPolicies";
import { EDGE_PCA_TRUST } from "../../test/support/roleTrusts";

type Stack = "dev" | "prod";
const STACKS: readonly Stack[] = ["dev", "prod"];
const OTHER: Readonly<Record<Stack, Stack>> = { dev: "prod", prod: "dev" };

const ADMINISTRATOR = "arn:aws:iam::aws:policy/AdministratorAccess";
const PROVIDER = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/api.pulumi.com/oidc`;
const iam = (resource: string) => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
/** A user or policy an attacker would make in a stack's own path. */
const userIn = (stack: string, name: string) => iam(`user/iam-bucket-access/${stack}/${name}`);
const ROTATOR_ROLE = iam("role/iam-bucket-access/iam-bucket-access-rotator-prod");
const policyIn = (stack: string, name: string) => iam(`policy/iam-bucket-access/${stack}/${name}`);
/** GitHub Actions' OIDC provider, which the bootstrap creates when asked and no stack may touch. */
const GITHUB_PROVIDER = iam("oidc-provider/token.actions.githubusercontent.com");
/** A bucket key of the account, which users may use through S3 only. */
const BUCKET_KEY = `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
/** A request's context naming the boundary a user or role is created with or given. */
const withBoundary = (boundary: string) => ({ "iam:PermissionsBoundary": boundary });
/** A request's context setting one tag. */
const tagged = (tagKey: string, value: string) => ({
  "aws:TagKeys": tagKey,
  [`aws:RequestTag/${tagKey}`]: value,
});

/** What the mocked runs registered for one stack, by the names the rows use. */
interface Fixture {
  /** The deploy role's ARN and its documents. */
  readonly role: string;
  readonly rolePolicy: unknown;
  readonly trust: unknown;
  readonly boundary: unknown;
  readonly boundaryArn: string;
  readonly key: string;
  readonly keyPolicy: unknown;
  /** The stack's own application user, its policy and its bucket, as the program registers them. */
  readonly user: string;
  readonly userName: string;
  readonly policy: string;
  readonly bucket: string;
  /** The stack's registrations, for what a deployment asks. */
  readonly run: ProgramRun;
}

/**
 * A reference the rows use in place of an ARN that only the mocked runs know: `user:prod`,
 * `policy:dev`, `boundary:prod`, `key:dev`, `role:prod`, `bucket:dev`, `object:dev`. Anything
 * else is taken as it is.
 */
function resolve(value: string, fixtures: Readonly<Record<Stack, Fixture>>): string {
  const match = /^(user|policy|boundary|key|role|bucket|object):(dev|prod)$/.exec(value);
  if (match === null) {
    return value;
  }
  const fixture = fixtures[match[2] as Stack];
  switch (match[1]) {
    case "user":
      return fixture.user;
    case "policy":
      return fixture.policy;
    case "boundary":
      return fixture.boundaryArn;
    case "key":
      return fixture.key;
    case "role":
      return fixture.role;
    case "bucket":
      return `arn:aws:s3:::${fixture.bucket}`;
    default:
      return `arn:aws:s3:::${fixture.bucket}/reports/q3.csv`;
  }
}

/** The resource policy AWS would weigh for a target: a key's or a created bucket's own. */
function resourcePolicyOf(target: string, fixtures: Readonly<Record<Stack, Fixture>>): unknown {
  const stack = STACKS.find(
    (candidate) =>
      target === fixtures[candidate].key ||
      target === fixtures[candidate].role ||
      target.startsWith(`arn:aws:s3:::${fixtures[candidate].bucket}`),
  );
  if (stack === undefined) {
    return undefined;
  }
  const fixture = fixtures[stack];
  if (target === fixture.key) {
    return fixture.keyPolicy;
  }
  if (target === fixture.role) {
    return fixture.trust;
  }
  return stack === "dev" ? tlsOnlyBucketPolicy("aws", fixture.bucket) : undefined;
}

/** The asker's stack, the action, the target, extra context (references allowed), AWS's answer. */
type Row = readonly [Stack, string, string, Readonly<Record<string, string>>, Decision];

/** Who asks in a stack: its name in test titles, its ARN, its policies and its own context. */
interface Asker {
  readonly label: string;
  principal(fixture: Fixture): string;
  policies(fixture: Fixture): Omit<PolicySet, "resource">;
  context(fixture: Fixture): Readonly<Record<string, string>>;
}

/** A stack's deploy role, with its inline policy. */
const DEPLOY_ROLE: Asker = {
  label: "role",
  principal: (fixture) => fixture.role,
  policies: (fixture) => ({ identity: [fixture.rolePolicy] }),
  context: () => ({}),
};

/** A stack's application user at its broadest: a policy of Allow * on *, within its boundary. */
const BOUNDED_USER: Asker = {
  label: "user",
  principal: (fixture) => fixture.user,
  policies: (fixture) => ({ identity: [EVERYTHING], boundary: fixture.boundary }),
  context: (fixture) => ({ "aws:username": fixture.userName }),
};

/**
 * One test per row: the stack's asker asks, over TLS, and the engine decides.
 * @param resourcePolicy the target's own policy; by default, what the stacks give it
 */
function itDecidesFor(
  asker: Asker,
  rows: readonly Row[],
  fixtures: () => Record<Stack, Fixture>,
  resourcePolicy: (resource: string, all: Record<Stack, Fixture>) => unknown = resourcePolicyOf,
): void {
  for (const [stack, action, target, context, expected] of rows) {
    const extra = Object.entries(context).map(([key, value]) => ` ${key}=${value}`);
    it(`${stack} ${asker.label}: ${action} on ${target}${extra.join("")} is ${expected}`, async () => {
      const all = fixtures();
      const resource = resolve(target, all);
      const decision = await decide(
        { ...asker.policies(all[stack]), resource: resourcePolicy(resource, all) },
        {
          principal: asker.principal(all[stack]),
          action,
          resource,
          context: {
            "aws:SecureTransport": "true",
            ...asker.context(all[stack]),
            ...Object.fromEntries(
              Object.entries(context).map(([key, value]) => [key, resolve(value, all)]),
            ),
          },
        },
      );
      assert.equal(decision, expected);
    });
  }
}

// Each role against the other stack's users, policies, keys, login profiles, role and bucket.
const CONFINEMENT_ROWS: readonly Row[] = STACKS.flatMap((own): Row[] => {
  const other = OTHER[own];
  return [
    [own, "iam:CreateAccessKey", `user:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:UpdateAccessKey", `user:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:CreateLoginProfile", `user:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:UpdateLoginProfile", `user:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:DeleteLoginProfile", `user:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:DeleteUser", `user:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:UpdateUser", `user:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:TagUser", `user:${other}`, {}, "ImplicitlyDenied"],
    [
      own,
      "iam:DetachUserPolicy",
      `user:${other}`,
      { "iam:PolicyARN": `policy:${other}` },
      "ImplicitlyDenied",
    ],
    [
      own,
      "iam:PutUserPermissionsBoundary",
      `user:${other}`,
      { "iam:PermissionsBoundary": `boundary:${own}` },
      "ImplicitlyDenied",
    ],
    [
      own,
      "iam:PutUserPermissionsBoundary",
      `user:${other}`,
      { "iam:PermissionsBoundary": ADMINISTRATOR },
      "ExplicitlyDenied",
    ],
    [own, "iam:CreatePolicyVersion", `policy:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:DeletePolicy", `policy:${other}`, {}, "ImplicitlyDenied"],
    [
      own,
      "iam:AttachUserPolicy",
      `user:${own}`,
      { "iam:PolicyARN": `policy:${other}`, "iam:PermissionsBoundary": `boundary:${own}` },
      "ImplicitlyDenied",
    ],
    [own, "kms:Decrypt", `key:${other}`, {}, "ImplicitlyDenied"],
    [own, "kms:Encrypt", `key:${other}`, {}, "ImplicitlyDenied"],
    [own, "kms:GenerateDataKey", `key:${other}`, {}, "ImplicitlyDenied"],
    [own, "kms:ReEncryptFrom", `key:${other}`, {}, "ImplicitlyDenied"],
    [own, "kms:CreateGrant", `key:${other}`, {}, "ImplicitlyDenied"],
    [own, "sts:AssumeRole", `role:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:SetDefaultPolicyVersion", `policy:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:DeletePolicyVersion", `policy:${other}`, {}, "ImplicitlyDenied"],
    [own, "kms:PutKeyPolicy", `key:${other}`, {}, "ImplicitlyDenied"],
    [own, "kms:ScheduleKeyDeletion", `key:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:PassRole", `role:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:UpdateAssumeRolePolicy", `role:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:PutRolePolicy", `role:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:DeleteRole", `role:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:DeleteRolePolicy", `role:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:PutBucketPolicy", `bucket:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:PutLifecycleConfiguration", `bucket:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:PutBucketVersioning", `bucket:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:PutBucketPublicAccessBlock", `bucket:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:DeleteBucket", `bucket:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:GetObject", `object:${other}`, {}, "ExplicitlyDenied"],
  ];
});

// Each role against its own role, key and OIDC provider, which only the bootstrap manages, and
// prod's against the existing bucket it names, which it may use but never configure.
const SELF_ROWS: readonly Row[] = STACKS.flatMap((own): Row[] => [
  [own, "iam:UpdateAssumeRolePolicy", `role:${own}`, {}, "ImplicitlyDenied"],
  [own, "iam:PutRolePolicy", `role:${own}`, {}, "ImplicitlyDenied"],
  [
    own,
    "iam:AttachRolePolicy",
    `role:${own}`,
    { "iam:PolicyARN": ADMINISTRATOR },
    "ImplicitlyDenied",
  ],
  [own, "iam:PassRole", `role:${own}`, {}, "ImplicitlyDenied"],
  [own, "kms:PutKeyPolicy", `key:${own}`, {}, "ImplicitlyDenied"],
  [own, "kms:ScheduleKeyDeletion", `key:${own}`, {}, "ImplicitlyDenied"],
  [own, "kms:CreateGrant", `key:${own}`, {}, "ImplicitlyDenied"],
  [own, "iam:AddClientIDToOpenIDConnectProvider", PROVIDER, {}, "ImplicitlyDenied"],
  [own, "iam:UpdateOpenIDConnectProviderThumbprint", PROVIDER, {}, "ImplicitlyDenied"],
  [own, "iam:CreateServiceSpecificCredential", `user:${own}`, {}, "ImplicitlyDenied"],
  [own, "iam:UploadSSHPublicKey", `user:${own}`, {}, "ImplicitlyDenied"],
  [own, "iam:SetDefaultPolicyVersion", `policy:${own}`, {}, "ImplicitlyDenied"],
  ...(own === "prod"
    ? ([
        [own, "s3:PutBucketPolicy", `bucket:${own}`, {}, "ImplicitlyDenied"],
        [own, "s3:PutLifecycleConfiguration", `bucket:${own}`, {}, "ImplicitlyDenied"],
        [own, "s3:DeleteBucket", `bucket:${own}`, {}, "ImplicitlyDenied"],
      ] as const)
    : []),
]);

// Each role against what only the bootstrap manages beyond the stacks: prod's ESC rotator role
// (whose rights would reach prod's keys), the OIDC providers roles are trusted through (Pulumi's,
// and GitHub's, whose audiences decide whose tokens the stacks' GitHub roles take), the account's
// public access block and the boundaries' own path. Dev's role is also what a pull request's
// preview runs with, so these are what unreviewed code in dev cannot reach.
const BOOTSTRAP_ROWS: readonly Row[] = STACKS.flatMap((own): Row[] => [
  [own, "sts:AssumeRole", ROTATOR_ROLE, {}, "ImplicitlyDenied"],
  [own, "iam:UpdateAssumeRolePolicy", ROTATOR_ROLE, {}, "ImplicitlyDenied"],
  [own, "iam:PutRolePolicy", ROTATOR_ROLE, {}, "ImplicitlyDenied"],
  [own, "iam:DeleteRole", ROTATOR_ROLE, {}, "ImplicitlyDenied"],
  [own, "iam:PassRole", ROTATOR_ROLE, {}, "ImplicitlyDenied"],
  [own, "iam:DeleteOpenIDConnectProvider", PROVIDER, {}, "ImplicitlyDenied"],
  [own, "iam:RemoveClientIDFromOpenIDConnectProvider", PROVIDER, {}, "ImplicitlyDenied"],
  [own, "iam:CreateOpenIDConnectProvider", GITHUB_PROVIDER, {}, "ImplicitlyDenied"],
  [own, "iam:DeleteOpenIDConnectProvider", GITHUB_PROVIDER, {}, "ImplicitlyDenied"],
  [own, "iam:AddClientIDToOpenIDConnectProvider", GITHUB_PROVIDER, {}, "ImplicitlyDenied"],
  [own, "iam:UpdateOpenIDConnectProviderThumbprint", GITHUB_PROVIDER, {}, "ImplicitlyDenied"],
  [own, "s3:PutAccountPublicAccessBlock", "*", {}, "ImplicitlyDenied"],
  [
    own,
    "iam:CreatePolicy",
    iam("policy/iam-bucket-access-boundary/minted"),
    {},
    "ExplicitlyDenied",
  ],
  [own, "iam:DeletePolicy", `boundary:${OTHER[own]}`, {}, "ExplicitlyDenied"],
]);

// The chains to more power than the stack's: broad policy, user, attachment, key; boundary
// removal, change and rewrite; attaching to a user without the boundary; the role itself.
const ESCALATION_ROWS: readonly Row[] = STACKS.flatMap((own): Row[] => {
  const other = OTHER[own];
  const minted = userIn(own, "minted");
  const broad = policyIn(own, "everything");
  return [
    // Writing a policy of Allow *:* is possible; no user can carry it past the boundary.
    [own, "iam:CreatePolicy", broad, {}, "Allowed"],
    [own, "iam:CreateUser", minted, {}, "ExplicitlyDenied"],
    [own, "iam:CreateUser", minted, withBoundary(ADMINISTRATOR), "ExplicitlyDenied"],
    [own, "iam:CreateUser", minted, withBoundary(`boundary:${other}`), "ExplicitlyDenied"],
    [own, "iam:CreateUser", minted, withBoundary(`boundary:${own}`), "Allowed"],
    [
      own,
      "iam:CreateUser",
      iam("user/admins/minted"),
      withBoundary(`boundary:${own}`),
      "ImplicitlyDenied",
    ],
    [
      own,
      "iam:AttachUserPolicy",
      minted,
      { "iam:PolicyARN": broad, ...withBoundary(`boundary:${own}`) },
      "Allowed",
    ],
    [own, "iam:CreateAccessKey", minted, {}, "Allowed"],
    // Around the boundary: other policies, users that lack it.
    [
      own,
      "iam:AttachUserPolicy",
      minted,
      { "iam:PolicyARN": ADMINISTRATOR, ...withBoundary(`boundary:${own}`) },
      "ImplicitlyDenied",
    ],
    [
      own,
      "iam:AttachUserPolicy",
      userIn(own, "legacy"),
      { "iam:PolicyARN": broad },
      "ImplicitlyDenied",
    ],
    [
      own,
      "iam:AttachUserPolicy",
      userIn(own, "legacy"),
      { "iam:PolicyARN": broad, ...withBoundary(`boundary:${other}`) },
      "ImplicitlyDenied",
    ],
    [own, "iam:PutUserPolicy", `user:${own}`, {}, "ImplicitlyDenied"],
    // Tags that grants elsewhere could key on: only the environment's own tags, each only with
    // its own value: never the other stack's environment=<other> on a user of this one.
    [own, "iam:TagUser", `user:${own}`, { "aws:TagKeys": "team" }, "ExplicitlyDenied"],
    [own, "iam:TagUser", `user:${own}`, tagged("environment", own), "Allowed"],
    [own, "iam:TagUser", `user:${own}`, tagged("environment", other), "ExplicitlyDenied"],
    [own, "iam:TagUser", `user:${own}`, tagged("project", "payroll"), "ExplicitlyDenied"],
    [own, "iam:TagPolicy", `policy:${own}`, tagged("environment", other), "ExplicitlyDenied"],
    [
      own,
      "iam:CreateUser",
      minted,
      { ...withBoundary(`boundary:${own}`), "aws:TagKeys": "team" },
      "ExplicitlyDenied",
    ],
    [
      own,
      "iam:CreateUser",
      minted,
      { ...withBoundary(`boundary:${own}`), ...tagged("environment", other) },
      "ExplicitlyDenied",
    ],
    [own, "iam:AddUserToGroup", iam("group/admins"), {}, "ImplicitlyDenied"],
    // The boundary itself: never removed, replaced or rewritten.
    [own, "iam:DeleteUserPermissionsBoundary", `user:${own}`, {}, "ExplicitlyDenied"],
    [
      own,
      "iam:PutUserPermissionsBoundary",
      `user:${own}`,
      withBoundary(ADMINISTRATOR),
      "ExplicitlyDenied",
    ],
    [own, "iam:CreatePolicyVersion", `boundary:${own}`, {}, "ExplicitlyDenied"],
    [own, "iam:SetDefaultPolicyVersion", `boundary:${own}`, {}, "ExplicitlyDenied"],
    [own, "iam:DeletePolicyVersion", `boundary:${own}`, {}, "ExplicitlyDenied"],
    [own, "iam:DeletePolicy", `boundary:${own}`, {}, "ExplicitlyDenied"],
    [own, "iam:CreatePolicyVersion", `boundary:${other}`, {}, "ExplicitlyDenied"],
    // The role itself, other roles, the account's settings, the stack's key.
    [own, "iam:PutRolePolicy", `role:${own}`, {}, "ImplicitlyDenied"],
    [
      own,
      "iam:AttachRolePolicy",
      `role:${own}`,
      { "iam:PolicyARN": ADMINISTRATOR },
      "ImplicitlyDenied",
    ],
    [own, "iam:UpdateAssumeRolePolicy", `role:${own}`, {}, "ImplicitlyDenied"],
    [own, "iam:CreateRole", iam("role/minted"), {}, "ImplicitlyDenied"],
    [own, "iam:PassRole", `role:${own}`, {}, "ImplicitlyDenied"],
    [own, "s3:PutAccountPublicAccessBlock", "*", {}, "ImplicitlyDenied"],
    [own, "kms:PutKeyPolicy", `key:${own}`, {}, "ImplicitlyDenied"],
    [own, "kms:ScheduleKeyDeletion", `key:${own}`, {}, "ImplicitlyDenied"],
    // Objects stay out of reach, whatever bucket policy the role could write.
    [own, "s3:GetObject", `object:${own}`, {}, "ExplicitlyDenied"],
    [own, "s3:PutObject", `object:${own}`, {}, "ExplicitlyDenied"],
  ];
});

// What the dev role's bucket rights reach, and what remains: IAM wildcards have no character
// classes, so a bucket of this account named iam-bucket-access-dev- and any 8 characters matches.
const BUCKET_NAME_ROWS: readonly Row[] = [
  ["dev", "s3:CreateBucket", "arn:aws:s3:::iam-bucket-access-dev-0a1b2c3d", {}, "Allowed"],
  ["dev", "s3:CreateBucket", "arn:aws:s3:::iam-bucket-access-dev-backups1", {}, "Allowed"],
  ["dev", "s3:CreateBucket", "arn:aws:s3:::iam-bucket-access-dev-backups", {}, "ImplicitlyDenied"],
  [
    "dev",
    "s3:CreateBucket",
    "arn:aws:s3:::iam-bucket-access-dev-eu-0a1b2c3d",
    {},
    "ImplicitlyDenied",
  ],
  ["dev", "s3:CreateBucket", "arn:aws:s3:::iam-bucket-access-prod-0a1b2c3", {}, "ImplicitlyDenied"],
  [
    "prod",
    "s3:CreateBucket",
    "arn:aws:s3:::iam-bucket-access-prod-0a1b2c3d",
    {},
    "ImplicitlyDenied",
  ],
];

// What the dev role could do with its bucket had it written the bucket a policy granting itself
// every S3 action there: its own policy's denies outweigh the grant. It may write the bucket's
// policy and lifecycle rules itself (SecureBucket's expiry needs them), whose content IAM cannot
// constrain (docs/deployment.md says what remains).
const SELF_GRANT_ROWS: readonly Row[] = [
  ["dev", "s3:PutBucketNotification", "bucket:dev", {}, "ExplicitlyDenied"],
  ["dev", "s3:PutInventoryConfiguration", "bucket:dev", {}, "ExplicitlyDenied"],
  ["dev", "s3:PutBucketAcl", "bucket:dev", {}, "ExplicitlyDenied"],
  ["dev", "s3:PutReplicationConfiguration", "bucket:dev", {}, "ExplicitlyDenied"],
  ["dev", "s3:GetObject", "object:dev", {}, "ExplicitlyDenied"],
  ["dev", "s3:DeleteObjectVersion", "object:dev", {}, "ExplicitlyDenied"],
  ["dev", "s3:PutBucketPolicy", "bucket:dev", {}, "Allowed"],
  ["dev", "s3:PutLifecycleConfiguration", "bucket:dev", {}, "Allowed"],
];

/** A bucket policy of the dev bucket granting the dev role every S3 action on it. */
function selfGrantingBucketPolicy(resource: string, all: Record<Stack, Fixture>): unknown {
  const bucket = `arn:aws:s3:::${all.dev.bucket}`;
  return resource.startsWith(bucket)
    ? {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "GrantedToItself",
            Effect: "Allow",
            Principal: { AWS: all.dev.role },
            Action: "s3:*",
            Resource: [bucket, `${bucket}/*`],
          },
        ],
      }
    : undefined;
}

/** Who presents a token to AWS STS for a role: the issuer's provider and the token's claims. */
type TrustRow = readonly [Stack, string, string, string, string, Decision];

const subject = (org: string, project: string, stack: string, operation: string) =>
  `pulumi:deploy:org:${org}:project:${project}:stack:${stack}:operation:${operation}:scope:write`;

// role's stack, what presents the token, provider, aud, sub, AWS's answer
const TRUST_ROWS: readonly TrustRow[] = STACKS.flatMap((own): TrustRow[] => [
  ...DEPLOY_OPERATIONS.map((operation): TrustRow => [
    own,
    `a ${operation} of ${own}`,
    PROVIDER,
    "acme",
    subject("acme", "iam-bucket-access", own, operation),
    own === "prod" && operation === "preview" ? "ImplicitlyDenied" : "Allowed",
  ]),
  [
    own,
    `an update of ${OTHER[own]}`,
    PROVIDER,
    "acme",
    subject("acme", "iam-bucket-access", OTHER[own], "update"),
    "ImplicitlyDenied",
  ],
  [
    own,
    `an update of ${own}-eu`,
    PROVIDER,
    "acme",
    subject("acme", "iam-bucket-access", `${own}-eu`, "update"),
    "ImplicitlyDenied",
  ],
  [
    own,
    "an update of another project's stack",
    PROVIDER,
    "acme",
    subject("acme", "payroll", own, "update"),
    "ImplicitlyDenied",
  ],
  [
    own,
    "another organization's update",
    PROVIDER,
    "evil",
    subject("evil", "iam-bucket-access", own, "update"),
    "ImplicitlyDenied",
  ],
  [
    own,
    "another organization's token for this stack's subject",
    PROVIDER,
    "evil",
    subject("acme", "iam-bucket-access", own, "update"),
    "ImplicitlyDenied",
  ],
  [
    own,
    "a Pulumi ESC environment",
    PROVIDER,
    "aws:acme",
    `pulumi:environments:org:acme:env:iam-bucket-access/app-${own}`,
    "ImplicitlyDenied",
  ],
  [
    own,
    "a GitHub Actions token with the same claims",
    GITHUB_PROVIDER,
    "acme",
    subject("acme", "iam-bucket-access", own, "update"),
    "ImplicitlyDenied",
  ],
]);

// user's stack, action, target (references allowed), extra context, AWS's answer
const BOUNDARY_ROWS: readonly Row[] = STACKS.flatMap((own): Row[] => {
  const other = OTHER[own];
  const mfa = (present: string) => ({ "aws:MultiFactorAuthPresent": present });
  return [
    [own, "s3:GetObject", `object:${own}`, {}, "Allowed"],
    [own, "s3:PutObject", `object:${own}`, {}, "Allowed"],
    [own, "s3:DeleteObject", `object:${own}`, {}, "Allowed"],
    [own, "s3:ListBucket", `bucket:${own}`, {}, "Allowed"],
    [own, "s3:ListAllMyBuckets", "*", {}, "Allowed"],
    [own, "s3:GetObject", `object:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:ListBucket", `bucket:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:GetObject", "arn:aws:s3:::acme-payroll/2026/11.csv", {}, "ImplicitlyDenied"],
    [own, "s3:PutBucketPolicy", `bucket:${own}`, {}, "ImplicitlyDenied"],
    [own, "s3:DeleteBucket", `bucket:${own}`, {}, "ImplicitlyDenied"],
    [own, "kms:Decrypt", BUCKET_KEY, { "kms:ViaService": "s3.us-east-1.amazonaws.com" }, "Allowed"],
    [own, "kms:Decrypt", BUCKET_KEY, {}, "ImplicitlyDenied"],
    [own, "iam:ChangePassword", `user:${own}`, {}, "Allowed"],
    [own, "iam:ChangePassword", userIn(own, "someone-else"), {}, "ImplicitlyDenied"],
    // Removing one's MFA device takes MFA, whatever the user's own policy says.
    [own, "iam:DeactivateMFADevice", `user:${own}`, mfa("true"), "Allowed"],
    [own, "iam:DeactivateMFADevice", `user:${own}`, mfa("false"), "ImplicitlyDenied"],
    [own, "iam:DeactivateMFADevice", `user:${other}`, mfa("true"), "ImplicitlyDenied"],
    // The bucket a stack creates refuses plain HTTP by its own policy, whatever the user's says.
    ...(own === "dev"
      ? ([
          [
            own,
            "s3:GetObject",
            `object:${own}`,
            { "aws:SecureTransport": "false" },
            "ExplicitlyDenied",
          ],
          [
            own,
            "s3:PutObject",
            `object:${own}`,
            { "aws:SecureTransport": "false" },
            "ExplicitlyDenied",
          ],
        ] as const)
      : []),
    [own, "iam:CreateAccessKey", `user:${own}`, {}, "ImplicitlyDenied"],
    [own, "iam:CreateUser", userIn(own, "minted"), {}, "ImplicitlyDenied"],
    [
      own,
      "iam:AttachUserPolicy",
      `user:${own}`,
      { "iam:PolicyARN": ADMINISTRATOR },
      "ImplicitlyDenied",
    ],
    [own, "sts:AssumeRole", `role:${own}`, {}, "ImplicitlyDenied"],
    [own, "kms:Decrypt", `key:${own}`, {}, "ImplicitlyDenied"],
    // The stacks' secrets keys refuse use through S3, which the boundary allows for bucket keys.
    [
      own,
      "kms:Decrypt",
      `key:${own}`,
      { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
      "ExplicitlyDenied",
    ],
    [
      own,
      "kms:Decrypt",
      `key:${other}`,
      { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
      "ExplicitlyDenied",
    ],
  ];
});

/** The broadest identity policy a deploy role could write for its users. */
const EVERYTHING = {
  Version: "2012-10-17",
  Statement: [{ Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" }],
};

/** Reads one stack's fixture from the bootstrap run and the stack's own run. */
async function fixtureOf(admin: ProgramRun, stack: Stack, run: ProgramRun): Promise<Fixture> {
  const role = inputsOf(admin, "aws:iam/role:Role", `${stack}-deploy`);
  const boundary = inputsOf(admin, "aws:iam/policy:Policy", `${stack}-boundary`);
  const environment = (admin.outputs.environments as Record<string, Record<string, unknown>>)[
    stack
  ];
  const user = inputsOf(run, "aws:iam/user:User", "app");
  const policy = inputsOf(run, "aws:iam/policy:Policy", "app-policy");
  return {
    role: iam(`role${String(role.path)}${String(role.name)}`),
    rolePolicy: parsedJson(
      inputsOf(admin, "aws:iam/rolePolicy:RolePolicy", `${stack}-deploy`).policy,
    ),
    trust: parsedJson(role.assumeRolePolicy),
    boundary: parsedJson(boundary.policy),
    boundaryArn: iam(`policy${String(boundary.path)}${String(boundary.name)}`),
    key: await promiseOf(environment.secretsKeyArn as pulumi.Output<string>),
    keyPolicy: parsedJson(inputsOf(admin, "aws:kms/key:Key", `${stack}-secrets`).policy),
    user: iam(`user${String(user.path)}${String(user.name)}`),
    userName: String(user.name),
    policy: iam(`policy${String(policy.path)}${String(policy.name)}`),
    bucket: await promiseOf(run.outputs.bucketName as pulumi.Output<string>),
    run,
  };
}

/**
 * The requests a run's deployment makes that its stack's role would be refused, each as
 * `<why>: <action> on <resource> is <decision>`.
 */
async function refused(
  fixtures: Readonly<Record<Stack, Fixture>>,
  stack: Stack,
  run: ProgramRun,
): Promise<string[]> {
  const fixture = fixtures[stack];
  const requests = deploymentRequests(run.registrations, fixture.key);
  assert.ok(requests.length > 20, `only ${requests.length} requests`);
  const decisions = await Promise.all(
    requests.map(async (request) => {
      const decision = await decide(
        {
          identity: [fixture.rolePolicy],
          resource: resourcePolicyOf(request.resource, fixtures),
        },
        {
          principal: fixture.role,
          ...request,
          context: { "aws:SecureTransport": "true", ...request.context },
        },
      );
      return decision === "Allowed"
        ? []
        : [`${request.why}: ${request.action} on ${request.resource} is ${decision}`];
    }),
  );
  return decisions.flat();
}

/**
 * Every action of AWS's catalog that a stack's role is allowed on a resource a run's deployment
 * touches (its users, roles, policies, key, created bucket) and that no request of that
 * deployment asks for there: a grant the role does not need, each as `<action> on <resource>`.
 */
async function grantedUnasked(
  fixtures: Readonly<Record<Stack, Fixture>>,
  stack: Stack,
  run: ProgramRun,
): Promise<string[]> {
  const fixture = fixtures[stack];
  const requests = deploymentRequests(run.registrations, fixture.key);
  const resources = [...new Set(requests.map((request) => request.resource))];
  const found = await Promise.all(
    resources.map(async (resource) => {
      // On `*`, the services the deploy role's documents name.
      const services = resource === "*" ? ["iam", "s3", "kms"] : [resource.split(":")[2]];
      const actions = await catalogActionsOn(resource, services, fixture.role);
      assert.ok(actions.length > 0, `the catalog has no action on ${resource}`);
      const unasked = actions.filter(
        (action) =>
          !requests.some((request) => request.resource === resource && request.action === action),
      );
      const decisions = await Promise.all(
        unasked.map((action) =>
          decide(
            { identity: [fixture.rolePolicy], resource: resourcePolicyOf(resource, fixtures) },
            {
              principal: fixture.role,
              action,
              resource,
              context: { "aws:SecureTransport": "true" },
            },
          ),
        ),
      );
      return unasked
        .filter((_, i) => decisions[i] === "Allowed")
        .map((action) => `${action} on ${resource}`);
    }),
  );
  return found.flat();
}

describe("the deploy path, decided by an IAM policy engine", () => {
  let fixtures: Record<Stack, Fixture>;
  /** Dev with several identities: more users, the same confinement. */
  let devIdentities: ProgramRun;

  before(async () => {
    const admin = await runProgram("admin", {}, BOOTSTRAP);
    const dev = await runProgram("dev");
    const prod = await runProgram("prod");
    devIdentities = await runProgram("dev", {
      identities: { uploader: { access: "write" }, reporting: { console: false } },
    });
    fixtures = {
      dev: await fixtureOf(admin, "dev", dev),
      prod: await fixtureOf(admin, "prod", prod),
    };
  });

  describe("each deploy role against the other stack", () => {
    itDecidesFor(DEPLOY_ROLE, CONFINEMENT_ROWS, () => fixtures);
  });

  describe("escalation attempts of each deploy role", () => {
    itDecidesFor(DEPLOY_ROLE, ESCALATION_ROWS, () => fixtures);
  });

  describe("each deploy role against its own role, key, the OIDC provider and prod's bucket", () => {
    itDecidesFor(DEPLOY_ROLE, SELF_ROWS, () => fixtures);
  });

  describe("each deploy role, dev's running pull request previews, against the bootstrap's resources", () => {
    itDecidesFor(DEPLOY_ROLE, BOOTSTRAP_ROWS, () => fixtures);
  });

  describe("the buckets the dev role may create", () => {
    itDecidesFor(DEPLOY_ROLE, BUCKET_NAME_ROWS, () => fixtures);
  });

  describe("the dev role, had it granted itself every S3 action in its bucket's policy", () => {
    itDecidesFor(DEPLOY_ROLE, SELF_GRANT_ROWS, () => fixtures, selfGrantingBucketPolicy);
  });

  describe("who may assume each deploy role", () => {
    for (const [stack, who, provider, aud, sub, expected] of TRUST_ROWS) {
      it(`${stack} role: ${who} (aud ${aud}) is ${expected}`, () => {
        const decision = decideTrust(
          fixtures[stack].trust,
          fixtures[stack].role,
          pulumiOidcRequest(provider, aud, sub),
        );
        assert.equal(decision, expected);
      });
    }

    it("is no preview of dev once dev previews no pull requests, and still dev's updates", async () => {
      const admin = await runProgram(
        "admin",
        {
          environments: {
            dev: { branch: "main", createsBucket: true, previewPullRequests: false },
          },
        },
        BOOTSTRAP,
      );
      const trust = parsedJson(inputsOf(admin, "aws:iam/role:Role", "dev-deploy").assumeRolePolicy);
      const decisionFor = (operation: string) =>
        decideTrust(
          trust,
          fixtures.dev.role,
          pulumiOidcRequest(
            PROVIDER,
            "acme",
            subject("acme", "iam-bucket-access", "dev", operation),
          ),
        );
      assert.equal(decisionFor("preview"), "ImplicitlyDenied");
      assert.equal(decisionFor("update"), "Allowed");
    });

    it("is no plain AssumeRole of a principal of the account", () => {
      assert.equal(
        decideTrust(fixtures.dev.trust, fixtures.dev.role, {
          principal: iam("root"),
          action: "sts:AssumeRole",
          context: {},
        }),
        "ImplicitlyDenied",
      );
    });
  });

  describe("a stack's user under its boundary, given a policy of Allow * on *", () => {
    itDecidesFor(BOUNDED_USER, BOUNDARY_ROWS, () => fixtures);
  });

  describe("what a deployment asks of AWS", () => {
    for (const stack of STACKS) {
      it(`is all allowed to ${stack}'s role: up, refresh and destroy of every resource ${stack} registers`, async () => {
        assert.deepEqual(await refused(fixtures, stack, fixtures[stack].run), []);
      });
    }

    it("is all allowed to dev's role for a dev stack of several identities", async () => {
      assert.deepEqual(await refused(fixtures, "dev", devIdentities), []);
    });
  });

  describe("what each deploy role may do beyond what a deployment asks", () => {
    /** Each stack with every feature its identity can have on: what its role must allow at most. */
    const WIDEST = { console: true, accessKeyGeneration: 2, keepPreviousAccessKey: true };
    let widest: Record<Stack, ProgramRun>;

    before(async () => {
      widest = { dev: await runProgram("dev", WIDEST), prod: await runProgram("prod", WIDEST) };
    });

    // Granted though no recorded request asks for it: the provider reads a bucket's region with
    // HeadBucket (s3:ListBucket). Kept: removing a grant changes what the bootstrap deploys.
    const bucketLocationOf = (run: ProgramRun) =>
      run.registrations
        .filter((registration) => registration.type === "aws:s3/bucket:Bucket")
        .map((bucket) => `s3:GetBucketLocation on arn:aws:s3:::${String(bucket.inputs.bucket)}`);

    for (const stack of STACKS) {
      it(`is nothing for ${stack}'s role on the users, policies, key and bucket ${stack} deploys`, async () => {
        assert.deepEqual(
          await grantedUnasked(fixtures, stack, widest[stack]),
          bucketLocationOf(widest[stack]),
        );
      });
    }
  });
});

/**
 * A request of prod's ESC rotator role: action, target (references allowed), AWS's answer, and
 * the request's context beyond TLS.
 */
type RotatorRow = readonly [string, string, Decision, Readonly<Record<string, string>>?];

// The rotator may rotate the keys of its own stack's users, and nothing else.
const ROTATOR_ROWS: readonly RotatorRow[] = [
  ["iam:ListAccessKeys", "user:prod", "Allowed"],
  ["iam:CreateAccessKey", "user:prod", "Allowed"],
  ["iam:DeleteAccessKey", "user:prod", "Allowed"],
  ["iam:GetUser", "user:prod", "Allowed"],
  // Tags only to describe keys (their key is the key id): none a grant elsewhere could key on.
  ["iam:TagUser", "user:prod", "Allowed", { "aws:TagKeys": "AKIAIOSFODNN7EXAMPLE" }],
  ["iam:TagUser", "user:prod", "ImplicitlyDenied", { "aws:TagKeys": "team" }],
  [
    "iam:TagUser",
    "user:prod",
    "ImplicitlyDenied",
    { "aws:TagKeys": "environment", "aws:RequestTag/environment": "dev" },
  ],
  ["iam:TagUser", "user:dev", "ImplicitlyDenied", { "aws:TagKeys": "AKIAIOSFODNN7EXAMPLE" }],
  ["iam:UntagUser", "user:prod", "ImplicitlyDenied"],
  ["iam:UpdateAccessKey", "user:prod", "ImplicitlyDenied"],
  ["iam:UpdateLoginProfile", "user:prod", "ImplicitlyDenied"],
  ["iam:PassRole", "role:prod", "ImplicitlyDenied"],
  ["kms:ScheduleKeyDeletion", "key:prod", "ImplicitlyDenied"],
  ["s3:PutBucketPolicy", "bucket:prod", "ImplicitlyDenied"],
  ["iam:CreateAccessKey", "user:dev", "ImplicitlyDenied"],
  ["iam:DeleteAccessKey", "user:dev", "ImplicitlyDenied"],
  // Another user under prod's own path is not the one ESC rotates: its keys stay out of reach.
  ["iam:CreateAccessKey", userIn("prod", "other-app"), "ImplicitlyDenied"],
  ["iam:DeleteAccessKey", userIn("prod", "other-app"), "ImplicitlyDenied"],
  ["iam:ListAccessKeys", userIn("prod", "other-app"), "ImplicitlyDenied"],
  ["iam:GetUser", userIn("prod", "other-app"), "ImplicitlyDenied"],
  [
    "iam:TagUser",
    userIn("prod", "other-app"),
    "ImplicitlyDenied",
    { "aws:TagKeys": "AKIAIOSFODNN7EXAMPLE" },
  ],
  ["iam:CreateAccessKey", iam("user/admins/alice"), "ImplicitlyDenied"],
  ["iam:CreateUser", userIn("prod", "minted"), "ImplicitlyDenied"],
  ["iam:DeleteUser", "user:prod", "ImplicitlyDenied"],
  ["iam:CreateLoginProfile", "user:prod", "ImplicitlyDenied"],
  ["iam:AttachUserPolicy", "user:prod", "ImplicitlyDenied"],
  ["iam:PutUserPermissionsBoundary", "user:prod", "ImplicitlyDenied"],
  ["iam:CreatePolicyVersion", "policy:prod", "ImplicitlyDenied"],
  ["iam:UpdateAssumeRolePolicy", ROTATOR_ROLE, "ImplicitlyDenied"],
  ["iam:PutRolePolicy", ROTATOR_ROLE, "ImplicitlyDenied"],
  ["sts:AssumeRole", "role:prod", "ImplicitlyDenied"],
  ["kms:Decrypt", "key:prod", "ImplicitlyDenied"],
  ["s3:GetObject", "object:prod", "ImplicitlyDenied"],
];

/** A token presented for the rotator role: what it is, its audience and subject, the answer. */
type RotatorTrustRow = readonly [string, string, string, Decision];

const escSubject = (environment: string) =>
  `pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:${environment}`;

// what presents the token, aud, sub, AWS's answer
const ROTATOR_TRUST_ROWS: readonly RotatorTrustRow[] = [
  [
    "prod's ESC login environment",
    "aws:acme",
    escSubject("iam-bucket-access/rotator-login-prod"),
    "Allowed",
  ],
  [
    "prod's rotation environment",
    "aws:acme",
    escSubject("iam-bucket-access/key-rotation-prod"),
    "ImplicitlyDenied",
  ],
  [
    "prod's application environment",
    "aws:acme",
    escSubject("iam-bucket-access/app-prod"),
    "ImplicitlyDenied",
  ],
  [
    "dev's ESC login environment",
    "aws:acme",
    escSubject("iam-bucket-access/rotator-login-dev"),
    "ImplicitlyDenied",
  ],
  [
    "the login environment's default subject, which any importer shares",
    "aws:acme",
    "pulumi:environments:org:acme:env:iam-bucket-access/rotator-login-prod",
    "ImplicitlyDenied",
  ],
  [
    "the login environment with Deployments' audience",
    "acme",
    escSubject("iam-bucket-access/rotator-login-prod"),
    "ImplicitlyDenied",
  ],
  [
    "an update of prod by Deployments",
    "acme",
    "pulumi:deploy:org:acme:project:iam-bucket-access:stack:prod:operation:update:scope:write",
    "ImplicitlyDenied",
  ],
  [
    "another organization's login environment",
    "aws:evil",
    "pulumi:environments:pulumi.organization.login:evil:currentEnvironment.name:iam-bucket-access/rotator-login-prod",
    "ImplicitlyDenied",
  ],
];

describe("prod's ESC key rotator role, decided by an IAM policy engine", () => {
  let fixtures: Record<Stack, Fixture>;
  let rotatorPolicy: unknown;
  let rotatorTrust: unknown;

  before(async () => {
    const admin = await runProgram("admin", ESC_MODE_BOOTSTRAP, BOOTSTRAP);
    fixtures = {
      dev: await fixtureOf(admin, "dev", await runProgram("dev")),
      prod: await fixtureOf(admin, "prod", await runProgram("prod", ESC_MODE_PROD)),
    };
    rotatorPolicy = parsedJson(
      inputsOf(admin, "aws:iam/rolePolicy:RolePolicy", "prod-rotator").policy,
    );
    rotatorTrust = parsedJson(
      inputsOf(admin, "aws:iam/role:Role", "prod-rotator").assumeRolePolicy,
    );
  });

  for (const [action, target, expected, context = {}] of ROTATOR_ROWS) {
    it(`rotator: ${action} on ${target} ${JSON.stringify(context)} is ${expected}`, async () => {
      const resource = resolve(target, fixtures);
      const decision = await decide(
        { identity: [rotatorPolicy], resource: resourcePolicyOf(resource, fixtures) },
        {
          principal: ROTATOR_ROLE,
          action,
          resource,
          context: { "aws:SecureTransport": "true", ...context },
        },
      );
      assert.equal(decision, expected);
    });
  }

  for (const [who, aud, sub, expected] of ROTATOR_TRUST_ROWS) {
    it(`rotator role: ${who} (aud ${aud}) is ${expected}`, () => {
      const decision = decideTrust(
        rotatorTrust,
        ROTATOR_ROLE,
        pulumiOidcRequest(PROVIDER, aud, sub),
      );
      assert.equal(decision, expected);
    });
  }
});

/** Two users ESC rotates in prod, as `rotatedUsers` would list them. */
const ROTATED = ["iam-bucket-access-prod", "iam-bucket-access-prod-batch"];

// action, user, AWS's answer: each listed user is rotated, the stack's other users are not.
const LISTED_ROTATION_ROWS: readonly (readonly [string, string, Decision])[] = [
  ...ROTATED.flatMap((name): (readonly [string, string, Decision])[] => [
    ["iam:ListAccessKeys", userIn("prod", name), "Allowed"],
    ["iam:CreateAccessKey", userIn("prod", name), "Allowed"],
    ["iam:DeleteAccessKey", userIn("prod", name), "Allowed"],
  ]),
  ["iam:CreateAccessKey", userIn("prod", "other-app"), "ImplicitlyDenied"],
  ["iam:DeleteAccessKey", userIn("prod", "other-app"), "ImplicitlyDenied"],
  ["iam:CreateAccessKey", userIn("dev", "iam-bucket-access-prod-batch"), "ImplicitlyDenied"],
];

describe("a rotator role of prod that rotates two listed users, decided by an IAM policy engine", () => {
  const policy = rotatorPolicyFor(
    { partition: "aws", accountId: ACCOUNT_ID },
    "iam-bucket-access",
    "prod",
    ROTATED,
  );
  for (const [action, user, expected] of LISTED_ROTATION_ROWS) {
    it(`rotator: ${action} on ${user} is ${expected}`, async () => {
      const decision = await decide(
        { identity: [policy] },
        {
          principal: ROTATOR_ROLE,
          action,
          resource: user,
          context: { "aws:SecureTransport": "true" },
        },
      );
      assert.equal(decision, expected);
    });
  }
});

/** A role an attacker would make, or a stack would have, in a stack's own path. */
const roleIn = (stack: string, name: string) => iam(`role/iam-bucket-access/${stack}/${name}`);

// The deploy role of a stack with role identities against roles: its stack's, created only
// with the stack's boundary and attached only the stack's policies; every other role, every
// inline policy, every pass and every boundary's removal out of reach.
const ROLE_ROWS: readonly Row[] = STACKS.flatMap((own): Row[] => {
  const other = OTHER[own];
  const minted = roleIn(own, "minted");
  const broad = policyIn(own, "everything");
  const ownBoundary = withBoundary(`boundary:${own}`);
  return [
    // Created only in the stack's path, only with the stack's boundary.
    [own, "iam:CreateRole", minted, ownBoundary, "Allowed"],
    [own, "iam:CreateRole", minted, {}, "ExplicitlyDenied"],
    [own, "iam:CreateRole", minted, withBoundary(ADMINISTRATOR), "ExplicitlyDenied"],
    [own, "iam:CreateRole", minted, withBoundary(`boundary:${other}`), "ExplicitlyDenied"],
    [own, "iam:CreateRole", iam("role/minted"), ownBoundary, "ImplicitlyDenied"],
    [own, "iam:CreateRole", roleIn(other, "minted"), ownBoundary, "ImplicitlyDenied"],
    [
      own,
      "iam:CreateRole",
      iam(`role/iam-bucket-access/iam-bucket-access-deploy-${own}-2`),
      ownBoundary,
      "ImplicitlyDenied",
    ],
    // The boundary: set only to the stack's, never removed.
    [own, "iam:PutRolePermissionsBoundary", minted, ownBoundary, "Allowed"],
    [
      own,
      "iam:PutRolePermissionsBoundary",
      minted,
      withBoundary(ADMINISTRATOR),
      "ExplicitlyDenied",
    ],
    [own, "iam:PutRolePermissionsBoundary", `role:${own}`, ownBoundary, "ImplicitlyDenied"],
    [own, "iam:DeleteRolePermissionsBoundary", minted, {}, "ExplicitlyDenied"],
    // Attached only the stack's policies, and only while it carries the boundary.
    [own, "iam:AttachRolePolicy", minted, { "iam:PolicyARN": broad, ...ownBoundary }, "Allowed"],
    [
      own,
      "iam:AttachRolePolicy",
      minted,
      { "iam:PolicyARN": ADMINISTRATOR, ...ownBoundary },
      "ImplicitlyDenied",
    ],
    [
      own,
      "iam:AttachRolePolicy",
      minted,
      { "iam:PolicyARN": `policy:${other}`, ...ownBoundary },
      "ImplicitlyDenied",
    ],
    [
      own,
      "iam:AttachRolePolicy",
      roleIn(own, "legacy"),
      { "iam:PolicyARN": broad },
      "ImplicitlyDenied",
    ],
    [
      own,
      "iam:AttachRolePolicy",
      `role:${own}`,
      { "iam:PolicyARN": broad, ...ownBoundary },
      "ImplicitlyDenied",
    ],
    // Never an inline policy, never passed to a service or an instance, on any role.
    [own, "iam:PutRolePolicy", minted, {}, "ExplicitlyDenied"],
    [own, "iam:PutRolePolicy", `role:${own}`, {}, "ExplicitlyDenied"],
    [
      own,
      "iam:PassRole",
      minted,
      { "iam:PassedToService": "lambda.amazonaws.com" },
      "ExplicitlyDenied",
    ],
    [own, "iam:PassRole", `role:${own}`, {}, "ExplicitlyDenied"],
    [own, "iam:AddRoleToInstanceProfile", iam("instance-profile/minted"), {}, "ImplicitlyDenied"],
    // Who may assume a role: the stack's roles' to change, no other's.
    [own, "iam:UpdateAssumeRolePolicy", minted, {}, "Allowed"],
    [own, "iam:UpdateAssumeRolePolicy", `role:${own}`, {}, "ExplicitlyDenied"],
    [own, "iam:UpdateAssumeRolePolicy", roleIn(other, "app"), {}, "ExplicitlyDenied"],
    [own, "iam:UpdateAssumeRolePolicy", ROTATOR_ROLE, {}, "ExplicitlyDenied"],
    [own, "iam:UpdateAssumeRolePolicy", iam("role/admin"), {}, "ExplicitlyDenied"],
    // The stack's roles are its own to change and delete; the other stack's and the bootstrap's not.
    [own, "iam:DeleteRole", minted, {}, "Allowed"],
    [own, "iam:UpdateRole", minted, {}, "Allowed"],
    [own, "iam:DetachRolePolicy", minted, { "iam:PolicyARN": broad }, "Allowed"],
    [own, "iam:DeleteRole", roleIn(other, "app"), {}, "ImplicitlyDenied"],
    [own, "iam:DeleteRole", `role:${own}`, {}, "ImplicitlyDenied"],
    [own, "iam:UpdateRole", `role:${other}`, {}, "ImplicitlyDenied"],
    [
      own,
      "iam:DetachRolePolicy",
      `role:${own}`,
      { "iam:PolicyARN": ADMINISTRATOR },
      "ImplicitlyDenied",
    ],
    // Tags as on users: the environment's own, each with its own value.
    [own, "iam:TagRole", minted, tagged("environment", own), "Allowed"],
    [own, "iam:TagRole", minted, tagged("environment", other), "ExplicitlyDenied"],
    [own, "iam:TagRole", minted, { "aws:TagKeys": "team" }, "ExplicitlyDenied"],
    [
      own,
      "iam:CreateRole",
      minted,
      { ...ownBoundary, ...tagged("environment", other) },
      "ExplicitlyDenied",
    ],
    // Assuming the stack's roles, Roles Anywhere and GitHub's provider are not the deploy role's.
    [own, "sts:AssumeRole", minted, {}, "ExplicitlyDenied"],
    [own, "rolesanywhere:CreateTrustAnchor", "*", {}, "ImplicitlyDenied"],
    [own, "rolesanywhere:CreateProfile", "*", {}, "ImplicitlyDenied"],
    [own, "iam:CreateOpenIDConnectProvider", GITHUB_PROVIDER, {}, "ImplicitlyDenied"],
  ];
});

/** A session of a stack's role at its broadest: a policy of Allow * on *, within its boundary. */
const BOUNDED_ROLE: Asker = {
  label: "role session",
  principal: (fixture) => `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${fixture.userName}/session`,
  policies: (fixture) => ({ identity: [EVERYTHING], boundary: fixture.boundary }),
  context: () => ({}),
};

// role's stack, action, target (references allowed), extra context, AWS's answer
const ROLE_BOUNDARY_ROWS: readonly Row[] = STACKS.flatMap((own): Row[] => {
  const other = OTHER[own];
  return [
    [own, "s3:GetObject", `object:${own}`, {}, "Allowed"],
    [own, "s3:PutObject", `object:${own}`, {}, "Allowed"],
    [own, "s3:ListBucket", `bucket:${own}`, {}, "Allowed"],
    [own, "s3:GetObject", `object:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:GetObject", "arn:aws:s3:::acme-payroll/2026/11.csv", {}, "ImplicitlyDenied"],
    [own, "s3:PutBucketPolicy", `bucket:${own}`, {}, "ImplicitlyDenied"],
    [own, "kms:Decrypt", BUCKET_KEY, { "kms:ViaService": "s3.us-east-1.amazonaws.com" }, "Allowed"],
    [own, "kms:Decrypt", BUCKET_KEY, {}, "ImplicitlyDenied"],
    [own, "kms:Decrypt", `key:${own}`, {}, "ImplicitlyDenied"],
    [own, "iam:CreateRole", roleIn(own, "minted"), {}, "ImplicitlyDenied"],
    [own, "iam:PassRole", roleIn(own, "app"), {}, "ImplicitlyDenied"],
    [own, "iam:CreateAccessKey", `user:${own}`, {}, "ImplicitlyDenied"],
    // A role has no user name: the boundary's self-service of console users is none of its.
    [own, "iam:ChangePassword", `user:${own}`, {}, "ImplicitlyDenied"],
    [own, "sts:AssumeRole", `role:${own}`, {}, "ImplicitlyDenied"],
    // The other stack's bucket and users, and every road to another identity's power.
    [own, "s3:ListBucket", `bucket:${other}`, {}, "ImplicitlyDenied"],
    [own, "s3:PutObject", `object:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:CreateAccessKey", `user:${other}`, {}, "ImplicitlyDenied"],
    [own, "iam:PassRole", roleIn(other, "app"), {}, "ImplicitlyDenied"],
    [own, "sts:AssumeRole", roleIn(own, "other-app"), {}, "ImplicitlyDenied"],
    [own, "sts:AssumeRole", roleIn(other, "app"), {}, "ImplicitlyDenied"],
  ];
});

/** Each environment of the committed bootstrap config, with role identities. */
function environmentsWithRoles(): Record<string, unknown> {
  const environments = stackFileConfig("admin", BOOTSTRAP)[
    "iam-bucket-access-bootstrap:environments"
  ] as Record<string, Record<string, unknown>>;
  return Object.fromEntries(
    Object.entries(environments).map(([stack, environment]) => [
      stack,
      { ...environment, roles: true },
    ]),
  );
}

/** A dev role as a dev stack would build it: in dev's path, under dev's boundary and tags. */
function devRole(name: string, trust: RoleTrustSettings, opts: pulumi.ComponentResourceOptions) {
  return new BucketAccessRole(
    name,
    {
      bucket: "iam-bucket-access-dev-0a1b2c3d",
      roleName: `iam-bucket-access-dev-${name}`,
      trust,
      permissionsBoundary: "iam-bucket-access-boundary/iam-bucket-access-dev",
      tags: { environment: "dev", project: "iam-bucket-access" },
    },
    opts,
  );
}

describe("the deploy roles of stacks with roles, decided by an IAM policy engine", () => {
  let fixtures: Record<Stack, Fixture>;

  before(async () => {
    const admin = await runProgram("admin", { environments: environmentsWithRoles() }, BOOTSTRAP);
    fixtures = {
      dev: await fixtureOf(admin, "dev", await runProgram("dev")),
      prod: await fixtureOf(admin, "prod", await runProgram("prod")),
    };
  });

  describe("each deploy role against roles", () => {
    itDecidesFor(DEPLOY_ROLE, ROLE_ROWS, () => fixtures);
  });

  describe("each deploy role, a pull request's preview of dev too, against a role it created trusting it", () => {
    // The deploy role may create a role in its path and write its trust: one that names the
    // deploy role would need no identity grant to be assumed in the same account.
    itDecidesFor(
      DEPLOY_ROLE,
      STACKS.map((own): Row => [
        own,
        "sts:AssumeRole",
        roleIn(own, "minted"),
        {},
        "ExplicitlyDenied",
      ]),
      () => fixtures,
      (_resource, all) => ({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: STACKS.map((stack) => all[stack].role) },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    );
  });

  describe("a session of a stack's role under its boundary, given a policy of Allow * on *", () => {
    itDecidesFor(BOUNDED_ROLE, ROLE_BOUNDARY_ROWS, () => fixtures);
  });

  describe("what a deployment of a stack's roles asks of AWS", () => {
    /** Dev's roles that GitHub Actions and an AWS service assume. */
    let trusted: ProgramRun;

    before(async () => {
      trusted = await componentRun((opts) => {
        devRole("uploader", { github: { repository: "acme/uploader" } }, opts);
        devRole("worker", { services: ["ecs-tasks.amazonaws.com"] }, opts);
      }, "dev");
    });

    it("is all allowed to dev's role for roles GitHub Actions and AWS services assume", async () => {
      assert.ok(trusted.registrations.some((r) => r.type === "aws:iam/role:Role"));
      assert.deepEqual(await refused(fixtures, "dev", trusted), []);
    });

    it("grants dev's role nothing on those roles and their policies that the deployment does not ask", async () => {
      assert.deepEqual(await grantedUnasked(fixtures, "dev", trusted), []);
    });

    it("refuses dev's role only Roles Anywhere's anchor and profile, an administrator's to deploy", async () => {
      const run = await componentRun((opts) => devRole("edge", EDGE_PCA_TRUST, opts), "dev");
      const refusals = await refused(fixtures, "dev", run);
      assert.ok(refusals.length > 0);
      assert.deepEqual(
        refusals.filter((refusal) => !/: rolesanywhere:\w+ on /.test(refusal)),
        [],
      );
    });
  });
});
