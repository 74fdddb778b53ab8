import * as assert from "node:assert/strict";
import { analysisInputsDigest, componentSources } from "../offline/componentSchema";

describe("the cached schema analysis", () => {
  it("is keyed by the components and every project file they import, and nothing else", () => {
    const sources = componentSources();
    for (const file of [
      "components/index.ts",
      "components/bucketAccessUserArgs.ts",
      "components/secureBucket.ts",
      "iam/userPolicy.ts",
      "iam/accessLevels.ts",
    ]) {
      assert.ok(sources.includes(file), file);
    }
    assert.deepEqual(
      sources.filter((file) => !/^(components|config|iam)\//.test(file)),
      [],
    );
  });

  it("gives the same key for the same files", () => {
    assert.match(analysisInputsDigest(), /^[0-9a-f]{64}$/);
    assert.equal(analysisInputsDigest(), analysisInputsDigest());
  });
});
