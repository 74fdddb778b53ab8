import * as assert from "node:assert/strict";
import { benchOptions } from "../bench/run";

describe("npm run bench", () => {
  it("measures in full and writes nothing unless --write is given", () => {
    const { plan, write } = benchOptions([]);
    assert.equal(write, false);
    assert.deepEqual(plan, { startRuns: 5, scaleRuns: 3, identityCounts: [1, 10, 100, 500] });
  });

  it("takes one sample of each, up to 100 identities, with --quick", () => {
    assert.deepEqual(benchOptions(["--quick", "--write"]), {
      plan: { startRuns: 1, scaleRuns: 1, identityCounts: [1, 10, 100] },
      write: true,
      help: false,
    });
  });

  it("refuses an unknown argument, printing its usage", () => {
    assert.throws(
      () => benchOptions(["--quik"]),
      /unknown argument --quik\n\nusage: npm run bench/,
    );
  });
});
