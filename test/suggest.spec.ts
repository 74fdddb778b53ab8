// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { closestName, editDistance } from "../config/suggest";

describe("editDistance", () => {
  const cases: ReadonlyArray<readonly [string, string, number]> = [
    // one name, another, the edits between them
    ["access", "access", 0],
    ["acess", "access", 1],
    ["BucketName", "bucketName", 0],
    ["prefix", "prefixes", 2],
    ["acsess", "access", 1],
    ["accses", "access", 1],
    ["", "tags", 4],
  ];
  for (const [a, b, distance] of cases) {
    it(`counts ${distance} from ${JSON.stringify(a)} to ${JSON.stringify(b)}`, () => {
      assert.equal(editDistance(a, b), distance);
    });
  }
});

describe("closestName", () => {
  const known = ["bucketName", "access", "prefixes", "path", "tags", "identities"];

  it("finds the name a misspelt one was meant to be", () => {
    assert.equal(closestName("prefix", known), "prefixes");
    assert.equal(closestName("acess", known), "access");
    assert.equal(closestName("identity", known), "identities");
  });

  it("finds nothing for a name close to none", () => {
    assert.equal(closestName("region", known), undefined);
    assert.equal(closestName("x", known), undefined);
    // Two edits away from "tags": too many for a name of four letters.
    assert.equal(closestName("tops", known), undefined);
  });
});
