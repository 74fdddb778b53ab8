import * as assert from "node:assert/strict";
import { accessKeyActive, credentialSecretsProtected } from "../credentials";
import {
  assertViolation,
  resourceViolations,
  ResourceSpec,
  stackUrn,
  UNKNOWN_VALUE,
  urnOf,
} from "./util";

const COMPONENT = urnOf("dev", "iam-bucket-access:index:BucketAccessUser", "app");
const key = (props: Record<string, unknown>, parent?: string): ResourceSpec => ({
  type: "aws:iam/accessKey:AccessKey",
  name: "app-key",
  props: { user: "app", ...props },
  parent,
});

describe("#credential-secrets-protected", () => {
  it("is mandatory", () => {
    assert.equal(credentialSecretsProtected.enforcementLevel, "mandatory");
  });

  it("passes a key created by BucketAccessUser", async () => {
    assert.deepEqual(await resourceViolations(credentialSecretsProtected, key({}, COMPONENT)), []);
  });

  it("passes a key in a BucketAccessUser that is itself inside another component", async () => {
    const outer = urnOf("dev", "acme:index:Platform", "platform");
    const nested = urnOf("dev", "iam-bucket-access:index:BucketAccessUser", "app", outer);
    assert.deepEqual(await resourceViolations(credentialSecretsProtected, key({}, nested)), []);
  });

  it("passes a key encrypted with a PGP key wherever it is created", async () => {
    const encrypted = key({ pgpKey: "keybase:ops" });
    assert.deepEqual(await resourceViolations(credentialSecretsProtected, encrypted), []);
  });

  it("passes a key whose PGP key is unknown until the update", async () => {
    const pending = key({ pgpKey: UNKNOWN_VALUE });
    assert.deepEqual(await resourceViolations(credentialSecretsProtected, pending), []);
  });

  it("fails a plain key created at the top of the stack", async () => {
    const topLevel = key({}, stackUrn("dev"));
    assertViolation(
      await resourceViolations(credentialSecretsProtected, topLevel),
      /app-key: a credential without a pgpKey must be created by a BucketAccessUser/,
    );
  });

  const otherParents = [
    // the project's other component
    "iam-bucket-access:index:SecureBucket",
    // look-alikes: another package's component of that name, a longer name
    "acme:index:BucketAccessUser",
    "iam-bucket-access:index:BucketAccessUserV2",
  ];
  for (const type of otherParents) {
    it(`fails a plain key created in a ${type}`, async () => {
      assertViolation(
        await resourceViolations(credentialSecretsProtected, key({}, urnOf("dev", type, "app"))),
        /app-key: a credential without a pgpKey must be created by a BucketAccessUser/,
      );
    });
  }

  it("fails a plain login profile created outside BucketAccessUser", async () => {
    const login = { type: "aws:iam/userLoginProfile:UserLoginProfile", name: "login", props: {} };
    assertViolation(
      await resourceViolations(credentialSecretsProtected, login),
      /login: a credential without a pgpKey must be created by a BucketAccessUser/,
    );
  });
});

describe("#access-key-active", () => {
  it("is mandatory", () => {
    assert.equal(accessKeyActive.enforcementLevel, "mandatory");
  });

  const passing = [
    ["an Active key", { status: "Active" }],
    ["a key with the default status", {}],
    ["a key whose status is unknown until the update", { status: UNKNOWN_VALUE }],
  ] as const;
  for (const [title, props] of passing) {
    it(`passes ${title}`, async () => {
      assert.deepEqual(await resourceViolations(accessKeyActive, key(props, COMPONENT)), []);
    });
  }

  it("fails a key left Inactive", async () => {
    assertViolation(
      await resourceViolations(accessKeyActive, key({ status: "Inactive" }, COMPONENT)),
      /app-key: an access key must be Active while it is wanted and deleted when it is not/,
    );
  });
});
