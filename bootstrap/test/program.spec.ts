import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { join, relative } from "node:path";
import { ACCOUNT_ID } from "../../tools/runner/mocks";
import {
  failedProgram,
  ProgramRun,
  projectName,
  promiseOf,
  runProgram,
} from "../../tools/runner/program";
import { BOOTSTRAP, ROOT } from "../../tools/paths";
import { inputsOf, parsedJson, parsedPolicy } from "../../test/support/specHelpers";
import { DEPLOYED_PROJECT } from "../config/bootstrapKeys";
import {
  DEPLOY_OPERATIONS,
  deployRoleTrustPolicy,
  NO_PREVIEW_OPERATIONS,
} from "../iam/deployPolicies";
import { deployPaths } from "../components/deploymentEnvironment";
import { githubOidcProviderArn } from "../../iam/roleTrust";

const PROVIDER = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/api.pulumi.com/oidc`;

/**
 * The project's own files a program loads, from its entry, relative to the project: the
 * modules Node records as required from it, outside node_modules.
 */
function programFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (module: NodeJS.Module | undefined) => {
    if (
      module === undefined ||
      seen.has(module.filename) ||
      module.filename.includes("node_modules")
    ) {
      return;
    }
    seen.add(module.filename);
    module.children.forEach(visit);
  };
  visit(require.cache[require.resolve(entry)]);
  return [...seen].map((file) => relative(ROOT, file)).sort();
}

describe("the bootstrap program (Pulumi.admin.yaml)", () => {
  let run: ProgramRun;

  before(async () => {
    run = await runProgram("admin", {}, BOOTSTRAP);
  });

  it("prepares the project the main Pulumi.yaml names", () => {
    assert.equal(DEPLOYED_PROJECT, projectName(ROOT));
  });

  it("blocks public access account-wide, creates the OIDC provider and each stack's environment", () => {
    assert.deepEqual(
      run.resources.map((r) => `${r.type} ${r.name}`),
      [
        "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock account-public-access-block",
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider pulumi-oidc",
        ...["dev", "prod"].flatMap((stack) => [
          `iam-bucket-access:bootstrap:DeploymentEnvironment ${stack}`,
          `aws:iam/role:Role ${stack}-deploy`,
          `aws:kms/key:Key ${stack}-secrets`,
          `aws:kms/alias:Alias ${stack}-secrets`,
          `aws:iam/policy:Policy ${stack}-boundary`,
          `aws:iam/rolePolicy:RolePolicy ${stack}-deploy`,
          `pulumiservice:index:Stack ${stack}-stack`,
          `pulumiservice:index:DeploymentSettings ${stack}-deployments`,
        ]),
      ],
    );
  });

  it("turns every Block Public Access setting on for the account", () => {
    assert.deepEqual(
      inputsOf(
        run,
        "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
        "account-public-access-block",
      ),
      {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    );
  });

  it("leaves account-wide Block Public Access alone when opted out", async () => {
    const open = await runProgram("admin", { blockPublicAccess: false }, BOOTSTRAP);
    assert.ok(!open.resources.some((r) => r.type.includes("accountPublicAccessBlock")));
  });

  it("registers Pulumi Cloud's issuer with the organization as audience", () => {
    assert.deepEqual(
      inputsOf(run, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "pulumi-oidc"),
      { url: "https://api.pulumi.com/oidc", clientIdLists: ["acme"] },
    );
  });

  for (const stack of ["dev", "prod"]) {
    it(`names ${stack}'s key alias as Pulumi.${stack}.yaml's secrets provider does, with rotation`, async () => {
      assert.equal(
        inputsOf(run, "aws:kms/alias:Alias", `${stack}-secrets`).name,
        `alias/iam-bucket-access-${stack}`,
      );
      assert.equal(inputsOf(run, "aws:kms/key:Key", `${stack}-secrets`).enableKeyRotation, true);
      const environments = run.outputs.environments as Record<
        string,
        Record<string, pulumi.Output<string>>
      >;
      assert.equal(
        await promiseOf(environments[stack].secretsKeyAlias),
        `alias/iam-bucket-access-${stack}`,
      );
    });

    const operations = stack === "prod" ? NO_PREVIEW_OPERATIONS : DEPLOY_OPERATIONS;
    it(`trusts ${stack}'s role to Deployments of ${stack} for ${operations.join(", ")}`, () => {
      const role = inputsOf(run, "aws:iam/role:Role", `${stack}-deploy`);
      assert.deepEqual(
        parsedJson(role.assumeRolePolicy),
        deployRoleTrustPolicy(PROVIDER, "acme", "iam-bucket-access", stack, operations),
      );
      assert.equal(role.path, "/iam-bucket-access/");
    });

    it(`creates ${stack}'s boundary outside every stack's path and exports how to name it`, async () => {
      const boundary = inputsOf(run, "aws:iam/policy:Policy", `${stack}-boundary`);
      assert.equal(boundary.path, "/iam-bucket-access-boundary/");
      assert.equal(boundary.name, `iam-bucket-access-${stack}`);
      const outputs = (run.outputs.environments as Record<string, Record<string, unknown>>)[stack];
      assert.equal(
        outputs.permissionsBoundary,
        `iam-bucket-access-boundary/iam-bucket-access-${stack}`,
      );
      assert.equal(
        await promiseOf(outputs.permissionsBoundaryArn as pulumi.Output<string>),
        `arn:aws:iam::${ACCOUNT_ID}:policy/iam-bucket-access-boundary/iam-bucket-access-${stack}`,
      );
    });

    it(`creates the Pulumi stack ${stack} and keeps it when the environment is removed`, () => {
      assert.deepEqual(inputsOf(run, "pulumiservice:index:Stack", `${stack}-stack`), {
        organizationName: "acme",
        projectName: "iam-bucket-access",
        stackName: stack,
      });
      const built = run.resources.find((r) => r.name === `${stack}-stack`);
      assert.equal(built?.opts.retainOnDelete, true);
    });

    it(`deploys ${stack} on pushes to its branch through OIDC, installing from the lockfile${stack === "prod" ? ", previewing no pull requests" : ""}`, () => {
      const branch = stack === "dev" ? "main" : "release";
      assert.deepEqual(
        inputsOf(run, "pulumiservice:index:DeploymentSettings", `${stack}-deployments`),
        {
          organization: "acme",
          project: "iam-bucket-access",
          stack,
          vcs: {
            provider: "github",
            repository: "acme/iam-bucket-access",
            deployCommits: true,
            previewPullRequests: stack !== "prod",
            pullRequestTemplate: false,
            paths: deployPaths(stack),
          },
          sourceContext: { git: { branch: `refs/heads/${branch}` } },
          operationContext: {
            oidc: {
              aws: {
                roleARN: `arn:aws:iam::${ACCOUNT_ID}:role/iam-bucket-access/iam-bucket-access-deploy-${stack}`,
                sessionName: `pulumi-deploy-${stack}`,
                duration: "1h0m0s",
              },
            },
            options: { skipInstallDependencies: true },
            preRunCommands: ["npm ci --no-audit --no-fund"],
            environmentVariables: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
          },
        },
      );
    });
  }

  it("deploys a stack on a change to any file its program loads, and to no test or doc", async () => {
    await runProgram("dev");
    const loaded = programFiles(join(ROOT, "index.ts"));
    assert.ok(loaded.includes("components/bucketAccessUser.ts"), loaded.join(", "));
    const deploys = (file: string) =>
      deployPaths("dev").some((path) =>
        path.endsWith("/**") ? file.startsWith(path.slice(0, -2)) : file === path,
      );
    assert.deepEqual(
      loaded.filter((file) => !deploys(file)),
      [],
    );
    assert.ok(
      !deploys("README.md") && !deploys("test/config.spec.ts") && !deploys("Pulumi.prod.yaml"),
    );
  });

  it("gives the dev role bucket rights and the prod role none (prod names an existing bucket)", () => {
    const sids = (stack: string) =>
      parsedPolicy(
        inputsOf(run, "aws:iam/rolePolicy:RolePolicy", `${stack}-deploy`).policy,
      ).Statement.map((s) => s.Sid);
    assert.ok(sids("dev").includes("ManageCreatedBucket"));
    assert.ok(!sids("prod").includes("ManageCreatedBucket"));
  });

  it("previews no pull request of a stack that turns previews off, nor lets a preview assume its role", async () => {
    const unpreviewed = await runProgram(
      "admin",
      {
        environments: {
          dev: { branch: "main", createsBucket: true, previewPullRequests: false },
        },
      },
      BOOTSTRAP,
    );
    const settings = inputsOf(
      unpreviewed,
      "pulumiservice:index:DeploymentSettings",
      "dev-deployments",
    );
    assert.equal((settings.vcs as Record<string, unknown>).previewPullRequests, false);
    assert.deepEqual(
      parsedJson(inputsOf(unpreviewed, "aws:iam/role:Role", "dev-deploy").assumeRolePolicy),
      deployRoleTrustPolicy(PROVIDER, "acme", "iam-bucket-access", "dev", NO_PREVIEW_OPERATIONS),
    );
  });

  it("adopts a Pulumi stack that exists already instead of creating it", async () => {
    const adopting = await runProgram(
      "admin",
      {
        environments: {
          prod: { branch: "release", adoptStack: true, buckets: ["acme-app-data-prod"] },
        },
      },
      BOOTSTRAP,
    );
    const stack = adopting.resources.find((r) => r.name === "prod-stack");
    assert.equal(stack?.opts.import, "acme/iam-bucket-access/prod");
    assert.equal(run.resources.find((r) => r.name === "prod-stack")?.opts.import, undefined);
  });

  it("creates prod's ESC rotator role only when asked, and lets ESC tokens' audience in", async () => {
    const rotating = await runProgram(
      "admin",
      {
        environments: {
          prod: { branch: "release", buckets: ["acme-app-data-prod"], escRotation: true },
        },
      },
      BOOTSTRAP,
    );
    assert.deepEqual(
      rotating.resources
        .filter((r) => r.name.endsWith("-rotator"))
        .map((r) => `${r.type} ${r.name}`),
      ["aws:iam/role:Role prod-rotator", "aws:iam/rolePolicy:RolePolicy prod-rotator"],
    );
    assert.equal(
      inputsOf(rotating, "aws:iam/role:Role", "prod-rotator").name,
      "iam-bucket-access-rotator-prod",
    );
    assert.deepEqual(
      inputsOf(rotating, "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "pulumi-oidc")
        .clientIdLists,
      ["acme", "aws:acme"],
    );
    assert.ok(!run.resources.some((r) => r.name.endsWith("-rotator")));
  });

  it("creates the account's GitHub Actions OIDC provider only when asked, and exports its ARN", async () => {
    assert.ok(!run.resources.some((r) => r.name === "github-actions-oidc"));
    assert.equal(run.outputs.githubOidcProviderArn, undefined);
    const github = await runProgram("admin", { githubActionsOidc: true }, BOOTSTRAP);
    assert.deepEqual(
      inputsOf(
        github,
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        "github-actions-oidc",
      ),
      { url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] },
    );
    assert.equal(
      await promiseOf(github.outputs.githubOidcProviderArn as pulumi.Output<string>),
      // The very ARN the stacks' roles trust, which they derive from their account.
      githubOidcProviderArn({ partition: "aws", accountId: ACCOUNT_ID }),
    );
  });

  it("reuses an existing OIDC provider instead of creating one", async () => {
    const reused = await runProgram("admin", { oidcProviderArn: PROVIDER }, BOOTSTRAP);
    assert.ok(!reused.resources.some((r) => r.type.includes("openIdConnectProvider")));
    assert.equal(
      await promiseOf(reused.outputs.oidcProviderArn as pulumi.Output<string>),
      PROVIDER,
    );
  });

  it("fails on invalid config before constructing anything", async () => {
    const { error, built } = await failedProgram("admin", { repository: "nope" }, BOOTSTRAP);
    assert.match(error.message, /config key repository: got "nope"/);
    assert.deepEqual(built, []);
  });
});
