import "../tools/runner/mocks";
import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stackConfig, stackNames } from "../tools/runner/program";

describe("stackConfig", () => {
  it("names the stack file whose YAML does not parse", () => {
    const dir = mkdtempSync(join(tmpdir(), "project-"));
    writeFileSync(join(dir, "Pulumi.yaml"), "name: app\nruntime: nodejs\n");
    writeFileSync(join(dir, "Pulumi.broken.yaml"), "config:\n  app:tags: [a\n");
    assert.deepEqual(stackNames(dir), ["broken"]);
    assert.throws(() => stackConfig("broken", {}, dir), /Pulumi\.broken\.yaml: /);
  });
});
