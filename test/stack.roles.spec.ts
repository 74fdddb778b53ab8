import { ACCOUNT_ID } from "../tools/runner/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { ROLE_OUTPUT_NAMES } from "../components/bucketAccessRole";
import { USER_OUTPUT_NAMES } from "../components/bucketAccessUser";
import { jsonPlan, planCommand } from "./support/planCommand";
import { ProgramRun, promiseOf, runProgram } from "../tools/runner/program";
import { RoleTrustSettings, trustPolicyOf, withRoleDefaults } from "../config/roleArgs";
import { identityOutputs, outputOf, parsedJson, parsedPolicy } from "./support/specHelpers";

const ROLE = "iam-bucket-access:index:BucketAccessRole";
const USER = "iam-bucket-access:index:BucketAccessUser";
const GITHUB: RoleTrustSettings = {
  github: { repository: "acme/uploader", environments: ["production"] },
};
const SERVICES: RoleTrustSettings = { services: ["ecs-tasks.amazonaws.com"] };
const WHERE = { project: "iam-bucket-access", stack: "dev" };

/** The trust policy the role's own builder writes for a trust, in the mocks' account. */
function builtTrustPolicy(trust: RoleTrustSettings): unknown {
  const { trust: resolved } = withRoleDefaults({ roleName: "any", trust }, WHERE);
  return trustPolicyOf(resolved, { partition: "aws", accountId: ACCOUNT_ID }, undefined);
}
const PEM =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ29uZmlkZW50\n-----END CERTIFICATE-----\n";

/** The outputs no role has: a user's key, password and console. */
const USER_ONLY_OUTPUTS = USER_OUTPUT_NAMES.filter(
  (name) => !(ROLE_OUTPUT_NAMES as readonly string[]).includes(name),
);

/** Fails unless no output of a map of outputs is secret. */
async function assertNoSecret(outputs: Readonly<Record<string, unknown>>): Promise<void> {
  for (const name of Object.keys(outputs)) {
    assert.equal(await pulumi.isSecret(outputOf(outputs, name)), false, name);
  }
}

describe("a stack whose identity trusts a GitHub repository (dev with trust)", () => {
  let run: ProgramRun;

  before(async () => {
    run = await runProgram("dev", { trust: GITHUB, maxSessionDuration: 7200 });
  });

  it("builds a BucketAccessRole on the created bucket instead of a user", () => {
    const components = run.resources.filter((r) => r.type === ROLE || r.type === USER);
    assert.deepEqual(
      components.map((r) => `${r.type} ${r.name}`),
      [`${ROLE} app`],
    );
    assert.ok(!run.registrations.some((r) => r.type.startsWith("aws:iam/user")));
    assert.ok(!run.registrations.some((r) => r.type === "aws:iam/accessKey:AccessKey"));
  });

  it("names the role after the stack, under its path and boundary, with the session asked", () => {
    const role = run.registrations.find((r) => r.type === "aws:iam/role:Role");
    assert.deepEqual(
      [
        role?.inputs.name,
        role?.inputs.path,
        role?.inputs.permissionsBoundary,
        role?.inputs.maxSessionDuration,
      ],
      [
        "iam-bucket-access-dev",
        "/iam-bucket-access/dev/",
        `arn:aws:iam::${ACCOUNT_ID}:policy/iam-bucket-access-boundary/iam-bucket-access-dev`,
        7200,
      ],
    );
  });

  it("exports the role and a workflow step that assumes it in the stack's region, no secret", async () => {
    assert.deepEqual(Object.keys(run.outputs).sort(), [
      "accountId",
      "bucketName",
      "githubWorkflowStep",
      "policyArn",
      "policyJson",
      "roleArn",
      "roleName",
      "trustPolicyJson",
    ]);
    await assertNoSecret(run.outputs);
    const roleArn = String(await promiseOf(outputOf(run.outputs, "roleArn")));
    assert.equal(
      roleArn,
      `arn:aws:iam::${ACCOUNT_ID}:role/iam-bucket-access/dev/iam-bucket-access-dev`,
    );
    const step = String(await promiseOf(outputOf(run.outputs, "githubWorkflowStep")));
    assert.match(step, new RegExp(`^ {4}role-to-assume: ${roleArn}$`, "m"));
    assert.match(step, /^ {4}aws-region: us-east-1$/m);
  });

  it("gives the role the trust policy its builder writes for the trust as configured", async () => {
    assert.deepEqual(
      parsedJson(await promiseOf(outputOf(run.outputs, "trustPolicyJson"))),
      builtTrustPolicy(GITHUB),
    );
  });
});

