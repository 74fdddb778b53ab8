import "../../offline/mocks";
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import * as assert from "node:assert/strict";
import { parentUrnOf, ProgramRun, runProgram } from "../../offline/program";
import { iamUserBoundaryInProduction } from "../iam";
import { GUARDRAILS } from "../policies";
import { ResourceSpec, resourceViolations, stackResource, stackViolations } from "./util";

/** The program's resources as the pack would see them: type, inputs, name, stack and parent. */
async function resourcesOf(stack: string, run: ProgramRun): Promise<ResourceSpec[]> {
  const specs: ResourceSpec[] = [];
  for (const registration of run.registrations.filter((r) => r.custom)) {
    const built = run.resources.find(
      (r) => r.type === registration.type && r.name === registration.name,
    );
    specs.push({
      type: registration.type,
      name: registration.name,
      props: { ...registration.inputs },
      stack,
      parent: built === undefined ? undefined : await parentUrnOf(built),
    });
  }
  return specs;
}

/** Every violation the pack's policies of an enforcement level report for a run. */
async function violations(specs: ResourceSpec[], level: string, config = {}): Promise<string[]> {
  const messages: string[] = [];
  for (const policy of GUARDRAILS.filter((p) => p.enforcementLevel === level)) {
    if ("validateStack" in policy) {
      const resources: PolicyResource[] = specs.map(stackResource);
      messages.push(...(await stackViolations(policy as StackValidationPolicy, resources)));
    } else {
      for (const spec of specs) {
        const found = await resourceViolations(policy as ResourceValidationPolicy, spec, config);
        messages.push(...found.map((message) => `${policy.name}: ${message}`));
      }
    }
  }
  return messages;
}

describe("the guardrails on the real program", () => {
  for (const stack of ["dev", "prod"]) {
    it(`pass every mandatory rule for stack ${stack}`, async () => {
      const specs = await resourcesOf(stack, await runProgram(stack));
      assert.ok(specs.some((spec) => spec.type === "aws:iam/policy:Policy"));
      assert.deepEqual(await violations(specs, "mandatory"), []);
    });
  }

  it("inspect dev's created bucket, so the bucket rules are not passing vacuously", async () => {
    const specs = await resourcesOf("dev", await runProgram("dev"));
    assert.ok(specs.some((spec) => spec.type === "aws:s3/bucket:Bucket"));
  });

  for (const stack of ["dev", "prod"]) {
    it(`have no advice for stack ${stack}, whose users carry the bootstrap's boundary`, async () => {
      const specs = await resourcesOf(stack, await runProgram(stack));
      assert.deepEqual(await violations(specs, "advisory"), []);
    });
  }

  it("require a boundary once prod is marked production: prod has one, and fails without it", async () => {
    const config = { productionStacks: ["prod"] };
    const userOf = async (overrides: Record<string, unknown>) =>
      (await resourcesOf("prod", await runProgram("prod", overrides))).filter(
        (spec) => spec.type === "aws:iam/user:User",
      )[0];
    assert.deepEqual(
      await resourceViolations(iamUserBoundaryInProduction, await userOf({}), config),
      [],
    );
    assert.equal(
      (
        await resourceViolations(
          iamUserBoundaryInProduction,
          await userOf({ permissionsBoundary: "" }),
          config,
        )
      ).length,
      1,
    );
  });
});
