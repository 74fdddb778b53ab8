import { ACCOUNT_ID } from "../tools/runner/mocks";
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as plans from "../tools/plan";
import { promiseOf, runProgram, stackNames } from "../tools/runner/program";
import { ACCESS_LEVELS } from "../iam/accessLevels";
import { BOOTSTRAP, ROOT } from "../tools/paths";
import { jsonPlan, planCommand } from "./support/planCommand";
import { componentRun, outputOf } from "./support/specHelpers";
import { BucketAccessRole } from "../components/bucketAccessRole";
import { EDGE_PCA_TRUST } from "./support/roleTrusts";

describe("planStack", () => {
  it("lists every resource prod would create, with its parent and protection", async () => {
    const plan = await plans.planStack("prod");
    assert.deepEqual(
      plan.resources.map(({ inputs: _, ...resource }) => resource),
      [
        { type: "iam-bucket-access:index:BucketAccessUser", name: "app", protect: false },
        { type: "aws:iam/user:User", name: "app", parent: "app", protect: true },
        { type: "aws:iam/policy:Policy", name: "app-policy", parent: "app", protect: true },
        {
          type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
          name: "app-policy-attachment",
          parent: "app",
          protect: true,
        },
        { type: "aws:iam/accessKey:AccessKey", name: "app-key", parent: "app", protect: true },
      ],
    );
  });

  it("shows each resource's key inputs: the user's path, boundary and tags", async () => {
    const plan = await plans.planStack("prod");
    assert.deepEqual(plan.resources.find((r) => r.type === "aws:iam/user:User")?.inputs, {
      name: "iam-bucket-access-prod",
      path: "/iam-bucket-access/prod/",
      permissionsBoundary: `arn:aws:iam::${ACCOUNT_ID}:policy/iam-bucket-access-boundary/iam-bucket-access-prod`,
      tags: { environment: "prod", project: "iam-bucket-access" },
    });
  });

  it("shows the created bucket's lifecycle days and public access flags among its key inputs", async () => {
    const plan = await plans.planStack("dev");
    const inputsOf = (name: string) => plan.resources.find((r) => r.name === name)?.inputs;
    assert.deepEqual(inputsOf("bucket-lifecycle"), {
      "rules.0.noncurrentVersionExpiration.noncurrentDays": 30,
      "rules.1.abortIncompleteMultipartUpload.daysAfterInitiation": 7,
    });
    assert.deepEqual(inputsOf("bucket-public-access-block"), {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  });

  it("shows the exact policy the stack attaches", async () => {
    const plan = await plans.planStack("prod");
    const expected = await promiseOf(outputOf((await runProgram("prod")).outputs, "policyJson"));
    assert.deepEqual(plan.policies, [
      {
        type: "aws:iam/policy:Policy",
        name: "app-policy",
        input: "policy",
        kind: "identity",
        document: JSON.parse(String(expected)) as unknown,
      },
    ]);
  });

  it("shows the bootstrap's trust, role, boundary and key policies of each stack", async () => {
    const plan = await plans.planStack("admin", {}, BOOTSTRAP);
    assert.deepEqual(
      plan.policies
        .filter((policy) => policy.name.startsWith("prod-"))
        .map((policy) => `${policy.kind} ${policy.type} ${policy.name}`),
      [
        "trust aws:iam/role:Role prod-deploy",
        "resource aws:kms/key:Key prod-secrets",
        "identity aws:iam/policy:Policy prod-boundary",
        "identity aws:iam/rolePolicy:RolePolicy prod-deploy",
      ],
    );
  });

  it("refuses a stack that disagrees with its bootstrap environment", async () => {
    await assert.rejects(
      plans.planStack("prod", { permissionsBoundary: "" }),
      /Pulumi\.prod\.yaml and bootstrap\/Pulumi\.admin\.yaml disagree: config key permissionsBoundary: got ""/,
    );
  });

  it("tells a stack that may create no bucket, given an empty bucketName, what empty means", async () => {
    await assert.rejects(plans.planStack("prod", { bucketName: "" }), (error: Error) => {
      assert.match(error.message, /config key bucketName: got ""/);
      assert.match(error.message, /empty or unset/);
      assert.match(error.message, /environments\.prod\.createsBucket/);
      return true;
    });
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

describe("keyInputsOf", () => {
  it("shows a role's boundary, and a Roles Anywhere anchor's source and profile's roles", async () => {
    const { registrations } = await componentRun(
      (opts) =>
        new BucketAccessRole(
          "edge",
          {
            bucket: "my-bucket",
            roleName: "edge",
            permissionsBoundary: "iam-bucket-access-boundary/iam-bucket-access-test",
            trust: EDGE_PCA_TRUST,
          },
          opts,
        ),
    );
    const inputsOf = (type: string) =>
      plans.keyInputsOf(type, registrations.find((r) => r.type === type)?.inputs ?? {});
    assert.deepEqual(inputsOf("aws:iam/role:Role"), {
      name: "edge",
      path: "/iam-bucket-access/test/",
      maxSessionDuration: 3600,
      permissionsBoundary: `arn:aws:iam::${ACCOUNT_ID}:policy/iam-bucket-access-boundary/iam-bucket-access-test`,
    });
    assert.deepEqual(inputsOf("aws:rolesanywhere/trustAnchor:TrustAnchor"), {
      name: "edge",
      "source.sourceType": "AWS_ACM_PCA",
    });
    assert.deepEqual(inputsOf("aws:rolesanywhere/profile:Profile"), {
      name: "edge",
      roleArns: [`arn:aws:iam::${ACCOUNT_ID}:role/iam-bucket-access/test/edge`],
    });
  });
});

describe("formatPlan", () => {
  let plan: plans.Plan;
  let lines: string[];
  let text: string;

  before(async () => {
    plan = await plans.planStack("dev");
    text = plans.formatPlan(plan);
    lines = text.split("\n");
  });

  it("counts the resources and lists each with its type, name, parent and protection", () => {
    assert.match(lines[0], new RegExp(`\\b${plan.resources.length} resources\\b`));
    for (const resource of plan.resources) {
      const row = [resource.type, resource.name, resource.parent ?? "-"];
      assert.ok(
        lines.some(
          (line) =>
            line.split(/ +/).join(" ") === [...row, resource.protect ? "yes" : "no"].join(" "),
        ),
        row.join(" "),
      );
    }
  });

  it("prints each resource's key inputs under its name", () => {
    for (const resource of plan.resources.filter((r) => Object.keys(r.inputs).length > 0)) {
      const at = lines.findIndex((line) => line.includes(`${resource.name} (${resource.type})`));
      assert.ok(at > 0, resource.name);
      for (const [name, value] of Object.entries(resource.inputs)) {
        const shown = typeof value === "string" ? value : JSON.stringify(value);
        assert.ok(
          lines.slice(at + 1).some((line) => line.includes(name) && line.includes(shown)),
          `${resource.name}: ${name}`,
        );
      }
    }
  });

  it("prints each policy document whole, once, and names it where an output repeats it", () => {
    assert.ok(plan.policies.length > 0);
    for (const policy of plan.policies) {
      const document = JSON.stringify(policy.document, null, 2);
      assert.equal(text.split(document).length - 1, 1, policy.name);
    }
    const policyJson = lines.find((line) => line.trim().startsWith("policyJson"));
    assert.match(policyJson ?? "", /app-policy/);
    assert.doesNotMatch(policyJson ?? "", /Statement/);
  });

  it("prints no secret value, and [secret] where a secret output is", async () => {
    const run = await runProgram("dev");
    for (const name of ["secretAccessKey", "consolePassword"]) {
      const secret = String(await promiseOf(outputOf(run.outputs, name)));
      assert.ok(secret.length >= 20, name);
      assert.ok(!text.includes(secret), `${name}'s value is printed`);
      assert.ok(
        lines.some((line) => line.includes(name) && line.includes("[secret]")),
        `${name} is not shown as [secret]`,
      );
    }
  });
});

describe("npm run plan", () => {
  it("prints the plan as JSON with --json and exits 0", async () => {
    const { code, stdout } = await planCommand("prod", "--json");
    assert.equal(code, 0);
    const plan = JSON.parse(stdout) as { stack: string; outputs: Record<string, string> };
    assert.equal(plan.stack, "prod");
    assert.equal(plan.outputs.secretAccessKey, "[secret]");
  });

  it("exits 1 with the config error for invalid config, printing no plan", async () => {
    const { code, stdout, stderr } = await planCommand("dev", "--config", "access=admin");
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(stderr, /\baccess\b.*"admin"/);
    for (const level of ACCESS_LEVELS) {
      assert.ok(stderr.includes(level), `the rule names no access level ${level}`);
    }
  });

  it("takes -c for --config, as pulumi does", async () => {
    const { code, stderr } = await planCommand("dev", "-c", "access=admin");
    assert.equal(code, 1);
    assert.match(stderr, /config key access: got "admin"/);
  });

  it("sets inside a key's value for a key written as a path, as pulumi config set --path does", async () => {
    const plan = await jsonPlan(
      "dev",
      "--config",
      "identities.reports.console=false",
      "--config",
      "identities.reports.prefixes[0]=reports/",
    );
    const policy = plan.policies.find((p) => p.name === "reports-policy");
    assert.match(JSON.stringify(policy?.document), /\/reports\/\*"/);
    assert.ok(!plan.resources.some((r) => r.type === "aws:iam/userLoginProfile:UserLoginProfile"));
  });

  it("adds to a list the stack file sets, item by item, and refuses a gap", async () => {
    const added = await planCommand("prod", "-c", "prefixes[2]=exports/", "--json");
    const plan = JSON.parse(added.stdout) as plans.Plan;
    const policy = JSON.stringify(plan.policies.find((p) => p.name === "app-policy")?.document);
    assert.match(policy, /uploads\/\*.*reports\/\*.*exports\/\*/);
    const gap = await planCommand("prod", "-c", "prefixes[3]=exports/");
    assert.equal(gap.code, 2);
    assert.match(
      gap.stderr,
      /^plan: --config prefixes\[3\]=exports\/: config key prefixes: index 3 is past the end of a list of 2/,
    );
  });

  it("exits 2 naming an option it does not take", async () => {
    const { code, stderr } = await planCommand("dev", "--jsn");
    assert.equal(code, 2);
    assert.match(stderr, /--jsn/);
    assert.match(stderr, /usage: npm run plan/);
  });

  it("plans a bootstrap stack with --project bootstrap", async () => {
    const { code, stdout } = await planCommand("admin", "--project", "bootstrap");
    assert.equal(code, 0);
    assert.equal(stdout, `${plans.formatPlan(await plans.planStack("admin", {}, BOOTSTRAP))}\n`);
  });

  it("exits 2 for --bootstrap-config with a bootstrap stack, which takes --config", async () => {
    const { code, stderr } = await planCommand(
      "admin",
      "--project",
      "bootstrap",
      "--bootstrap-config",
      "githubActionsOidc=true",
    );
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^plan: --bootstrap-config is for a stack of the main project; a bootstrap stack takes --config;/,
    );
  });

  it("exits 2 naming an option given without its value", async () => {
    const { code, stderr } = await planCommand("dev", "--config");
    assert.equal(code, 2);
    assert.match(stderr, /--config/);
    assert.match(stderr, /usage: npm run plan/);
  });

  it("prints its usage with --help and exits 0", async () => {
    const { code, stdout, stderr } = await planCommand("--help");
    assert.equal(code, 0);
    assert.equal(stderr, "");
    assert.match(stdout, /usage: npm run plan/);
  });

  it("exits 2 naming the known stacks for an unknown stack", async () => {
    const { code, stderr } = await planCommand("staging");
    assert.equal(code, 2);
    assert.match(stderr, /"staging"/);
    for (const stack of stackNames()) {
      assert.ok(stderr.includes(stack), `names no stack ${stack}`);
    }
  });
});

describe("the npm run plan commands the README and docs/ show", () => {
  // Each line of a shell block that runs the plan: its page, its arguments less output
  // redirection and the comment, each argument unquoted as the shell would.
  const pages = ["README.md", ...readdirSync(join(ROOT, "docs")).map((page) => `docs/${page}`)];
  const commands = pages.flatMap((page) =>
    [
      ...readFileSync(join(ROOT, page), "utf8").matchAll(
        /^npm run (?:-s )?plan -- (.*?)(?: +> *\S+)?(?: +#.*)?$/gm,
      ),
    ].map(([, args]) => ({
      page,
      args: (args.match(/'[^']*'|\S+/g) ?? []).map((arg) => arg.replace(/^'(.*)'$/, "$1")),
    })),
  );

  it("are shown", () => {
    assert.ok(commands.length >= 5, `${commands.length} commands`);
  });

  for (const { page, args } of commands) {
    it(`run as ${page} shows: npm run plan -- ${args.join(" ")}`, async () => {
      const { code, stderr } = await planCommand(...args);
      assert.equal(code, 0, stderr);
    });
  }
});
