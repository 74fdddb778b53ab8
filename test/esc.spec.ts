import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import {
  escAudience,
  escLoginSubject,
  rotatorLoginEnvironment,
} from "../bootstrap/iam/rotatorPolicies";
import { isRecord } from "../config/json";
import { ESC_FUNCTIONS, shapeProblems } from "./fixtures/escFunctions";
import { ESC_MODE_BOOTSTRAP, ESC_MODE_PROD } from "./support/escMode";
import { decideTrust, pulumiOidcRequest } from "./fixtures/iamSimulator";
import { inputsOf, parsedJson } from "./support/specHelpers";
import { ACCOUNT_ID } from "../tools/runner/mocks";
import { ProgramRun, projectName, runProgram } from "../tools/runner/program";
import { BOOTSTRAP, ROOT } from "../tools/paths";

/** The ESC project the environments live in: the program's name. */
const ESC_PROJECT = "iam-bucket-access";
const ESC_DIR = join(ROOT, "esc");

/** One environment definition of esc/: its name (the file's) and what it holds. */
interface Environment {
  readonly name: string;
  readonly imports: readonly string[];
  readonly values: Readonly<Record<string, unknown>>;
}

const ENVIRONMENTS: readonly Environment[] = readdirSync(ESC_DIR)
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => {
    const definition = parse(readFileSync(join(ESC_DIR, file), "utf8")) as {
      imports?: string[];
      values?: Record<string, unknown>;
    };
    return {
      name: file.slice(0, -".yaml".length),
      imports: definition.imports ?? [],
      values: definition.values ?? {},
    };
  });

const environmentNamed = (name: string) => ENVIRONMENTS.find((e) => e.name === name);

/** Every function call in a value, with its path. */
function callsIn(value: unknown, path: string): { path: string; name: string; input: unknown }[] {
  if (!isRecord(value)) {
    return [];
  }
  return Object.entries(value).flatMap(([key, entry]) =>
    key.startsWith("fn::")
      ? [{ path, name: key, input: entry }, ...callsIn(entry, `${path}.${key}`)]
      : callsIn(entry, `${path}.${key}`),
  );
}

/** Every `${…}` reference in a value, with its path. */
function referencesIn(value: unknown, path: string): { path: string; reference: string }[] {
  if (typeof value === "string") {
    return [...value.matchAll(/\$\{([^}]+)\}/g)].map((match) => ({ path, reference: match[1] }));
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => referencesIn(item, `${path}[${i}]`));
  }
  return isRecord(value)
    ? Object.entries(value).flatMap(([key, entry]) => referencesIn(entry, `${path}.${key}`))
    : [];
}

/** What a reference leads to: a function's output (secret or not), a stack output, or a problem. */
interface Target {
  readonly problem?: string;
  readonly secret?: boolean;
  /** The environment the value it leads to lives in. */
  readonly environment?: string;
}

/** The value at a dotted path of a stack's outputs, as the mocked program exported it. */
async function stackOutputAt(run: ProgramRun, path: readonly string[]): Promise<Target> {
  let value: unknown = run.outputs;
  for (const [i, key] of path.entries()) {
    if (pulumi.Output.isInstance(value) || !isRecord(value) || !(key in value)) {
      return { problem: `no output ${path.slice(0, i + 1).join(".")}` };
    }
    value = value[key];
  }
  return pulumi.Output.isInstance(value)
    ? { secret: await pulumi.isSecret(value) }
    : { problem: `${path.join(".")} is no single output` };
}

/** Follows a reference from a value of an environment to what it leads to. */
async function resolve(
  environment: Environment,
  path: readonly string[],
  runs: Readonly<Record<string, ProgramRun>>,
): Promise<Target> {
  let value: unknown = environment.values;
  for (const [i, key] of path.entries()) {
    if (!isRecord(value)) {
      return { problem: `${path.slice(0, i).join(".")} holds no ${key}` };
    }
    const call = Object.keys(value).find((name) => name.startsWith("fn::"));
    if (call !== undefined) {
      const rest = path.slice(i);
      if (call === "fn::open::pulumi-stacks") {
        const stacks = (value[call] as { stacks: Record<string, { stack: string }> }).stacks;
        const stack = stacks[rest[0]]?.stack;
        return stack === undefined
          ? { problem: `no stack ${rest[0]} is opened` }
          : stackOutputAt(runs[stack], rest.slice(1));
      }
      const fn = ESC_FUNCTIONS[call];
      const output = rest.join(".");
      return fn.outputs.includes(output)
        ? { secret: fn.secretOutputs.includes(output), environment: environment.name }
        : { problem: `${call} has no output ${output}` };
    }
    if (!(key in value)) {
      return { problem: `${path.slice(0, i + 1).join(".")} is no value of ${environment.name}` };
    }
    value = value[key];
  }
  return { environment: environment.name };
}

/** Where a reference of an environment leads, through imports and `environments.<project>.…`. */
async function target(
  environment: Environment,
  reference: string,
  runs: Readonly<Record<string, ProgramRun>>,
): Promise<Target> {
  const path = reference.split(".");
  if (path[0] === "environments") {
    const named = path[1] === ESC_PROJECT ? environmentNamed(path[2]) : undefined;
    return named === undefined
      ? { problem: `no environment ${path[1]}/${path[2]} in esc/` }
      : resolve(named, path.slice(3), runs);
  }
  const holders = [
    environment,
    ...environment.imports.flatMap((name) => {
      const imported = name.startsWith(`${ESC_PROJECT}/`)
        ? environmentNamed(name.slice(ESC_PROJECT.length + 1))
        : undefined;
      return imported === undefined ? [] : [imported];
    }),
  ];
  const holder = holders.find((candidate) => path[0] in candidate.values);
  return holder === undefined
    ? { problem: `${path[0]} is a value of neither ${environment.name} nor its imports` }
    : resolve(holder, path, runs);
}

