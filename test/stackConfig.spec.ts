// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { parseStackConfig } from "../config/stackConfig";
import { INVALID_CONFIG_CASES } from "./fixtures/invalidConfigCases";
import { roleOf, userOf } from "./support/identities";

const WHERE = { project: "iam-bucket-access", stack: "dev" };
const SERVICES = { services: ["ecs-tasks.amazonaws.com"] };

/** Config as the engine passes it: the project's keys under its namespace, as text. */
const namespaced = (values: Readonly<Record<string, string>>) =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [`iam-bucket-access:${key}`, value]),
  );
const parse = (values: Readonly<Record<string, string>>, where = WHERE) =>
  parseStackConfig(namespaced(values), where);

/** The lines of the one error a config raises. */
function problemsOf(values: Readonly<Record<string, string>>, where = WHERE): string[] {
  try {
    parse(values, where);
  } catch (error) {
    return (error as Error).message.split("\n").slice(1);
  }
  throw new Error("the config was accepted");
}

describe("parseStackConfig", () => {
  it("derives the user name and the created bucket's prefix from project and stack", () => {
    const settings = parse({});
    assert.equal(settings.form, "single");
    assert.equal(settings.createdBucketPrefix, "iam-bucket-access-dev");
    assert.deepEqual(
      settings.identities.map((identity) => [identity.name, userOf(identity).userName]),
      [["app", "iam-bucket-access-dev"]],
    );
  });

  it("reads each value by its declared type", () => {
    const { warnings: _, ...settings } = parse({
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
    });
    assert.deepEqual(settings, {
      form: "single",
      createdBucketPrefix: "iam-bucket-access-dev",
      protect: true,
      tags: { team: "data" },
      identities: [
        {
          kind: "user",
          name: "app",
          bucketName: "data-bucket",
          aliasOfSingle: false,
          user: {
            userName: "reporting",
            access: "read",
            prefixes: ["in/", "out/"],
            allowDelete: true,
            listAllBuckets: false,
            console: { enabled: true, passwordLength: 32, requireMfa: true },
            accessKey: { enabled: false, generation: 3 },
            tags: { team: "data" },
            protect: true,
          },
        },
      ],
    });
  });

  it("treats an empty optional text as unset, as Pulumi.yaml's defaults pass it", () => {
    const [identity] = parse({
      bucketName: "",
      kmsKeyArn: "",
      permissionsBoundary: "",
      path: "",
      userName: "",
    }).identities;
    assert.equal(identity.bucketName, undefined);
    assert.equal(userOf(identity).kmsKeyArn, undefined);
    assert.equal(userOf(identity).permissionsBoundary, undefined);
    assert.equal(userOf(identity).path, undefined);
    assert.equal(userOf(identity).userName, "iam-bucket-access-dev");
  });

  it("leaves other providers' namespaces alone", () => {
    assert.doesNotThrow(() =>
      parseStackConfig({ "aws:region": "eu-west-1", "random:seed": "x" }, WHERE),
    );
  });

  describe("with invalid values", () => {
    for (const [what, raw, message] of INVALID_CONFIG_CASES) {
      it(`rejects ${what}`, () => {
        assert.throws(() => parse(raw), message);
      });
    }

    it("reports every problem of the stack at once, one per line, each naming its key", () => {
      assert.deepEqual(
        problemsOf({
          access: "all",
          passwordLength: "3",
          prefixes: '["reports"]',
          tags: '["x"]',
        }),
        [
          'config key access: got "all"; expected one of read, write, read-write',
          "config key passwordLength: got 3; expected a whole number from 5 to 128 (the limits " +
            "AWS allows for a generated password)",
          'config key prefixes: got "reports"; expected a key prefix ending in / and not ' +
            "starting with / (e.g. reports/), so that data/ can never also match data2/",
          'config key tags: got ["x"]; expected a map of text keys to text values',
        ],
      );
    });

    it("names the namespace a misspelt one was meant to be, instead of ignoring its keys", () => {
      assert.throws(
        () => parseStackConfig({ "iam-bucket-acess:access": "read" }, WHERE),
        /^Error: invalid stack config:\nconfig key iam-bucket-acess:access: got "read"; expected a key of the namespace iam-bucket-access: did you mean iam-bucket-access:access\?$/,
      );
    });

    it("suggests the key a misspelt one was meant to be", () => {
      assert.deepEqual(problemsOf({ prefix: '["reports/"]' }), [
        'config key prefix: got ["reports/"]; expected a key of this project: did you mean prefixes?',
      ]);
    });

    it("names the key that replaced a retired one", () => {
      assert.deepEqual(problemsOf({ permissionsBoundaryArn: "arn:aws:iam::aws:policy/x" }), [
        'config key permissionsBoundaryArn: got "arn:aws:iam::aws:policy/x"; expected no such ' +
          "key: set permissionsBoundary, which takes an ARN or a policy's path and name",
      ]);
    });

    it("reports a list given for a text key as a list, not as a bad name", () => {
      assert.deepEqual(problemsOf({ bucketName: '["a-bucket","b-bucket"]' }), [
        'config key bucketName: got ["a-bucket","b-bucket"]; expected text',
      ]);
    });

    it("reports an empty map key as no value at all", () => {
      assert.deepEqual(problemsOf({ tags: "null" }), [
        "config key tags: got null; expected a map of text keys to text values",
      ]);
    });

    it("asks for a bucketName when the stack's name cannot name a bucket, naming why", () => {
      assert.deepEqual(problemsOf({}, { ...WHERE, stack: "qa_env" }), [
        'config key bucketName: got ""; expected a bucket name, as stack "qa_env" cannot ' +
          "name a bucket of its own (a prefix that keeps the created name an S3 bucket name: 3 " +
          "to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter " +
          "or digit, no '..', not an IP address, no reserved prefix or suffix " +
          '(it has "_"))',
      ]);
      assert.doesNotThrow(() => parse({ bucketName: "data" }, { ...WHERE, stack: "qa_env" }));
    });

    it("names a default derived from a long stack name that breaks its rule", () => {
      const stack = { ...WHERE, stack: "s".repeat(60) };
      assert.deepEqual(problemsOf({ bucketName: "data" }, stack), [
        `config key userName (not set: the default): got "iam-bucket-access-${"s".repeat(60)}"; ` +
          "expected 1 to 64 letters, digits and +=,.@_- (an IAM user name)",
      ]);
    });
  });
});

