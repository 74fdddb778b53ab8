// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { parseConfigPath, setAtPath } from "../tools/configPath";

describe("parseConfigPath", () => {
  const cases: ReadonlyArray<readonly [string, string, readonly (string | number)[]]> = [
    // key as written, the key, the path under it
    ["prefixes", "prefixes", []],
    ["prefixes[0]", "prefixes", [0]],
    ["tags.team", "tags", ["team"]],
    ['tags["cost.center"]', "tags", ["cost.center"]],
    ['tags["say \\"hi\\""]', "tags", ['say "hi"']],
    ["identities.reports.prefixes[1]", "identities", ["reports", "prefixes", 1]],
    ["aws:region", "aws:region", []],
    ["aws:defaultTags.tags.team", "aws:defaultTags", ["tags", "team"]],
  ];
  for (const [text, key, path] of cases) {
    it(`reads ${text} as ${key} ${JSON.stringify(path)}`, () => {
      assert.deepEqual(parseConfigPath(text), { key, path });
    });
  }

  it("refuses a path it cannot read, naming the key and where", () => {
    assert.throws(
      () => parseConfigPath("prefixes[x]"),
      /^Error: config key prefixes\[x\]: not a path .* at \[x\]$/,
    );
    assert.throws(
      () => parseConfigPath("[0]"),
      /config key \[0\]: a path starts with a key's name/,
    );
  });
});

describe("setAtPath", () => {
  const at = (text: string) => parseConfigPath(text);

  it("sets inside the current value, keeping the rest", () => {
    assert.deepEqual(setAtPath({ environment: "dev" }, at("tags.team"), "data"), {
      environment: "dev",
      team: "data",
    });
    assert.deepEqual(setAtPath(["a/"], at("prefixes[0]"), "b/"), ["b/"]);
  });

  it("creates the maps and lists on the way, a list growing by its next item", () => {
    assert.deepEqual(setAtPath(undefined, at("identities.reports.prefixes[0]"), "reports/"), {
      reports: { prefixes: ["reports/"] },
    });
    assert.deepEqual(setAtPath(["a/"], at("prefixes[1]"), "b/"), ["a/", "b/"]);
  });

  it("overwrites a value that is text, as the CLI does", () => {
    assert.deepEqual(setAtPath("reports/", at("prefixes[0]"), "reports/"), ["reports/"]);
  });

  it("takes true, false and whole numbers as what they spell, and anything else as text", () => {
    assert.deepEqual(setAtPath({}, at("a.on"), "true"), { on: true });
    assert.deepEqual(setAtPath({}, at("a.off"), "false"), { off: false });
    assert.deepEqual(setAtPath({}, at("a.n"), "42"), { n: 42 });
    assert.deepEqual(setAtPath({}, at("a.zip"), "0123"), { zip: "0123" });
    assert.deepEqual(setAtPath({}, at("a.ratio"), "1.5"), { ratio: "1.5" });
  });

  it("refuses an index past the end of a list, and a path through a value of another kind", () => {
    assert.throws(
      () => setAtPath(["a/"], at("prefixes[2]"), "c/"),
      /config key prefixes: index 2 is past the end of a list of 1; set the items in order/,
    );
    assert.throws(
      () => setAtPath({ team: "data" }, at("tags[0]"), "x"),
      /config key tags: a list was expected for index 0/,
    );
    assert.throws(
      () => setAtPath(["a/"], at("prefixes.first"), "x"),
      /config key prefixes: a map was expected for first/,
    );
  });

  it("leaves the current value as it was", () => {
    const current = { environment: "dev" };
    setAtPath(current, at("tags.team"), "data");
    assert.deepEqual(current, { environment: "dev" });
  });
});
