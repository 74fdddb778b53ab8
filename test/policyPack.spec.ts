import { ACCOUNT_ID, DEFAULT_STACK } from "../tools/runner/mocks";
import * as assert from "node:assert/strict";
import { EngineResource, engineResourcesOf } from "./support/engineResources";
import { projectName, runProgram } from "../tools/runner/program";
import { BOOTSTRAP, ROOT } from "../tools/paths";
import { iamUserBoundaryInProduction } from "../policy/iam";
import { GUARDRAILS } from "../policy/policies";
import { ResourceSpec, resourceViolations, stackViolations } from "../policy/test/util";
import { BucketAccessRole } from "../components/bucketAccessRole";
import { componentRun } from "./support/specHelpers";
import { EDGE_PCA_TRUST } from "./support/roleTrusts";

/** A run of a project's stack, as the engine hands its resources to the pack. */
async function engineRun(
  stack: string,
  overrides: Record<string, unknown> = {},
  dir = ROOT,
): Promise<EngineResource[]> {
  return engineResourcesOf(await runProgram(stack, overrides, dir), stack, projectName(dir));
}

/** A resource as a resource validation sees it: its inputs, before its step. */
function asInputs(stack: string, resource: EngineResource): ResourceSpec {
  const { type, name, urn, parent, inputs } = resource;
  return { type, name, urn, parent, stack, props: { ...inputs } };
}

/** A resource as a stack validation sees it at the end of an update: its state. */
function asOutputs(stack: string, resource: EngineResource): ResourceSpec {
  return { ...asInputs(stack, resource), props: { ...resource.outputs } };
}

/** The pack config the stacks are run with: the account the mocked credentials belong to. */
const PACK_CONFIG = { accountId: ACCOUNT_ID };

/** Every violation the pack's policies of an enforcement level report for a run. */
async function violations(
  stack: string,
  resources: readonly EngineResource[],
  level: string,
  config: Record<string, unknown> = PACK_CONFIG,
): Promise<string[]> {
  const messages: string[] = [];
  for (const policy of GUARDRAILS.filter((p) => p.enforcementLevel === level)) {
    const found =
      "validateStack" in policy
        ? await stackViolations(
            policy,
            resources.map((resource) => asOutputs(stack, resource)),
            config,
          )
        : (
            await Promise.all(
              resources.map((resource) =>
                resourceViolations(policy, asInputs(stack, resource), config),
              ),
            )
          ).flat();
    messages.push(...found.map((message) => `${policy.name}: ${message}`));
  }
  return messages;
}

describe("the guardrails on the real programs", () => {
  for (const stack of ["dev", "prod"]) {
    it(`pass every mandatory rule for stack ${stack}`, async () => {
      const resources = await engineRun(stack);
      assert.ok(resources.some(({ type }) => type === "aws:iam/policy:Policy"));
      assert.deepEqual(await violations(stack, resources, "mandatory"), []);
    });
  }

  it("pass every mandatory rule for the bootstrap", async () => {
    const resources = await engineRun("admin", {}, BOOTSTRAP);
    assert.ok(resources.some(({ type }) => type === "aws:iam/rolePolicy:RolePolicy"));
    assert.deepEqual(await violations("admin", resources, "mandatory"), []);
  });

  it("pass every mandatory rule for the project's roles, of every trust", async () => {
    const run = await componentRun((opts) => {
      new BucketAccessRole(
        "uploader",
        {
          bucket: "my-bucket",
          roleName: "uploader",
          permissionsBoundary: "iam-bucket-access-boundary/iam-bucket-access-test",
          trust: {
            github: { repository: "acme/uploader", environments: ["production"] },
            services: ["ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com"],
          },
        },
        opts,
      );
      new BucketAccessRole(
        "edge",
        {
          bucket: "my-bucket",
          roleName: "edge",
          trust: EDGE_PCA_TRUST,
        },
        opts,
      );
    });
    const resources = await engineResourcesOf(run, DEFAULT_STACK, projectName());
    assert.equal(resources.filter(({ type }) => type === "aws:iam/role:Role").length, 2);
    assert.deepEqual(await violations(DEFAULT_STACK, resources, "mandatory"), []);
  });

  it("refuse a role the component only warns of: one every repository of its owner may assume", async () => {
    const run = await componentRun(
      (opts) =>
        new BucketAccessRole(
          "any-repo",
          {
            bucket: "my-bucket",
            roleName: "any-repo",
            trust: { github: { repository: "acme/*" } },
          },
          opts,
        ),
    );
    const found = await violations(
      DEFAULT_STACK,
      await engineResourcesOf(run, DEFAULT_STACK, projectName()),
      "mandatory",
    );
    assert.deepEqual(
      found.map((message) => message.split(":")[0]),
      ["iam-role-github-trust-names-repositories"],
    );
  });

  it("refuse the bootstrap's roles when the pack is configured for another account, so the account rule is not passing vacuously", async () => {
    const resources = await engineRun("admin", {}, BOOTSTRAP);
    const found = await violations("admin", resources, "mandatory", {
      accountId: "999999999999",
    });
    const roles = resources.filter(({ type }) => type === "aws:iam/role:Role");
    assert.ok(roles.length > 0);
    assert.deepEqual(
      [...new Set(found.map((message) => message.split(":")[0]))],
      ["iam-role-trusts-own-account"],
    );
    for (const { name } of roles) {
      assert.ok(
        found.some((message) => message.includes(` ${name}: trust policy `)),
        `no violation for ${name}`,
      );
    }
  });

  it("inspect dev's created bucket, so the bucket rules are not passing vacuously", async () => {
    const resources = await engineRun("dev");
    assert.ok(resources.some(({ type }) => type === "aws:s3/bucket:Bucket"));
  });

  it("see top-level resources as children of the stack, as the engine gives them", async () => {
    const resources = await engineRun("dev");
    const bucket = resources.find(({ type }) => type === "iam-bucket-access:index:SecureBucket");
    assert.equal(
      bucket?.parent,
      "urn:pulumi:dev::iam-bucket-access::pulumi:pulumi:Stack::iam-bucket-access-dev",
    );
    assert.equal(
      bucket?.urn,
      "urn:pulumi:dev::iam-bucket-access::iam-bucket-access:index:SecureBucket::bucket",
    );
  });

  it("have no advice for prod: key only, and its user carries the bootstrap's boundary", async () => {
    assert.deepEqual(await violations("prod", await engineRun("prod"), "advisory"), []);
  });

  it("advise dev's demo user, with console and key, only on its two kinds of credential", async () => {
    const advice = await violations("dev", await engineRun("dev"), "advisory");
    assert.deepEqual(
      advice.map((message) => message.split(":")[0]),
      ["iam-user-one-credential-kind"],
    );
    assert.deepEqual(
      (await violations("dev", await engineRun("dev", { requireMfa: false }), "advisory")).map(
        (message) => message.split(":")[0],
      ),
      ["iam-console-user-mfa", "iam-user-one-credential-kind"],
    );
  });

  it("require a boundary in prod by the pack's default config: prod has one, and fails without it", async () => {
    const userOf = async (overrides: Record<string, unknown>) => {
      const user = (await engineRun("prod", overrides)).find(
        ({ type }) => type === "aws:iam/user:User",
      );
      assert.ok(user !== undefined);
      return asInputs("prod", user);
    };
    assert.deepEqual(await resourceViolations(iamUserBoundaryInProduction, await userOf({})), []);
    assert.equal(
      (
        await resourceViolations(
          iamUserBoundaryInProduction,
          await userOf({ permissionsBoundary: "" }),
        )
      ).length,
      1,
    );
  });
});
