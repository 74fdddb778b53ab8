import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { BuiltResource, ProgramRun, promiseOf, runProgram } from "../tools/runner/program";
import { identityOutputs, parsedPolicy } from "./support/specHelpers";

const COMPONENT = "iam-bucket-access:index:BucketAccessUser";

/** The URN of every resource of a run, by type and name. */
async function urnsOf(run: ProgramRun): Promise<Map<string, string>> {
  const urns = new Map<string, string>();
  for (const built of run.resources) {
    urns.set(`${built.type} ${built.name}`, await promiseOf(built.resource.urn));
  }
  return urns;
}

describe("a stack with several identities", () => {
  let run: ProgramRun;

  before(async () => {
    run = await runProgram("dev", {
      identities: {
        uploads: { access: "write", prefixes: ["uploads/"] },
        reports: { access: "read", prefixes: ["reports/"], console: false },
        archive: { bucketName: "archive-bucket", access: "read", accessKey: true },
      },
    });
  });

  it("builds one component per identity, each with distinct resource names", () => {
    const components = run.resources.filter((r) => r.type === COMPONENT).map((r) => r.name);
    assert.deepEqual(components, ["archive", "reports", "uploads"]);
    const names = run.resources
      .filter((r) => r.type.startsWith("aws:iam/"))
      .map((r) => `${r.type} ${r.name}`);
    assert.equal(new Set(names).size, names.length);
  });

  it("shares one created bucket among the identities that name none", async () => {
    assert.equal(run.resources.filter((r) => r.type === "aws:s3/bucket:Bucket").length, 1);
    const created = await promiseOf(identityOutputs(run, "uploads").bucketName);
    assert.equal(await promiseOf(identityOutputs(run, "reports").bucketName), created);
    assert.equal(await promiseOf(identityOutputs(run, "archive").bucketName), "archive-bucket");
  });

  it("rotates each identity's key on its own, keeping one identity's previous key as asked", async () => {
    const rotating = await runProgram("dev", {
      identities: {
        uploads: { accessKeyGeneration: 2, keepPreviousAccessKey: true },
        reports: { accessKeyGeneration: 2 },
        archive: {},
      },
    });
    assert.deepEqual(
      rotating.resources.filter((r) => r.type === "aws:iam/accessKey:AccessKey").map((r) => r.name),
      ["archive-key", "reports-key-2", "uploads-key-2", "uploads-key"],
    );
    const uploads = identityOutputs(rotating, "uploads");
    assert.equal(await pulumi.isSecret(uploads.previousSecretAccessKey), true);
    assert.equal(identityOutputs(rotating, "reports").previousAccessKeyId, undefined);
  });

  it("creates no bucket when every identity names one", async () => {
    const named = await runProgram("dev", { identities: { a: { bucketName: "a-bucket" } } });
    assert.ok(!named.registrations.some((r) => r.type.startsWith("aws:s3/")));
    assert.ok(named.registrations.some((r) => r.type === "aws:iam/user:User"));
  });

  it("exports each identity's outputs under identities.<name>, secrets still secret", async () => {
    assert.deepEqual(Object.keys(run.outputs).sort(), ["accountId", "identities"]);
    for (const name of ["archive", "reports", "uploads"]) {
      const outputs = identityOutputs(run, name);
      assert.equal(await pulumi.isSecret(outputs.secretAccessKey), true, name);
      assert.equal(await pulumi.isSecret(outputs.accessKeyId), false, name);
      assert.match(await promiseOf(outputs.accessKeyId), /^AKIA/);
    }
    assert.equal(await pulumi.isSecret(identityOutputs(run, "uploads").consolePassword), true);
    assert.equal(identityOutputs(run, "reports").consolePassword, undefined);
  });

  it("names each user after the stack and the identity", async () => {
    assert.equal(
      await promiseOf(identityOutputs(run, "reports").userName),
      "iam-bucket-access-dev-reports",
    );
  });

  it("scopes each identity's policy to its own settings", async () => {
    const policy = parsedPolicy(await promiseOf(identityOutputs(run, "uploads").policyJson));
    const sids = policy.Statement.map((s) => s.Sid);
    assert.ok(sids.includes("WriteObjectsInScope") && !sids.includes("ReadObjectsInScope"));
  });
});

describe("moving a stack from the single form to a one-identity map", () => {
  let single: Map<string, string>;

  before(async () => {
    single = await urnsOf(await runProgram("prod"));
  });

  it("keeps every URN when the identity is called app", async () => {
    const moved = await urnsOf(await runProgram("prod", { identities: { app: {} } }));
    assert.deepEqual(moved, single);
  });

  it("aliases every resource to its single-form URN under another name, keeping the user", async () => {
    const run = await runProgram("prod", { identities: { uploader: {} } });
    const component = run.resources.find((r) => r.type === COMPONENT) as BuiltResource;
    assert.deepEqual(component.opts.aliases, [
      { name: "app" },
      { type: "iam-bucket-access:iam:BucketAccessUser" },
      { name: "app", type: "iam-bucket-access:iam:BucketAccessUser" },
    ]);
    const children = run.resources.filter((r) => r.opts.parent === component.resource);
    assert.equal(children.length, 4);
    for (const child of children) {
      const aliases = await Promise.all(
        pulumi
          .allAliases([], child.name, child.type, component.resource, "uploader")
          .map(promiseOf),
      );
      const before = single.get(`${child.type} ${child.name.replace(/^uploader/, "app")}`);
      assert.ok(before !== undefined && aliases.includes(before), `${child.type} ${child.name}`);
    }
    const userName = identityOutputs(run, "uploader").userName;
    assert.equal(await promiseOf(userName), "iam-bucket-access-prod");
  });
});
