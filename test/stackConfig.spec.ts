// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { parseStackConfig } from "../config/stackConfig";
import { INVALID_CONFIG_CASES } from "./invalidConfigCases";

const WHERE = { project: "iam-bucket-access", stack: "dev" };

describe("parseStackConfig", () => {
  it("derives the user name and the created bucket's prefix from project and stack", () => {
    const settings = parseStackConfig({}, WHERE);
    assert.equal(settings.form, "single");
    assert.equal(settings.createdBucketPrefix, "iam-bucket-access-dev");
    assert.deepEqual(
      settings.identities.map((identity) => [identity.name, identity.user.userName]),
      [["app", "iam-bucket-access-dev"]],
    );
  });

  it("reads each value by its declared type", () => {
    const settings = parseStackConfig(
      {
        bucketName: "data-bucket",
        access: "read",
        prefixes: '["in/","out/"]',
        allowDelete: "true",
        listAllBuckets: "false",
        passwordLength: "32",
        accessKeyGeneration: "3",
        console: "true",
        requireMfa: "true",
        accessKey: "false",
        protect: "true",
        tags: '{"team":"data"}',
        userName: "reporting",
      },
      WHERE,
    );
    assert.deepEqual(settings, {
      form: "single",
      createdBucketPrefix: "iam-bucket-access-dev",
      protect: true,
      tags: { team: "data" },
      identities: [
        {
          name: "app",
          bucketName: "data-bucket",
          aliasOfSingle: false,
          user: {
            userName: "reporting",
            access: "read",
            prefixes: ["in/", "out/"],
            allowDelete: true,
            listAllBuckets: false,
            kmsKeyArn: undefined,
            path: undefined,
            permissionsBoundary: undefined,
            console: {
              enabled: true,
              passwordResetRequired: undefined,
              passwordLength: 32,
              requireMfa: true,
            },
            accessKey: { enabled: false, generation: 3 },
            tags: { team: "data" },
            protect: true,
          },
        },
      ],
    });
  });

  it("treats an empty optional text as unset, as Pulumi.yaml's defaults pass it", () => {
    const settings = parseStackConfig(
      { bucketName: "", kmsKeyArn: "", permissionsBoundary: "", path: "", userName: "" },
      WHERE,
    );
    const [identity] = settings.identities;
    assert.equal(identity.bucketName, undefined);
    assert.equal(identity.user.kmsKeyArn, undefined);
    assert.equal(identity.user.permissionsBoundary, undefined);
    assert.equal(identity.user.path, undefined);
    assert.equal(identity.user.userName, "iam-bucket-access-dev");
  });

  describe("with invalid values", () => {
    for (const [what, raw, message] of INVALID_CONFIG_CASES) {
      it(`rejects ${what}`, () => {
        assert.throws(() => parseStackConfig(raw, WHERE), message);
      });
    }

    it("reports every problem at once, one per line", () => {
      assert.throws(
        () => parseStackConfig({ access: "admin", passwordLength: "2", path: "x" }, WHERE),
        (error: Error) => {
          assert.deepEqual(error.message.split("\n"), [
            "invalid stack config:",
            'config key access: got "admin"; expected one of read, write, read-write',
            "config key passwordLength: got 2; expected a whole number from 5 to 128 (the limits AWS " +
              "allows for a generated password)",
            'config key path: got "x"; expected an IAM path that starts and ends with / (e.g. ' +
              "/iam-bucket-access/), printable ASCII, no '//', at most 512 characters",
          ]);
          return true;
        },
      );
    });

    it("asks for a bucketName when the stack's name cannot name a bucket", () => {
      assert.throws(
        () => parseStackConfig({}, { ...WHERE, stack: "Team_Prod" }),
        /config key bucketName: got null; expected a bucket name, as stack "Team_Prod" cannot name a bucket/,
      );
      assert.doesNotThrow(() =>
        parseStackConfig({ bucketName: "data" }, { ...WHERE, stack: "Team_Prod" }),
      );
    });
  });
});

