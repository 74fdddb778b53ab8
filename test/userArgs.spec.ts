// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { findArgsProblems, withDefaults as withStackDefaults } from "../config/userArgs";
import type { BucketAccessUserArgs } from "../config/userArgTypes";
import { assertLiteralDefaultsApplied, documentedDefaults } from "./support/documentedDefaults";

const WHERE = { project: "iam-bucket-access", stack: "dev" };
const withDefaults = (args: Omit<BucketAccessUserArgs, "bucket">) => withStackDefaults(args, WHERE);

describe("withDefaults", () => {
  it("applies every documented default to the arguments left out, the stack's own path included", () => {
    assert.deepEqual(withDefaults({ userName: "app" }), {
      userName: "app",
      access: "read-write",
      prefixes: [],
      allowDelete: false,
      listAllBuckets: true,
      kmsKeyArn: undefined,
      console: {
        enabled: true,
        passwordResetRequired: true,
        passwordLength: 20,
        passwordGeneration: 1,
        requireMfa: true,
      },
      accessKey: { enabled: true, generation: 1, keepPrevious: false },
      path: "/iam-bucket-access/dev/",
      permissionsBoundary: undefined,
      tags: {},
      protect: false,
    });
  });

  it("keeps every argument that is given, false and zero included", () => {
    const resolved = withDefaults({
      userName: "app",
      listAllBuckets: false,
      console: { enabled: false, passwordLength: 32 },
      accessKey: { generation: 0 },
    });
    assert.equal(resolved.listAllBuckets, false);
    assert.deepEqual(resolved.console, {
      enabled: false,
      passwordResetRequired: true,
      passwordLength: 32,
      passwordGeneration: 1,
      requireMfa: false,
    });
    assert.equal(resolved.accessKey.generation, 0);
  });
});

describe("withDefaults for the MFA rule", () => {
  it("requires MFA whenever the user has a console password, and not without one", () => {
    assert.equal(withDefaults({ userName: "app" }).console.requireMfa, true);
    assert.equal(
      withDefaults({ userName: "app", console: { enabled: false } }).console.requireMfa,
      false,
    );
  });

  it("lets a stack opt out of the MFA rule while keeping the console", () => {
    const resolved = withDefaults({ userName: "app", console: { requireMfa: false } });
    assert.deepEqual([resolved.console.enabled, resolved.console.requireMfa], [true, false]);
  });
});

describe("findArgsProblems", () => {
  it("finds nothing wrong with the defaults and a valid bucket", () => {
    assert.deepEqual(findArgsProblems(withDefaults({ userName: "app" }), "my-bucket"), []);
  });

  it("leaves a bucket that is not known yet to its own creation", () => {
    assert.deepEqual(findArgsProblems(withDefaults({ userName: "app" }), undefined), []);
  });

  it("names each bad field with its value and rule, in field order", () => {
    // "admin" is no AccessLevel; the cast stands for a JavaScript caller, whom types do not stop.
    const problems = findArgsProblems(
      withDefaults({ userName: "a b", access: "admin" as never, accessKey: { generation: 0 } }),
      "Bad",
    );
    assert.deepEqual(
      problems.map((problem) => [problem.field, problem.value]),
      [
        ["bucket", "Bad"],
        ["access", "admin"],
        ["userName", "a b"],
        ["accessKey.generation", 0],
      ],
    );
  });
});

describe("findArgsProblems for tags", () => {
  it("names each bad tag on its own: a bad key as itself, a bad value under its key", () => {
    // 5 is no tag value; the cast stands for a JavaScript caller, whom types do not stop.
    const tags = { team: "data", "aws:owner": "me", cost: 5 as never, "a b": "x|y" };
    assert.deepEqual(findArgsProblems(withDefaults({ userName: "app", tags }), "my-bucket"), [
      {
        field: "tags",
        value: "aws:owner",
        expected: "a tag key that does not start with aws: (AWS reserves those)",
      },
      { field: "tags", at: ".cost", value: 5, expected: "a tag value that is text" },
      {
        field: "tags",
        at: '["a b"]',
        value: "x|y",
        expected: "a tag value of letters, digits, spaces and _.:/=+-@",
      },
    ]);
  });
});

describe("the arguments' doc comments", () => {
  it("state each literal default as withDefaults applies it, and every other as words", () => {
    const documented = documentedDefaults("config/userArgTypes.ts", {
      BucketAccessUserArgs: "",
      ConsoleSettings: "console.",
      AccessKeySettings: "accessKey.",
    });
    assert.ok(documented.size >= 15, `only ${documented.size} documented defaults`);
    assertLiteralDefaultsApplied(documented, withDefaults({ userName: "app" }));
  });
});