describe("parseStackConfig's warnings", () => {
  const warningsOf = (values: Record<string, string>) => parse(values).warnings;
  const noConsole =
    "expected no passwordLength while console is false: it shapes a console password, and " +
    "there is none (remove passwordLength, or set console to true)";

  const cases: ReadonlyArray<readonly [string, Record<string, string>, readonly string[]]> = [
    // what is set, raw config, the warnings
    [
      "a password length without a console",
      { console: "false", passwordLength: "30" },
      [`config key passwordLength: got 30; ${noConsole}`],
    ],
    [
      "a password reset setting and generation without a console",
      { console: "false", passwordResetRequired: "false", passwordGeneration: "2" },
      [
        "config key passwordResetRequired: got false; expected no passwordResetRequired while " +
          "console is false: it shapes a console password, and there is none (remove " +
          "passwordResetRequired, or set console to true)",
        "config key passwordGeneration: got 2; expected no passwordGeneration while console is " +
          "false: it shapes a console password, and there is none (remove passwordGeneration, " +
          "or set console to true)",
      ],
    ],
    [
      "a key generation without an access key",
      { accessKey: "false", accessKeyGeneration: "2" },
      [
        "config key accessKeyGeneration: got 2; expected no accessKeyGeneration while accessKey " +
          "is false: it shapes an access key, and there is none (remove accessKeyGeneration, or " +
          "set accessKey to true)",
      ],
    ],
    ["a password length with a console", { passwordLength: "30" }, []],
    // Pulumi.yaml declares every default, so the engine always passes them.
    [
      "the default password length without a console",
      { console: "false", passwordLength: "20" },
      [],
    ],
    [
      "an identity's own password length without its console",
      { identities: '{"a":{"console":false,"passwordLength":30}}' },
      [`config key identities.a.passwordLength: got 30; ${noConsole}`],
    ],
    [
      "a stack-level password length one identity's console does without",
      { passwordLength: "30", identities: '{"a":{"console":false},"b":{}}' },
      [],
    ],
    [
      "a stack-level user setting where every identity is a role",
      { console: "false", identities: JSON.stringify({ ci: { trust: SERVICES } }) },
      [
        "config key console: got false; expected no console while every identity sets trust: " +
          "it is a user's setting, and there is no user (remove console)",
      ],
    ],
    [
      "a stack-level role setting where no identity is a role",
      { maxSessionDuration: "7200", identities: '{"a":{},"b":{}}' },
      [
        "config key maxSessionDuration: got 7200; expected no maxSessionDuration while no " +
          "identity sets trust: it is a role's setting, and there is no role (remove " +
          "maxSessionDuration)",
      ],
    ],
    [
      "a stack-level user setting that a user of the stack takes",
      { console: "false", identities: JSON.stringify({ ci: { trust: SERVICES }, app: {} }) },
      [],
    ],
  ];
  for (const [what, values, warnings] of cases) {
    it(`${warnings.length === 0 ? "warns of nothing for" : "warns of"} ${what}`, () => {
      assert.deepEqual(warningsOf(values), warnings);
    });
  }
});

