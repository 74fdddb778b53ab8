import "../tools/runner/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProgram, stackConfig, stackNames } from "../tools/runner/program";

describe("stackConfig", () => {
  it("names the stack file whose YAML does not parse", () => {
    const dir = mkdtempSync(join(tmpdir(), "project-"));
    writeFileSync(join(dir, "Pulumi.yaml"), "name: app\nruntime: nodejs\n");
    writeFileSync(join(dir, "Pulumi.broken.yaml"), "config:\n  app:tags: [a\n");
    assert.deepEqual(stackNames(dir), ["broken"]);
    assert.throws(() => stackConfig("broken", {}, dir), /Pulumi\.broken\.yaml: /);
  });
});

describe("runProgram", () => {
  it("answers a repeated run from the first, and leaves the mocks on the stack it was asked for", async () => {
    const dev = await runProgram("dev");
    await runProgram("prod");
    assert.equal(await runProgram("dev"), dev);
    assert.equal(pulumi.getStack(), "dev");
    assert.equal(new pulumi.Config().get("console"), "true");
  });

  it("runs afresh when the config differs", async () => {
    const dev = await runProgram("dev");
    const reader = await runProgram("dev", { access: "read" });
    assert.notEqual(reader, dev);
    assert.notDeepEqual(reader.registrations, dev.registrations);
  });
});
