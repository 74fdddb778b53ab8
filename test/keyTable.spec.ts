// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import {
  fromText,
  keySpec,
  Problems,
  projectEntries,
  readEntries,
  readValues,
} from "../config/keyTable";

const TABLE = {
  name: keySpec({ type: "string", description: "A name.", default: { derived: "none" } }),
  size: keySpec({
    type: "integer",
    description: "A size.",
    default: 1,
    rule: (size) => (size > 0 ? undefined : "a size of 1 or more"),
  }),
  kind: keySpec({ type: ["small", "large"], description: "A kind.", default: "small" }),
  items: keySpec({
    type: "string-list",
    description: "Items.",
    default: [],
    itemRule: (item) => (item.endsWith("/") ? undefined : "an item ending in /"),
  }),
  owner: keySpec({
    type: "string",
    description: "Who owns it.",
    default: { derived: "required" },
    required: true,
  }),
};

/** Reads entries against the table; returns the values and the problems. */
function read(entries: Readonly<Record<string, unknown>>) {
  const problems: Problems = [];
  const values = readValues(TABLE, entries, { label: (key) => key, of: "the test" }, problems);
  return { values, problems };
}

describe("fromText", () => {
  it("reads text as the engine passes each type", () => {
    assert.equal(fromText("integer", "20"), 20);
    assert.equal(fromText("boolean", "false"), false);
    assert.deepEqual(fromText("string-list", '["a/"]'), ["a/"]);
    assert.equal(fromText("string-map", "null"), null);
    assert.equal(fromText("string", "plain"), "plain");
  });

  it("reads a list given for a text key as the list, so the type check can name it", () => {
    assert.deepEqual(fromText("string", '["a","b"]'), ["a", "b"]);
  });
});

describe("readValues", () => {
  it("keeps the values that keep their type and rules", () => {
    assert.deepEqual(read({ name: "n", size: 3, kind: "large", items: ["a/"], owner: "o" }), {
      values: { name: "n", size: 3, kind: "large", items: ["a/"], owner: "o" },
      problems: [],
    });
  });

  it("names every problem at once: type, rule, each bad item, unknown and missing keys", () => {
    const { values, problems } = read({ size: 0, kind: "huge", items: ["a/", "b"], nmae: "x" });
    assert.deepEqual(values, {});
    assert.deepEqual(problems, [
      "config key size: got 0; expected a size of 1 or more",
      'config key kind: got "huge"; expected one of small, large',
      'config key items: got "b"; expected an item ending in /',
      'config key nmae: got "x"; expected a key of the test: did you mean name?',
      "config key owner: got null; expected a value, as it is required: Who owns it.",
    ]);
  });

  it("keeps a map of any values for a map key, and names text given for one", () => {
    const problems: Problems = [];
    const table = {
      trust: keySpec({ type: "map", description: "A trust.", default: { derived: "none" } }),
    };
    const reading = { label: (key: string) => key, of: "the test" };
    assert.deepEqual(readValues(table, { trust: { github: { refs: [] } } }, reading, problems), {
      trust: { github: { refs: [] } },
    });
    assert.deepEqual(readValues(table, { trust: "acme/uploader" }, reading, problems), {});
    assert.deepEqual(problems, [
      'config key trust: got "acme/uploader"; expected a map, in YAML under the key or one by ' +
        "one: pulumi config set --path 'trust.<name>' <value>",
    ]);
  });

  it("treats an empty text as unset", () => {
    assert.deepEqual(read({ name: "", owner: "o" }).values, { owner: "o" });
  });
});

describe("readEntries", () => {
  it("reads each named entry against the table, labelled under its name", () => {
    const problems: Problems = [];
    const entries = readEntries(
      TABLE,
      "things",
      { a: { owner: "o" }, B: {}, c: { owner: "o", size: "2" } },
      (name) => (/^[a-z]$/.test(name) ? undefined : "a lowercase letter"),
      "thing",
      problems,
    );
    assert.deepEqual(entries, { a: { owner: "o" }, c: { owner: "o" } });
    assert.deepEqual(problems, [
      'config key things: got "B"; expected a lowercase letter',
      'config key things.c.size: got "2"; expected a whole number',
    ]);
  });
});

describe("projectEntries", () => {
  it("takes the project's namespace, leaves others, and names a misspelt one", () => {
    const problems: Problems = [];
    const own = projectEntries(
      { "app:size": "2", "aws:region": "eu-west-1", "apq:size": "3" },
      "app",
      problems,
    );
    assert.deepEqual(own, { size: "2" });
    assert.deepEqual(problems, [
      'config key apq:size: got "3"; expected a key of the namespace app: did you mean app:size?',
    ]);
  });
});
