// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { parseStackConfig } from "../../config/stackConfig";
import { EnvironmentSettings } from "../config/bootstrapConfig";
import { stackDisagreements } from "../config/stackAgreement";
import { ACM_PCA_ARN } from "../../test/support/roleTrusts";

const PROD = { project: "iam-bucket-access", stack: "prod" };
const ENVIRONMENT: EnvironmentSettings = {
  stack: "prod",
  branch: "release",
  createsBucket: false,
  buckets: ["acme-app-data-prod"],
  production: true,
  previewPullRequests: false,
  roles: false,
  adoptStack: false,
  escRotation: false,
  rotatedUsers: ["iam-bucket-access-prod"],
  tags: { environment: "prod", project: "iam-bucket-access" },
};
/** A role's trusts as the engine passes them. */
const SERVICE_TRUST = { services: ["ecs-tasks.amazonaws.com"] };
const SERVICES = JSON.stringify(SERVICE_TRUST);
const GITHUB = JSON.stringify({ github: { repository: "acme/uploader" } });
const ANYWHERE = JSON.stringify({
  rolesAnywhere: {
    acmPcaArn: ACM_PCA_ARN,
    commonNames: ["uploader.acme.example"],
  },
});
/** A prod stack as committed: the listed bucket and the bootstrap's boundary. */
const AGREEING = {
  bucketName: "acme-app-data-prod",
  permissionsBoundary: "iam-bucket-access-boundary/iam-bucket-access-prod",
};
const disagreements = (
  raw: Record<string, string>,
  environment: EnvironmentSettings | undefined,
  account = { githubActionsOidc: false },
) =>
  stackDisagreements(
    PROD,
    parseStackConfig(
      Object.fromEntries(
        Object.entries(raw).map(([key, value]) => [`iam-bucket-access:${key}`, value]),
      ),
      PROD,
    ),
    environment,
    account,
  );

