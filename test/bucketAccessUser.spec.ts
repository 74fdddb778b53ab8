import {
  ACCOUNT_ID,
  DEFAULT_STACK,
  registrations,
  resetRegistrations,
  useStack,
} from "../tools/runner/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import { BucketAccessUser, bucketAccessUserOutputs } from "../components/bucketAccessUser";
import type { BucketAccessUserArgs } from "../config/userArgTypes";
import { buildUserPolicy, UserPolicySettings } from "../iam/userPolicy";
import { promiseOf } from "../tools/runner/program";
import {
  assertPolicyAttachedTo,
  builtComponent,
  failedConstruction,
  inputsOfOnly,
} from "./support/specHelpers";

before(async () => {
  // The default path is the stack's own: run where the expectations below assume.
  await useStack(DEFAULT_STACK, {});
});

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ARGS: BucketAccessUserArgs = { bucket: "my-bucket", userName: "app-user" };

/** Builds a component and lets every output settle; returns it with its children's options. */
async function build(args: BucketAccessUserArgs, name = "app") {
  const { component, children } = await builtComponent(
    (opts) => new BucketAccessUser(name, args, opts),
  );
  return { user: component, children };
}

describe("BucketAccessUser", () => {
  beforeEach(resetRegistrations);

  describe("with default settings", () => {
    it("creates a user, its policy and attachment, an access key and a console login, as children", async () => {
      const { children } = await build(ARGS);
      assert.deepEqual(
        children.map((c) => `${c.type} ${c.name}`),
        [
          "aws:iam/user:User app",
          "aws:iam/policy:Policy app-policy",
          "aws:iam/userPolicyAttachment:UserPolicyAttachment app-policy-attachment",
          "aws:iam/accessKey:AccessKey app-key",
          "aws:iam/userLoginProfile:UserLoginProfile app-login",
        ],
      );
    });

    it("creates the user under its stack's own path, removable with its own MFA devices", async () => {
      await build({ ...ARGS, tags: { team: "data" } });
      assert.deepEqual(inputsOfOnly("aws:iam/user:User"), {
        name: "app-user",
        path: "/iam-bucket-access/test/",
        tags: { team: "data" },
        forceDestroy: true,
      });
    });

    it("names the policy after the user and attaches it to the user", async () => {
      await build(ARGS);
      assertPolicyAttachedTo("user", "app-user");
    });

    it("generates a 20-character console password that must be changed at first sign-in", async () => {
      await build(ARGS);
      assert.deepEqual(inputsOfOnly("aws:iam/userLoginProfile:UserLoginProfile"), {
        user: "app-user",
        passwordLength: 20,
        passwordResetRequired: true,
      });
    });

    it("tags the user and its policy, the children IAM can tag, with the given tags", async () => {
      const tags = { team: "data", environment: "dev" };
      await build({ ...ARGS, tags });
      assert.deepEqual(inputsOfOnly("aws:iam/user:User").tags, tags);
      assert.deepEqual(inputsOfOnly("aws:iam/policy:Policy").tags, tags);
    });

    it("exports the user, policy, account and sign-in page", async () => {
      const { user } = await build(ARGS);
      assert.equal(await promiseOf(user.userName), "app-user");
      assert.equal(
        await promiseOf(user.userArn),
        `arn:aws:iam::${ACCOUNT_ID}:user/iam-bucket-access/test/app-user`,
      );
      assert.equal(await promiseOf(user.accountId), ACCOUNT_ID);
      assert.equal(await promiseOf(user.consoleUsername ?? pulumi.output("")), "app-user");
      assert.equal(
        await promiseOf(user.consoleSignInUrl ?? pulumi.output("")),
        `https://${ACCOUNT_ID}.signin.aws.amazon.com/console`,
      );
    });
  });

  describe("with console settings", () => {
    it("generates the password as long as asked, and lets it stand when no reset is asked", async () => {
      await build({ ...ARGS, console: { passwordLength: 32, passwordResetRequired: false } });
      assert.deepEqual(inputsOfOnly("aws:iam/userLoginProfile:UserLoginProfile"), {
        user: "app-user",
        passwordLength: 32,
        passwordResetRequired: false,
      });
    });
  });

  describe("secrets", () => {
    it("marks the secret access key and the console password secret, and the key id not", async () => {
      const { user } = await build(ARGS);
      assert.ok(user.secretAccessKey && user.consolePassword && user.accessKeyId);
      assert.equal(await pulumi.isSecret(user.secretAccessKey), true);
      assert.equal(await pulumi.isSecret(user.consolePassword), true);
      assert.equal(await pulumi.isSecret(user.accessKeyId), false);
      assert.match(await promiseOf(user.secretAccessKey), /^[A-Za-z0-9+/]{40}$/);
      assert.match(await promiseOf(user.accessKeyId), /^AKIA[A-Z2-7]{16}$/);
    });
  });

  describe("the policy", () => {
    const account = { partition: "aws", accountId: ACCOUNT_ID };
    const expected = (settings: Partial<UserPolicySettings>): unknown =>
      buildUserPolicy({
        account,
        bucket: "my-bucket",
        access: "read-write",
        prefixes: [],
        allowDelete: false,
        listAllBuckets: true,
        userName: "app-user",
        path: "/iam-bucket-access/test/",
        console: true,
        requireMfa: true,
        ...settings,
      });
    const cases: ReadonlyArray<
      readonly [string, Partial<BucketAccessUserArgs>, Partial<UserPolicySettings>]
    > = [
      // situation, component args, the settings its policy must be built from
      ["by default", {}, {}],
      ["for read access", { access: "read" }, { access: "read" }],
      ["for write access", { access: "write" }, { access: "write" }],
      ["with prefixes", { prefixes: ["in/", "out/"] }, { prefixes: ["in/", "out/"] }],
      ["with delete allowed", { allowDelete: true }, { allowDelete: true }],
      ["without ListAllMyBuckets", { listAllBuckets: false }, { listAllBuckets: false }],
      ["with a KMS key", { kmsKeyArn: KEY }, { kmsKeyArn: KEY }],
      [
        "without the console",
        { console: { enabled: false } },
        { console: false, listAllBuckets: false, requireMfa: false },
      ],
      ["not requiring MFA", { console: { requireMfa: false } }, { requireMfa: false }],
      ["under another path", { path: "/apps/" }, { path: "/apps/" }],
      ["given the bucket by ARN", { bucket: "arn:aws:s3:::my-bucket" }, {}],
    ];
    for (const [situation, args, settings] of cases) {
      it(`is built from the settings ${situation}`, async () => {
        const { user } = await build({ ...ARGS, ...args });
        const json = await promiseOf(user.policyJson);
        assert.deepEqual(JSON.parse(json), expected(settings));
        assert.equal(inputsOfOnly("aws:iam/policy:Policy").policy, json);
      });
    }
  });

  describe("keeping the previous key", () => {
    it("holds the current and the previous generation's keys, both active, with their own ids and secrets", async () => {
      const { user, children } = await build({
        ...ARGS,
        accessKey: { generation: 3, keepPrevious: true },
      });
      assert.deepEqual(
        children.filter((c) => c.type === "aws:iam/accessKey:AccessKey").map((key) => key.name),
        ["app-key-3", "app-key-2"],
      );
      const ids = await Promise.all(
        [user.accessKeyId, user.previousAccessKeyId].map((id) =>
          promiseOf(id ?? pulumi.output("")),
        ),
      );
      const secrets = await Promise.all(
        [user.secretAccessKey, user.previousSecretAccessKey].map((s) =>
          promiseOf(s ?? pulumi.output("")),
        ),
      );
      assert.match(ids[1], /^AKIA/);
      assert.notEqual(ids[0], ids[1]);
      assert.match(secrets[1], /^[A-Za-z0-9+/]{40}$/);
      assert.notEqual(secrets[0], secrets[1]);
      assert.ok(
        registrations
          .filter((r) => r.type === "aws:iam/accessKey:AccessKey")
          .every((r) => r.inputs.status === undefined),
        "a kept key is as active as the new one",
      );
    });

    it("exports the previous secret as a secret, and both keys under their names", async () => {
      const { user } = await build({ ...ARGS, accessKey: { generation: 2, keepPrevious: true } });
      assert.equal(await pulumi.isSecret(user.previousSecretAccessKey ?? pulumi.output("")), true);
      assert.equal(await pulumi.isSecret(user.previousAccessKeyId ?? pulumi.output("")), false);
      assert.deepEqual(
        Object.keys(bucketAccessUserOutputs(user))
          .filter((name) => name.includes("ccessKey"))
          .sort(),
        ["accessKeyId", "previousAccessKeyId", "previousSecretAccessKey", "secretAccessKey"],
      );
    });

    it("holds one key and exports no previous one when the previous key is not kept", async () => {
      const { user, children } = await build({ ...ARGS, accessKey: { generation: 2 } });
      assert.equal(children.filter((c) => c.type === "aws:iam/accessKey:AccessKey").length, 1);
      assert.equal(user.previousAccessKeyId, undefined);
      assert.equal(user.previousSecretAccessKey, undefined);
    });

    const refusals: ReadonlyArray<readonly [string, BucketAccessUserArgs["accessKey"], RegExp]> = [
      // what is refused, the access key arguments, the problem
      [
        "at generation 1",
        { keepPrevious: true },
        /args\.accessKey\.keepPrevious: got true; expected false at generation 1: there is no previous key/,
      ],
      [
        "without an access key",
        { enabled: false, generation: 2, keepPrevious: true },
        /args\.accessKey\.keepPrevious: got true; expected false while the access key is disabled/,
      ],
    ];
    for (const [what, accessKey, problem] of refusals) {
      it(`is refused ${what}, before anything is constructed`, () => {
        const { error, built } = failedConstruction(
          (opts) => new BucketAccessUser("keep", { ...ARGS, accessKey }, opts),
        );
        assert.match(error.message, problem);
        assert.deepEqual(built, []);
      });
    }
  });

  describe("with features turned off", () => {
    it("registers no access key and exports none when the key is disabled", async () => {
      const { user, children } = await build({ ...ARGS, accessKey: { enabled: false } });
      assert.ok(!children.some((c) => c.type === "aws:iam/accessKey:AccessKey"));
      assert.equal(user.accessKeyId, undefined);
      assert.equal(user.secretAccessKey, undefined);
    });

    it("registers no login profile and exports no console outputs when the console is disabled", async () => {
      const { user, children } = await build({ ...ARGS, console: { enabled: false } });
      assert.ok(!children.some((c) => c.type === "aws:iam/userLoginProfile:UserLoginProfile"));
      assert.equal(user.consoleUsername, undefined);
      assert.equal(user.consolePassword, undefined);
      assert.equal(user.consoleSignInUrl, undefined);
    });
  });

  describe("outputs", () => {
    it("names the bucket by name even when given its ARN", async () => {
      const { user } = await build({ ...ARGS, bucket: "arn:aws:s3:::my-bucket" });
      assert.equal(await promiseOf(user.bucketName), "my-bucket");
    });

    it("lists every set output, and leaves out a disabled feature's", async () => {
      const all = bucketAccessUserOutputs((await build(ARGS)).user);
      const keyOnly = bucketAccessUserOutputs(
        (await build({ ...ARGS, console: { enabled: false } }, "key-only")).user,
      );
      const expected = [
        "accessKeyId",
        "accountId",
        "bucketName",
        "policyArn",
        "policyJson",
        "secretAccessKey",
        "userArn",
        "userName",
      ];
      assert.deepEqual(Object.keys(keyOnly).sort(), expected);
      assert.deepEqual(
        Object.keys(all).sort(),
        [...expected, "consolePassword", "consoleSignInUrl", "consoleUsername"].sort(),
      );
      assert.equal(await pulumi.isSecret(all.secretAccessKey ?? pulumi.output("")), true);
    });
  });

  describe("resource options", () => {
    it("protects every child when protect is set", async () => {
      const { children } = await build({ ...ARGS, protect: true });
      assert.equal(children.length, 5);
      for (const child of children) {
        assert.equal(child.opts.protect, true, `${child.type} ${child.name} is not protected`);
      }
    });

    it("leaves children unprotected by default", async () => {
      const { children } = await build(ARGS);
      assert.ok(children.every((child) => child.opts.protect === false));
    });

    it("deletes the old policy before creating its replacement, as IAM names are account-wide", async () => {
      const { children } = await build(ARGS);
      const policy = children.find((c) => c.type === "aws:iam/policy:Policy");
      assert.equal(policy?.opts.deleteBeforeReplace, true);
    });

    it("gives the policy a description that does not name the bucket, so a new bucket updates it in place", async () => {
      await build(ARGS);
      assert.equal(
        inputsOfOnly("aws:iam/policy:Policy").description,
        "Least-privilege bucket access of app-user",
      );
    });

    it("gives each generation's key a resource of its own, so a new one is created before the old is deleted", async () => {
      const { children } = await build({ ...ARGS, accessKey: { generation: 7 } });
      const keys = children.filter((c) => c.type === "aws:iam/accessKey:AccessKey");
      assert.deepEqual(
        keys.map((key) => [
          key.name,
          key.opts.replacementTrigger as unknown,
          key.opts.deleteBeforeReplace,
        ]),
        [["app-key-7", 7, undefined]],
      );
    });

    it("keeps the generation-1 key under the name it has always had", async () => {
      const { children } = await build(ARGS);
      const keys = children.filter((c) => c.type === "aws:iam/accessKey:AccessKey");
      assert.deepEqual(
        keys.map((key) => [key.name, key.opts.replacementTrigger as unknown]),
        [["app-key", 1]],
      );
    });

    it("keeps a user's console password when passwordLength or passwordResetRequired change later", async () => {
      const { children } = await build(ARGS);
      const login = children.find((c) => c.type === "aws:iam/userLoginProfile:UserLoginProfile");
      assert.deepEqual(login?.opts.ignoreChanges, ["passwordLength", "passwordResetRequired"]);
    });

    it("keeps the generation-1 console password, which has no replacement trigger", async () => {
      const { children } = await build(ARGS);
      const login = children.find((c) => c.type === "aws:iam/userLoginProfile:UserLoginProfile");
      assert.equal(login?.opts.replacementTrigger, undefined);
    });

    it("issues a new console password when passwordGeneration is raised, removing the old login first", async () => {
      const { children } = await build({ ...ARGS, console: { passwordGeneration: 2 } });
      const login = children.find((c) => c.type === "aws:iam/userLoginProfile:UserLoginProfile");
      assert.deepEqual(
        [login?.name, login?.opts.replacementTrigger as unknown, login?.opts.deleteBeforeReplace],
        ["app-login", 2, true],
      );
    });

    it("sets a permissions boundary given by ARN on the user", async () => {
      const boundary = "arn:aws:iam::123456789012:policy/app-boundary";
      await build({ ...ARGS, permissionsBoundary: boundary });
      assert.equal(inputsOfOnly("aws:iam/user:User").permissionsBoundary, boundary);
    });

    it("completes a boundary given by path and name with the account it deploys into", async () => {
      await build({ ...ARGS, permissionsBoundary: "boundaries/app-boundary" });
      assert.equal(
        inputsOfOnly("aws:iam/user:User").permissionsBoundary,
        `arn:aws:iam::${ACCOUNT_ID}:policy/boundaries/app-boundary`,
      );
    });
  });

  describe("with invalid arguments", () => {
    it("throws one error naming every bad field, before anything is constructed", () => {
      const { error, built } = failedConstruction(
        (opts) =>
          new BucketAccessUser(
            "bad",
            {
              bucket: "Not A Bucket",
              userName: "app",
              prefixes: ["/abs/"],
              console: { passwordLength: 2 },
              accessKey: { generation: 0 },
              tags: { team: "a|b" },
            },
            opts,
          ),
      );
      assert.deepEqual(built, []);
      assert.match(error.message, /args\.tags\.team: got "a\|b"; expected a tag value of /);
      assert.match(error.message, /^invalid BucketAccessUser bad:\n/);
      assert.match(error.message, /args\.bucket: got "Not A Bucket"; expected an S3 bucket name/);
      assert.match(error.message, /args\.prefixes: got "\/abs\/"; expected a key prefix/);
      assert.match(
        error.message,
        /args\.console\.passwordLength: got 2; expected a whole number from 5 to 128/,
      );
      assert.match(
        error.message,
        /args\.accessKey\.generation: got 0; expected a whole number of 1 or more/,
      );
    });

    it("refuses prefixes whose policy would exceed IAM's managed policy size, before anything is constructed", () => {
      const prefixes = Array.from({ length: 40 }, (_, i) => `exports/department-${i}/`);
      const { error, built } = failedConstruction(
        (opts) => new BucketAccessUser("big", { ...ARGS, prefixes }, opts),
      );
      assert.match(
        error.message,
        /args\.prefixes: got \[.*\]; expected fewer or shorter prefixes: with these the policy has \d+ characters, over IAM's limit of 6144 for a managed policy$/,
      );
      assert.deepEqual(built, []);
    });
  });
});