describe("parseStackConfig with identities", () => {
  const identities = (map: object, rest: Record<string, string> = {}) =>
    parseStackConfig({ identities: JSON.stringify(map), ...rest }, WHERE);

  it("gives each identity its own settings over the stack-level ones, in name order", () => {
    const settings = identities(
      {
        uploads: { access: "write", prefixes: ["in/"] },
        reports: { bucketName: "reports-bucket" },
      },
      { access: "read", allowDelete: "true" },
    );
    assert.equal(settings.form, "identities");
    assert.deepEqual(
      settings.identities.map((i) => [
        i.name,
        i.bucketName,
        i.user.access,
        i.user.prefixes,
        i.user.allowDelete,
      ]),
      [
        ["reports", "reports-bucket", "read", undefined, true],
        ["uploads", undefined, "write", ["in/"], true],
      ],
    );
  });

  it("names users after the stack and the identity, and app after the stack alone", () => {
    const settings = identities({ app: {}, reports: {} });
    assert.deepEqual(
      settings.identities.map((i) => [i.name, i.user.userName, i.aliasOfSingle]),
      [
        ["app", "iam-bucket-access-dev", false],
        ["reports", "iam-bucket-access-dev-reports", false],
      ],
    );
  });

  it("keeps the single form's user for a one-identity map of another name, aliased to it", () => {
    const [identity] = identities({ uploader: { access: "write" } }).identities;
    assert.deepEqual(
      [identity.user.userName, identity.aliasOfSingle],
      ["iam-bucket-access-dev", true],
    );
  });

  it("asks the stack name to form a bucket name only when some identity names no bucket", () => {
    const stack = { ...WHERE, stack: "Team_Prod" };
    const map = (value: object) => ({ identities: JSON.stringify(value) });
    assert.doesNotThrow(() => parseStackConfig(map({ a: { bucketName: "a-bucket" } }), stack));
    assert.throws(
      () => parseStackConfig(map({ a: { bucketName: "a-bucket" }, b: {} }), stack),
      /config key bucketName: got null; expected a bucket name, as stack "Team_Prod"/,
    );
  });

  describe("invalid", () => {
    const cases: ReadonlyArray<readonly [string, object | string, RegExp]> = [
      // what is wrong, the identities value, the message
      [
        "an identity name with capitals",
        { Reports: {} },
        /config key identities: got "Reports"; expected identity names of 1 to 32 lowercase/,
      ],
      [
        "an identity name starting with a digit",
        { "1x": {} },
        /config key identities: got "1x"; expected identity names/,
      ],
      [
        "an identity that is not a map",
        { reports: "read" },
        /config key identities\.reports: got "read"; expected a map of that identity's settings/,
      ],
      [
        "an unknown key in an identity",
        { reports: { protect: true } },
        /config key identities\.reports\.protect: got true; expected a key of an identity: bucketName, /,
      ],
      [
        "a value of the wrong type",
        { reports: { passwordLength: "20" } },
        /config key identities\.reports\.passwordLength: got "20"; expected a whole number/,
      ],
      [
        "an invalid setting of one identity",
        { reports: { access: "admin" } },
        /config key identities\.reports\.access: got "admin"; expected one of read, write, read-write/,
      ],
      [
        "two identities with one user name",
        { a: { userName: "shared" }, b: { userName: "shared" } },
        /config key identities\.b\.userName: got "shared"; expected a user name no other identity has \(identity a has it\)/,
      ],
      [
        "an empty map",
        {},
        /config key identities: got "\{\}"; expected a map of identity name to its settings, with at least one identity/,
      ],
      [
        "a list instead of a map",
        ["a"],
        /config key identities: got "\[\\"a\\"\]"; expected a map of identity name/,
      ],
    ];
    for (const [what, value, message] of cases) {
      it(`rejects ${what}`, () => {
        assert.throws(() => identities(value as object), message);
      });
    }

    it("reports a bad stack-level default once, under its own key", () => {
      assert.throws(
        () => identities({ a: {}, b: {} }, { access: "admin" }),
        (error: Error) => {
          assert.deepEqual(error.message.split("\n"), [
            "invalid stack config:",
            'config key access: got "admin"; expected one of read, write, read-write',
          ]);
          return true;
        },
      );
    });
  });
});