describe("parseStackConfig's defaults", () => {
  it("let a console user list the account's buckets, and a key-only user not", () => {
    // The resolved value is the component's; the config passes what the user set, or nothing.
    assert.equal(userOf(parse({ console: "false" }).identities[0]).listAllBuckets, undefined);
    assert.equal(userOf(parse({ listAllBuckets: "true" }).identities[0]).listAllBuckets, true);
  });
});

describe("parseStackConfig with identities", () => {
  const identities = (map: object, rest: Record<string, string> = {}) =>
    parse({ identities: JSON.stringify(map), ...rest });
  const identityProblems = (map: object, rest: Record<string, string> = {}) =>
    problemsOf({ identities: JSON.stringify(map), ...rest });

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
        userOf(i).access,
        userOf(i).prefixes,
        userOf(i).allowDelete,
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
      settings.identities.map((i) => [i.name, userOf(i).userName, i.aliasOfSingle]),
      [
        ["app", "iam-bucket-access-dev", false],
        ["reports", "iam-bucket-access-dev-reports", false],
      ],
    );
  });

  it("keeps the single form's user for a one-identity map of another name, aliased to it", () => {
    const [identity] = identities({ uploader: { access: "write" } }).identities;
    assert.deepEqual(
      [userOf(identity).userName, identity.aliasOfSingle],
      ["iam-bucket-access-dev", true],
    );
  });

  it("asks the stack name to form a bucket name only when some identity names no bucket", () => {
    const stack = { ...WHERE, stack: "Team_Prod" };
    const map = (value: object) => ({ identities: JSON.stringify(value) });
    assert.doesNotThrow(() => parse(map({ a: { bucketName: "a-bucket" } }), stack));
    assert.throws(
      () => parse(map({ a: { bucketName: "a-bucket" }, b: {} }), stack),
      /config key bucketName: got ""; expected a bucket name, as stack "Team_Prod"/,
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
        "a stack-wide key in an identity",
        { reports: { protect: true } },
        /config key identities\.reports\.protect: got true; expected no such key: protect is set once for the whole stack/,
      ],
      [
        "a misspelt key in an identity",
        { reports: { acess: "read" } },
        /config key identities\.reports\.acess: got "read"; expected a key of an identity: did you mean access\?/,
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
        "a user's setting on a role identity",
        { ci: { trust: SERVICES, console: false } },
        /config key identities\.ci\.console: got false; expected nothing: a role has no console password or MFA device/,
      ],
      [
        "a role's setting on a user identity",
        { app: { maxSessionDuration: 7200 } },
        /config key identities\.app\.maxSessionDuration: got 7200; expected nothing: maxSessionDuration is a role's, and this identity sets no trust/,
      ],
      [
        "a role identity with a bad trust",
        { ci: { trust: { github: { repository: "*/uploader" } } } },
        /config key identities\.ci\.trust\.github\.repository: got "\*\/uploader"; expected a GitHub repository as owner\/repo/,
      ],
      [
        "a role named as another identity's user",
        { app: {}, ci: { trust: SERVICES, roleName: "iam-bucket-access-dev" } },
        /config key identities\.ci\.roleName: got "iam-bucket-access-dev"; expected a role name no other identity has \(identity app has it by default\)/,
      ],
      [
        "an empty map",
        {},
        /config key identities: got \{\}; expected a map of identity names to their settings, with one at least/,
      ],
      [
        "a list instead of a map",
        ["a"],
        /config key identities: got \["a"\]; expected a map of identity names/,
      ],
    ];
    for (const [what, value, message] of cases) {
      it(`rejects ${what}`, () => {
        assert.throws(() => identities(value as object), message);
      });
    }

    it("names the identity that took another's default user name, not the one that has it", () => {
      assert.deepEqual(
        identityProblems({ reports: {}, archive: { userName: "iam-bucket-access-dev-reports" } }),
        [
          'config key identities.archive.userName: got "iam-bucket-access-dev-reports"; ' +
            "expected a user name no other identity has (identity reports has it by default)",
        ],
      );
    });

    it("says for which identity a stack-level value breaks a rule it shares with another key", () => {
      assert.deepEqual(
        identityProblems({ reports: { console: false }, ops: {} }, { requireMfa: "true" }),
        [
          "config key requireMfa (for identity reports): got true; expected false while console " +
            "is disabled",
        ],
      );
    });

    it("reports a bad stack-level default once, under its own key", () => {
      assert.deepEqual(identityProblems({ a: {}, b: {} }, { access: "admin" }), [
        'config key access: got "admin"; expected one of read, write, read-write',
      ]);
    });
  });
});

