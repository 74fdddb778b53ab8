// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { parseStackConfig } from "../components/config";
import { INVALID_CONFIG_CASES } from "./invalidConfigCases";

const WHERE = { project: "iam-bucket-access", stack: "dev" };

describe("parseStackConfig", () => {
  it("derives the user name and the created bucket's prefix from project and stack", () => {
    const settings = parseStackConfig({}, WHERE);
    assert.equal(settings.bucketName, undefined);
    assert.equal(settings.createdBucketPrefix, "iam-bucket-access-dev");
    assert.equal(settings.user.userName, "iam-bucket-access-dev");
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
      bucketName: "data-bucket",
      createdBucketPrefix: "iam-bucket-access-dev",
      user: {
        userName: "reporting",
        access: "read",
        prefixes: ["in/", "out/"],
        allowDelete: true,
        listAllBuckets: false,
        kmsKeyArn: undefined,
        path: undefined,
        permissionsBoundaryArn: undefined,
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
    });
  });

  it("treats an empty optional text as unset, as Pulumi.yaml's defaults pass it", () => {
    const settings = parseStackConfig(
      { bucketName: "", kmsKeyArn: "", permissionsBoundaryArn: "", userName: "" },
      WHERE,
    );
    assert.equal(settings.bucketName, undefined);
    assert.equal(settings.user.kmsKeyArn, undefined);
    assert.equal(settings.user.permissionsBoundaryArn, undefined);
    assert.equal(settings.user.userName, "iam-bucket-access-dev");
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
