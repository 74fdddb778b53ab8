import * as assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analysisInputs, analysisInputsDigest, componentSources } from "../tools/componentSchema";
import { ROOT } from "../tools/paths";

describe("the cached schema analysis", () => {
  it("is keyed by the components and every project file they import, and nothing else", () => {
    const sources = componentSources();
    for (const file of [
      "components/index.ts",
      "config/userArgTypes.ts",
      "components/secureBucket.ts",
      "iam/userPolicy.ts",
      "iam/accessLevels.ts",
    ]) {
      assert.ok(sources.includes(file), file);
    }
    assert.deepEqual(
      sources.filter((file) => !/^(components|config|iam|s3)\//.test(file)),
      [],
    );
  });

  describe("in a copy of the files it reads", () => {
    let copy: string;
    beforeEach(() => {
      copy = mkdtempSync(join(tmpdir(), "schema-inputs-"));
      for (const file of analysisInputs()) {
        cpSync(join(ROOT, file), join(copy, file));
      }
    });
    afterEach(() => rmSync(copy, { recursive: true, force: true }));

    it("has the same key as here, whatever else the repository holds", () => {
      assert.equal(analysisInputsDigest(copy), analysisInputsDigest());
    });

    for (const file of [
      "package.json",
      "package-lock.json",
      "tsconfig.json",
      "iam/userPolicy.ts",
    ]) {
      it(`changes its key when ${file} changes`, () => {
        appendFileSync(join(copy, file), "\n");
        assert.notEqual(analysisInputsDigest(copy), analysisInputsDigest());
      });
    }
  });
});
