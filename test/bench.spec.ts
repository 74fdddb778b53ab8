import * as assert from "node:assert/strict";
import { benchOptions, perIdentityTrend, writeRefusal } from "../tools/bench/run";

describe("npm run bench", () => {
  it("measures in full and writes nothing unless --write is given", () => {
    const { plan, write } = benchOptions([]);
    assert.equal(write, false);
    assert.deepEqual(plan, {
      testRuns: 3,
      startRuns: 5,
      scaleRuns: 3,
      identityCounts: [1, 10, 100, 500],
    });
  });

  it("takes one sample of each, up to 100 identities, with --quick", () => {
    assert.deepEqual(benchOptions(["--quick", "--write"]), {
      plan: { testRuns: 1, startRuns: 1, scaleRuns: 1, identityCounts: [1, 10, 100] },
      write: true,
      help: false,
    });
  });

  it("refuses an unknown option or any argument, printing its usage", () => {
    assert.throws(
      () => benchOptions(["--quik"]),
      /Unknown option '--quik'.*\n\nusage: npm run bench/,
    );
    assert.throws(
      () => benchOptions(["quick"]),
      /Unexpected argument 'quick'.*\n\nusage: npm run bench/,
    );
  });

  it("prints its usage with --help or -h", () => {
    assert.equal(benchOptions(["--help"]).help, true);
    assert.equal(benchOptions(["-h"]).help, true);
  });

  it("refuses to write results measured with uncommitted changes to tracked files", () => {
    assert.match(writeRefusal(true, [" M index.ts"]) ?? "", /commit or stash first:\n M index\.ts/);
    assert.equal(writeRefusal(true, []), undefined);
    assert.equal(writeRefusal(false, [" M index.ts"]), undefined);
  });

  it("says the time per identity shrinks when it falls, and grows only when it rises", () => {
    assert.equal(
      perIdentityTrend({ n: 10, ms: 990 }, { n: 500, ms: 22843 }),
      "Per-identity time from 10 to 500 identities shrinks to 0.46x.",
    );
    assert.equal(
      perIdentityTrend({ n: 10, ms: 1000 }, { n: 500, ms: 60000 }),
      "Per-identity time from 10 to 500 identities grows 1.20x.",
    );
    assert.equal(
      perIdentityTrend({ n: 10, ms: 1000 }, { n: 100, ms: 10010 }),
      "Per-identity time from 10 to 100 identities stays the same.",
    );
  });
});