describe("a stack whose identity trusts an AWS service (dev with trust.services)", () => {
  let run: ProgramRun;

  before(async () => {
    run = await runProgram("dev", { trust: SERVICES });
  });

  it("gives the role the trust policy its builder writes for the services configured", async () => {
    assert.deepEqual(
      parsedJson(await promiseOf(outputOf(run.outputs, "trustPolicyJson"))),
      builtTrustPolicy(SERVICES),
    );
  });

  it("exports the role with no workflow step, no key and no secret", async () => {
    assert.ok(run.outputs.roleArn !== undefined);
    for (const name of ["githubWorkflowStep", "credentialProcess", ...USER_ONLY_OUTPUTS]) {
      assert.equal(run.outputs[name], undefined, name);
    }
    await assertNoSecret(run.outputs);
  });
});

describe("a stack whose identity trusts Roles Anywhere certificates", () => {
  it("exports the signing helper's credential_process line for its anchor, profile and role", async () => {
    const run = await runProgram("dev", {
      trust: { rolesAnywhere: { certificates: [PEM], commonNames: ["uploader.acme.example"] } },
    });
    const [anchor, profile, role] = await Promise.all(
      ["trustAnchorArn", "profileArn", "roleArn"].map(async (name) =>
        String(await promiseOf(outputOf(run.outputs, name))),
      ),
    );
    const line = String(await promiseOf(outputOf(run.outputs, "credentialProcess")));
    assert.match(line, /^credential_process = aws_signing_helper credential-process /);
    for (const arn of [anchor, profile, role]) {
      assert.ok(line.includes(` ${arn}`), arn);
    }
    await assertNoSecret(run.outputs);
  });
});

describe("a stack whose identities are a user and a role", () => {
  let run: ProgramRun;

  before(async () => {
    run = await runProgram("dev", {
      // Stack-level user settings are the user's; the role takes none of them.
      console: false,
      identities: { app: {}, ci: { trust: GITHUB, access: "write", prefixes: ["incoming/"] } },
    });
  });

  it("builds a user for the identity without trust and a role for the one with, the stack-level console the user's alone", () => {
    assert.deepEqual(
      run.resources.filter((r) => r.type === ROLE || r.type === USER).map((r) => r.type),
      [USER, ROLE],
    );
  });

  it("exports each under identities.<name>: the user's key secret, nothing of the role's", async () => {
    const user = identityOutputs(run, "app");
    const role = identityOutputs(run, "ci");
    assert.equal(await pulumi.isSecret(outputOf(user, "secretAccessKey")), true);
    assert.equal(user.consolePassword, undefined);
    assert.equal(await promiseOf(outputOf(role, "roleName")), "iam-bucket-access-dev-ci");
    for (const name of USER_ONLY_OUTPUTS) {
      assert.equal(role[name], undefined, name);
    }
    await assertNoSecret(role);
  });

  it("gives the role its own grant on the bucket the stack creates for both", async () => {
    const bucket = await promiseOf(outputOf(identityOutputs(run, "app"), "bucketName"));
    assert.equal(await promiseOf(outputOf(identityOutputs(run, "ci"), "bucketName")), bucket);
    const policy = parsedPolicy(
      await promiseOf(outputOf(identityOutputs(run, "ci"), "policyJson")),
    );
    const sids = policy.Statement.map((s) => s.Sid);
    assert.ok(sids.includes("WriteObjectsInScope") && !sids.includes("ReadObjectsInScope"));
  });
});

describe("npm run plan of a stack with a role", () => {
  const GITHUB_ROLE = ["dev", "--config", "trust.github.repository=acme/uploader"];

  it("shows the role's trust policy, once the bootstrap lets the stack have roles", async () => {
    const plan = await jsonPlan(
      ...GITHUB_ROLE,
      "--bootstrap-config",
      "environments.dev.roles=true",
      "--bootstrap-config",
      "githubActionsOidc=true",
    );
    const trust = plan.policies.filter((policy) => policy.kind === "trust");
    assert.deepEqual(
      trust.map(({ type, name, input }) => [type, name, input]),
      [["aws:iam/role:Role", "app", "assumeRolePolicy"]],
    );
    assert.deepEqual(trust[0].document, parsedJson(plan.outputs.trustPolicyJson));
    assert.deepEqual(
      trust[0].document,
      builtTrustPolicy({ github: { repository: "acme/uploader" } }),
    );
  });

  it("refuses the role while the bootstrap does not allow roles, naming both files", async () => {
    const { code, stderr } = await planCommand(...GITHUB_ROLE);
    assert.equal(code, 1);
    assert.match(
      stderr,
      /^Pulumi\.dev\.yaml and bootstrap\/Pulumi\.admin\.yaml disagree: config key trust: got \{"github":\{"repository":"acme\/uploader"\}\}; expected no trust while bootstrap config key environments\.dev\.roles is not true/m,
    );
  });
});
