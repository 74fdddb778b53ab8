import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { projectName, runProgram, stackNames } from "../offline/program";

interface EscEnvironment {
  values: {
    stackOutputs: { "fn::open::pulumi-stacks": { stacks: Record<string, { stack: string }> } };
    environmentVariables: Record<string, string>;
  };
}

const environment = parse(
  readFileSync(join(__dirname, "..", "esc", "app-prod.yaml"), "utf8"),
) as EscEnvironment;
const opened = environment.values.stackOutputs["fn::open::pulumi-stacks"].stacks;
const variables = environment.values.environmentVariables;

describe("esc/app-prod.yaml", () => {
  it("opens this project's prod stack", () => {
    assert.deepEqual(opened, { prod: { stack: `${projectName()}/prod` } });
    assert.ok(stackNames().includes("prod"));
  });

  it("exposes the access key as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", () => {
    assert.equal(variables.AWS_ACCESS_KEY_ID, "${stackOutputs.prod.accessKeyId}");
    assert.equal(variables.AWS_SECRET_ACCESS_KEY, "${stackOutputs.prod.secretAccessKey}");
  });

  it("names only outputs the prod stack really exports, and the secret key is a secret there", async () => {
    const { outputs } = await runProgram("prod");
    for (const reference of Object.values(variables)) {
      const output = /^\$\{stackOutputs\.prod\.(\w+)\}$/.exec(reference)?.[1];
      assert.ok(output !== undefined && output in outputs, `${reference} names no output of prod`);
    }
    assert.equal(await pulumi.isSecret(outputs.secretAccessKey as pulumi.Output<string>), true);
  });
});