describe("stackDisagreements", () => {
  it("finds none for a stack with its environment's boundary, path and bucket", () => {
    assert.deepEqual(disagreements(AGREEING, ENVIRONMENT), []);
  });

  it("takes the boundary by its full ARN too", () => {
    const arn =
      "arn:aws:iam::123456789012:policy/iam-bucket-access-boundary/iam-bucket-access-prod";
    assert.deepEqual(disagreements({ ...AGREEING, permissionsBoundary: arn }, ENVIRONMENT), []);
  });

  const cases: ReadonlyArray<
    readonly [string, Record<string, string>, EnvironmentSettings | undefined, RegExp]
  > = [
    // what disagrees, stack config, its environment, the problem named
    [
      "a stack the bootstrap has no environment for",
      AGREEING,
      undefined,
      /^stack prod: no environment in the bootstrap config; add environments\.prod there/,
    ],
    [
      "a stack without the boundary",
      { bucketName: "acme-app-data-prod" },
      ENVIRONMENT,
      /^config key permissionsBoundary: got ""; expected iam-bucket-access-boundary\/iam-bucket-access-prod, the boundary the bootstrap creates for prod/,
    ],
    [
      "another stack's boundary",
      { ...AGREEING, permissionsBoundary: "iam-bucket-access-boundary/iam-bucket-access-dev" },
      ENVIRONMENT,
      /^config key permissionsBoundary: got "iam-bucket-access-boundary\/iam-bucket-access-dev"/,
    ],
    [
      "a path outside the stack's own",
      { ...AGREEING, path: "/iam-bucket-access/" },
      ENVIRONMENT,
      /^config key path: got "\/iam-bucket-access\/"; expected \/iam-bucket-access\/prod\/, the only path prod's deploy role may use/,
    ],
    [
      "a bucket the environment does not list",
      { ...AGREEING, bucketName: "acme-payroll" },
      ENVIRONMENT,
      /^config key bucketName: got "acme-payroll"; expected a bucket that bootstrap config key environments\.prod\.buckets lists \(\["acme-app-data-prod"\]\): prod's boundary allows no other/,
    ],
    [
      "a created bucket where the role may create none",
      { permissionsBoundary: AGREEING.permissionsBoundary },
      { ...ENVIRONMENT, buckets: [] },
      /^config key bucketName: got ""; expected a bucket name: without one \(empty or unset\) the stack creates a bucket of its own, and bootstrap config key environments\.prod\.createsBucket is not true, so prod's deploy role may not create one$/,
    ],
    [
      "an empty bucketName where the role may create no bucket",
      { ...AGREEING, bucketName: "" },
      ENVIRONMENT,
      /^config key bucketName: got ""; expected a bucket name: without one \(empty or unset\) the stack creates a bucket of its own/,
    ],
    [
      "a tag key the deploy role may not set",
      { ...AGREEING, tags: '{"environment":"prod","team":"finance"}' },
      ENVIRONMENT,
      /^config key tags: got \{"environment":"prod","team":"finance"\}; expected tags among those bootstrap config key environments\.prod\.tags allows \(\{"environment":"prod","project":"iam-bucket-access"\}\): prod's deploy role may set no other \(team=finance\)/,
    ],
    [
      "another stack's value of an allowed tag",
      { ...AGREEING, tags: '{"environment":"dev"}' },
      ENVIRONMENT,
      /^config key tags: got \{"environment":"dev"\}; expected tags among those .*: prod's deploy role may set no other \(environment=dev\)/,
    ],
    [
      "a key of the stack's own where ESC rotates the keys",
      AGREEING,
      { ...ENVIRONMENT, escRotation: true },
      /^config key accessKey: got true; expected false, as bootstrap config key environments\.prod\.escRotation is true: Pulumi ESC rotates the keys of iam-bucket-access-prod/,
    ],
    [
      "a rotated user the stack does not have",
      { ...AGREEING, accessKey: "false" },
      { ...ENVIRONMENT, escRotation: true, rotatedUsers: ["iam-bucket-access-prod-legacy"] },
      /^bootstrap config key environments\.prod\.rotatedUsers: got \["iam-bucket-access-prod-legacy"\]; expected names of stack prod's users \(iam-bucket-access-prod\): iam-bucket-access-prod-legacy is none/,
    ],
    [
      "a role where the deploy role may manage none",
      { ...AGREEING, trust: SERVICES },
      ENVIRONMENT,
      /^config key trust: got \{"services":\["ecs-tasks\.amazonaws\.com"\]\}; expected no trust while bootstrap config key environments\.prod\.roles is not true: prod's deploy role may create no role/,
    ],
    [
      "a role's identity's path outside the stack's own",
      { ...AGREEING, trust: SERVICES, path: "/apps/" },
      { ...ENVIRONMENT, roles: true },
      /^config key path: got "\/apps\/"; expected \/iam-bucket-access\/prod\/, the only path prod's deploy role may use/,
    ],
    [
      "a role without the boundary",
      { bucketName: AGREEING.bucketName, trust: SERVICES },
      { ...ENVIRONMENT, roles: true },
      /^config key permissionsBoundary: got ""; expected iam-bucket-access-boundary\/iam-bucket-access-prod, the boundary the bootstrap creates for prod: its deploy role creates roles with no other$/,
    ],
    [
      "a GitHub role where the bootstrap makes no GitHub provider",
      { ...AGREEING, trust: GITHUB },
      { ...ENVIRONMENT, roles: true },
      /^config key trust\.github: got \{"repository":"acme\/uploader"\}; expected no GitHub trust while bootstrap config key githubActionsOidc is not true: the role is assumed through the account's GitHub Actions OIDC provider/,
    ],
    [
      "a Roles Anywhere role, which no deploy role may deploy",
      { ...AGREEING, trust: ANYWHERE },
      { ...ENVIRONMENT, roles: true },
      /^config key trust\.rolesAnywhere: got \{.*\}; expected no Roles Anywhere trust in a stack prod's deploy role deploys: .*an administrator deploys this stack with their own credentials/,
    ],
    [
      "role rights for a stack of users alone",
      AGREEING,
      { ...ENVIRONMENT, roles: true },
      /^bootstrap config key environments\.prod\.roles: got true; expected false, as no identity of stack prod sets trust: its deploy role needs no role rights$/,
    ],
    [
      "bucket rights for a stack that names its bucket",
      AGREEING,
      { ...ENVIRONMENT, createsBucket: true },
      /^bootstrap config key environments\.prod\.createsBucket: got true; expected false, as stack prod names every bucket it uses/,
    ],
  ];
  for (const [what, raw, environment, problem] of cases) {
    it(`names ${what}`, () => {
      const found = disagreements(raw, environment);
      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0], problem);
    });
  }

  it("finds none for a GitHub role where the environment allows roles and the bootstrap makes the provider", () => {
    assert.deepEqual(
      disagreements(
        { ...AGREEING, trust: GITHUB },
        { ...ENVIRONMENT, roles: true },
        { githubActionsOidc: true },
      ),
      [],
    );
  });

  it("names the role identity whose trust the environment does not allow", () => {
    const found = disagreements(
      { ...AGREEING, identities: JSON.stringify({ app: {}, ci: { trust: SERVICE_TRUST } }) },
      ENVIRONMENT,
    );
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(
      found[0],
      /^config key trust of identity ci: got \{"services":\["ecs-tasks\.amazonaws\.com"\]\}; expected no trust while bootstrap config key environments\.prod\.roles is not true/,
    );
  });

  it("lets a user that ESC does not rotate keep a key of the stack's own", () => {
    const found = disagreements(
      { ...AGREEING, identities: JSON.stringify({ rotated: { accessKey: false }, batch: {} }) },
      { ...ENVIRONMENT, escRotation: true, rotatedUsers: ["iam-bucket-access-prod-rotated"] },
    );
    assert.deepEqual(found, []);
  });

  it("names the identity whose setting disagrees", () => {
    const found = disagreements(
      {
        ...AGREEING,
        identities: JSON.stringify({ reports: {}, archive: { bucketName: "acme-archive" } }),
      },
      ENVIRONMENT,
    );
    assert.deepEqual(found, [
      'config key bucketName of identity archive: got "acme-archive"; expected a bucket that ' +
        'bootstrap config key environments.prod.buckets lists (["acme-app-data-prod"]): ' +
        "prod's boundary allows no other",
    ]);
  });
});