describe("parseStackConfig with roles", () => {
  const trust = JSON.stringify(SERVICES);

  it("reads an identity that sets trust as a role: its grant, trust, name and session", () => {
    const { identities } = parse({
      trust,
      bucketName: "data-bucket",
      access: "write",
      maxSessionDuration: "7200",
      protect: "true",
    });
    assert.deepEqual(identities, [
      {
        kind: "role",
        name: "app",
        bucketName: "data-bucket",
        aliasOfSingle: false,
        role: {
          roleName: "iam-bucket-access-dev",
          trust: SERVICES,
          access: "write",
          maxSessionDuration: 7200,
          protect: true,
        },
      },
    ]);
  });

  it("takes a user's setting equal to its declared default as unset, as the engine passes every one", () => {
    const settings = parse({
      trust,
      console: "true",
      accessKey: "true",
      passwordLength: "20",
      keepPreviousAccessKey: "false",
      userName: "",
    });
    assert.equal(roleOf(settings.identities[0]).roleName, "iam-bucket-access-dev");
  });

  it("gives the stack-level user settings to the users alone, refusing only a role's own", () => {
    const settings = parse({
      console: "false",
      passwordLength: "30",
      identities: JSON.stringify({ app: {}, ci: { trust: SERVICES, access: "read" } }),
    });
    assert.deepEqual(
      settings.identities.map((identity) => identity.kind),
      ["user", "role"],
    );
    assert.deepEqual(userOf(settings.identities[0]).console, {
      enabled: false,
      passwordLength: 30,
    });
    assert.deepEqual(roleOf(settings.identities[1]), {
      roleName: "iam-bucket-access-dev-ci",
      trust: SERVICES,
      access: "read",
    });
  });

  it("makes every identity a role that inherits a stack-level trust", () => {
    const settings = parse({ trust, identities: '{"a":{},"b":{"maxSessionDuration":7200}}' });
    assert.deepEqual(
      settings.identities.map((identity) => [identity.name, roleOf(identity).maxSessionDuration]),
      [
        ["a", undefined],
        ["b", 7200],
      ],
    );
  });

  it("names the default a role's name breaks under a long stack name", () => {
    const problems = problemsOf(
      { trust, identities: '{"ci":{}}' },
      { ...WHERE, stack: "s".repeat(60) },
    );
    assert.ok(
      problems.some((problem) =>
        /^config key roleName \(for identity ci; not set: the default\): got "iam-bucket-access-s+"; expected 1 to 64 letters/.test(
          problem,
        ),
      ),
      problems.join("\n"),
    );
  });
});
