import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { join } from "node:path";
import { ACCOUNT_ID } from "../../offline/mocks";
import { ProgramRun, projectName, promiseOf, ROOT, runProgram } from "../../offline/program";
import { DEPLOYED_PROJECT } from "../components/config";
import { deployRoleTrustPolicy } from "../components/deployPolicies";
import { deployPaths } from "../components/deploymentEnvironment";

const BOOTSTRAP = join(__dirname, "..");
const PROVIDER = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/api.pulumi.com/oidc`;

/** The inputs of the one registration of a type and name in a run. */
function inputsOf(run: ProgramRun, type: string, name: string): Record<string, unknown> {
  const found = run.registrations.filter((r) => r.type === type && r.name === name);
  assert.equal(found.length, 1, `${found.length} registrations of ${type} ${name}`);
  return found[0].inputs as Record<string, unknown>;
}

describe("the bootstrap program (Pulumi.admin.yaml)", () => {
  let run: ProgramRun;

  before(async () => {
    run = await runProgram("admin", {}, BOOTSTRAP);
  });

  it("prepares the project the main Pulumi.yaml names", () => {
    assert.equal(DEPLOYED_PROJECT, projectName(ROOT));
  });

  it("creates the OIDC provider once and a key, alias, role, permissions and settings per stack", () => {
    assert.deepEqual(
      run.resources.map((r) => `${r.type} ${r.name}`),
      [
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider pulumi-oidc",
        ...["dev", "prod"].flatMap((stack) => [
          `iam-bucket-access:bootstrap:DeploymentEnvironment ${stack}`,
          `aws:iam/role:Role ${stack}-deploy`,
          `aws:kms/key:Key ${stack}-secrets`,
          `aws:kms/alias:Alias ${stack}-secrets`,
          `aws:iam/rolePolicy:RolePolicy ${stack}-deploy`,
          `pulumiservice:index:DeploymentSettings ${stack}-deployments`,
        ]),
      ],
    );
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

    it(`lets only Deployments of ${stack} assume ${stack}'s role`, () => {
      const role = inputsOf(run, "aws:iam/role:Role", `${stack}-deploy`);
      assert.deepEqual(
        JSON.parse(String(role.assumeRolePolicy)),
        deployRoleTrustPolicy(PROVIDER, "acme", "iam-bucket-access", stack),
      );
      assert.equal(role.path, "/iam-bucket-access/");
    });

    it(`deploys ${stack} on pushes to its branch through OIDC, installing from the lockfile`, () => {
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
            previewPullRequests: true,
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

  it("gives the dev role bucket rights and the prod role none (prod names an existing bucket)", () => {
    const sids = (stack: string) =>
      JSON.parse(
        String(inputsOf(run, "aws:iam/rolePolicy:RolePolicy", `${stack}-deploy`).policy),
      ).Statement.map((s: { Sid: string }) => s.Sid);
    assert.ok(sids("dev").includes("ManageProjectBuckets"));
    assert.ok(!sids("prod").includes("ManageProjectBuckets"));
  });

  it("reuses an existing OIDC provider instead of creating one", async () => {
    const reused = await runProgram("admin", { oidcProviderArn: PROVIDER }, BOOTSTRAP);
    assert.ok(!reused.resources.some((r) => r.type.includes("openIdConnectProvider")));
    assert.equal(
      await promiseOf(reused.outputs.oidcProviderArn as pulumi.Output<string>),
      PROVIDER,
    );
  });

  it("fails on invalid config before creating anything", async () => {
    await assert.rejects(
      runProgram("admin", { repository: "nope" }, BOOTSTRAP),
      /config key repository: got "nope"/,
    );
  });
});
