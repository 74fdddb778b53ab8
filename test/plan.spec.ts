import { ACCOUNT_ID } from "../offline/mocks";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type * as PlanModule from "../offline/plan";
import { promiseOf, runProgram } from "../offline/program";
import { outputOf } from "./helpers";

let plans: typeof PlanModule;

before(async () => {
  plans = await import("../offline/plan");
});

/** Runs `npm run plan -- <args>` as a user would, without npm's banner. */
function planCommand(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", join("offline", "plan.ts"), ...args],
    { cwd: join(__dirname, ".."), encoding: "utf8" },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("planStack", () => {
  it("lists every resource prod would create, with its parent and protection", async () => {
    const plan = await plans.planStack("prod");
    assert.deepEqual(plan.resources, [
      { type: "iam-bucket-access:iam:BucketAccessUser", name: "app", protect: false },
      { type: "aws:iam/user:User", name: "app", parent: "app", protect: true },
      { type: "aws:iam/policy:Policy", name: "app-policy", parent: "app", protect: true },
      {
        type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        name: "app-policy-attachment",
        parent: "app",
        protect: true,
      },
      { type: "aws:iam/accessKey:AccessKey", name: "app-key", parent: "app", protect: true },
    ]);
  });

  it("shows the exact policy the stack attaches", async () => {
    const plan = await plans.planStack("prod");
    const expected = await promiseOf(outputOf((await runProgram("prod")).outputs, "policyJson"));
    assert.deepEqual(plan.policies, [
      { type: "aws:iam/policy:Policy", name: "app-policy", document: JSON.parse(String(expected)) },
    ]);
  });

  it("shows the bucket policy of a bucket the stack creates", async () => {
    const plan = await plans.planStack("dev");
    assert.deepEqual(
      plan.policies.map((policy) => policy.name),
      ["bucket-tls-only", "app-policy"],
    );
  });

  it("shows secrets as [secret] and other outputs as they are", async () => {
    const plan = await plans.planStack("dev");
    assert.equal(plan.outputs.secretAccessKey, "[secret]");
    assert.equal(plan.outputs.consolePassword, "[secret]");
    assert.match(plan.outputs.accessKeyId, /^AKIA/);
    assert.equal(plan.outputs.accountId, ACCOUNT_ID);
  });

  it("shows each identity's outputs by dotted name, masking each secret", async () => {
    const plan = await plans.planStack("prod", { identities: '{"a":{},"b":{"accessKey":false}}' });
    assert.equal(plan.outputs["identities.a.secretAccessKey"], "[secret]");
    assert.match(plan.outputs["identities.a.accessKeyId"], /^AKIA/);
    assert.equal(plan.outputs["identities.b.accessKeyId"], undefined);
    assert.equal(plan.outputs["identities.b.userName"], "iam-bucket-access-prod-b");
  });

  it("applies config overrides as pulumi up --config would", async () => {
    const plan = await plans.planStack("prod", { accessKey: "false" });
    assert.ok(!plan.resources.some((r) => r.type === "aws:iam/accessKey:AccessKey"));
    assert.equal(plan.outputs.secretAccessKey, undefined);
  });

  it("rejects a stack without a stack file", async () => {
    await assert.rejects(
      plans.planStack("staging"),
      /unknown stack "staging": no Pulumi\.staging\.yaml; stacks: dev, prod/,
    );
  });
});

describe("formatPlan", () => {
  it("prints a resource table, each policy and the outputs without secret values", async () => {
    const plan = await plans.planStack("dev");
    const text = plans.formatPlan(plan);
    assert.match(text, /^Stack dev would create 14 resources \(offline plan: /);
    assert.match(text, /\naws:iam\/user:User +app +app +no\n/);
    assert.match(text, /\nPolicy of app-policy \(aws:iam\/policy:Policy\):\n\{\n {2}"Version"/);
    assert.match(text, /\n {2}secretAccessKey +\[secret\]\n/);
    assert.match(text, /\n {2}policyJson +\(the document shown above for app-policy\)\n/);
  });
});

describe("npm run plan", () => {
  it("prints the plan as JSON with --json and exits 0", () => {
    const { code, stdout } = planCommand("prod", "--json");
    assert.equal(code, 0);
    const plan = JSON.parse(stdout) as { stack: string; outputs: Record<string, string> };
    assert.equal(plan.stack, "prod");
    assert.equal(plan.outputs.secretAccessKey, "[secret]");
  });

  it("exits 1 with the config error for invalid config, printing no plan", () => {
    const { code, stdout, stderr } = planCommand("dev", "--config", "access=admin");
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.equal(
      stderr,
      'plan: invalid stack config:\nconfig key access: got "admin"; expected one of read, write, read-write\n',
    );
  });

  it("exits 2 naming the known stacks for an unknown stack", () => {
    const { code, stderr } = planCommand("staging");
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^plan: unknown stack "staging": no Pulumi\.staging\.yaml; stacks: dev, prod\n$/,
    );
  });
});