describe("the ESC environments in esc/", () => {
  let runs: Record<string, ProgramRun>;

  before(async () => {
    runs = {
      "iam-bucket-access-bootstrap/admin": await runProgram("admin", ESC_MODE_BOOTSTRAP, BOOTSTRAP),
      [`${projectName()}/prod`]: await runProgram("prod", ESC_MODE_PROD),
    };
  });

  it("are the login, rotation and application environments of prod", () => {
    assert.deepEqual(ENVIRONMENTS.map((e) => e.name).sort(), [
      "app-prod",
      "key-rotation-prod",
      "rotator-login-prod",
    ]);
  });

  it("find calls that leave out a required input, add one the function has not, or misshape one", () => {
    const login = ESC_FUNCTIONS["fn::open::aws-login"].input;
    assert.deepEqual(shapeProblems({ oidc: { roleArn: "r", sessionName: "s" } }, login, "x"), []);
    assert.deepEqual(shapeProblems({ oidc: { roleArn: "r" } }, login, "x"), [
      "x.oidc.sessionName: required",
    ]);
    assert.deepEqual(
      shapeProblems({ oidc: { roleArn: "r", sessionName: "s", region: "eu" } }, login, "x"),
      ["x.oidc.region: not an input of this function"],
    );
    assert.deepEqual(shapeProblems({ oidc: { roleArn: 1, sessionName: "s" } }, login, "x"), [
      "x.oidc.roleArn: expected text",
    ]);
  });

  for (const environment of ENVIRONMENTS) {
    it(`${environment.name} calls each ESC function in the shape Pulumi documents`, () => {
      const calls = callsIn(environment.values, "values");
      assert.ok(calls.length > 0 || environment.imports.length > 0);
      for (const call of calls) {
        const fn = ESC_FUNCTIONS[call.name];
        assert.ok(fn !== undefined, `${call.path}: ${call.name} is not a function esc/ may use`);
        assert.deepEqual(shapeProblems(call.input, fn.input, `${call.path}.${call.name}`), []);
      }
    });

    it(`${environment.name} refers only to values and outputs that exist`, async () => {
      for (const { path, reference } of referencesIn(environment.values, "values")) {
        const found = await target(environment, reference, runs);
        assert.equal(found.problem, undefined, `${path}: \${${reference}}: ${found.problem}`);
      }
    });
  }

  it("take each value from the output it stands for: the rotator's role, the user, the bucket", () => {
    const referenceAt = (name: string, path: string) =>
      referencesIn((environmentNamed(name) as Environment).values, "values").find(
        (found) => found.path === path,
      )?.reference;
    assert.equal(
      referenceAt("rotator-login-prod", "values.aws.login.fn::open::aws-login.oidc.roleArn"),
      "bootstrap.admin.environments.prod.rotatorRoleArn",
    );
    assert.equal(
      referenceAt("key-rotation-prod", "values.iam.fn::rotate::aws-iam.inputs.userArn"),
      "stack.prod.userArn",
    );
    assert.equal(
      referenceAt("app-prod", "values.environmentVariables.APP_BUCKET"),
      "stack.prod.bucketName",
    );
  });

  it("hand the application the rotated key, its secret kept secret, and none of the rotator's login", async () => {
    const app = environmentNamed("app-prod") as Environment;
    const variables = app.values.environmentVariables as Record<string, string>;
    const secret = await target(app, "iam.current.secretAccessKey", runs);
    assert.equal(variables.AWS_SECRET_ACCESS_KEY, "${iam.current.secretAccessKey}");
    assert.equal(variables.AWS_ACCESS_KEY_ID, "${iam.current.accessKeyId}");
    assert.equal(secret.secret, true);
    assert.ok(!app.imports.some((name) => name.includes("rotator-login")));
    const login = rotatorLoginEnvironment(ESC_PROJECT, "prod");
    for (const { reference } of referencesIn(app.values, "values")) {
      assert.notEqual((await target(app, reference, runs)).environment, login.split("/")[1]);
    }
  });

  it("log the rotator in as the role the bootstrap trusts to that login environment alone", () => {
    const login = environmentNamed("rotator-login-prod") as Environment;
    const oidc = ((login.values.aws as Record<string, unknown>).login as Record<string, unknown>)[
      "fn::open::aws-login"
    ] as { oidc: { subjectAttributes: string[] } };
    assert.deepEqual(oidc.oidc.subjectAttributes, ["currentEnvironment.name"]);
    const admin = runs["iam-bucket-access-bootstrap/admin"];
    const trust = parsedJson(inputsOf(admin, "aws:iam/role:Role", "prod-rotator").assumeRolePolicy);
    const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/iam-bucket-access/iam-bucket-access-rotator-prod`;
    const token = (environment: string) =>
      pulumiOidcRequest(
        `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/api.pulumi.com/oidc`,
        escAudience("acme"),
        escLoginSubject("acme", environment),
      );
    assert.equal(decideTrust(trust, roleArn, token(`${ESC_PROJECT}/${login.name}`)), "Allowed");
    assert.equal(decideTrust(trust, roleArn, token(`${ESC_PROJECT}/app-prod`)), "ImplicitlyDenied");
  });
});
