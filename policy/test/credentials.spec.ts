import * as assert from "node:assert/strict";
import { accessKeyActive, credentialSecretsProtected } from "../credentials";
import { assertViolation, resourceViolations, urnOf } from "./util";

const COMPONENT = urnOf("dev", "iam-bucket-access:index:BucketAccessUser", "app");
const key = (props: Record<string, unknown>, parent?: string) => ({
  type: "aws:iam/accessKey:AccessKey",
  name: "app-key",
  props: { user: "app", ...props },
  parent,
});

describe("#credential-secrets-protected", () => {
  it("passes a key created by BucketAccessUser", async () => {
    assert.deepEqual(await resourceViolations(credentialSecretsProtected, key({}, COMPONENT)), []);
  });

  it("passes a key encrypted with a PGP key wherever it is created", async () => {
    const encrypted = key({ pgpKey: "keybase:ops" });
    assert.deepEqual(await resourceViolations(credentialSecretsProtected, encrypted), []);
  });

  it("fails a plain key created outside BucketAccessUser", async () => {
    assertViolation(
      await resourceViolations(credentialSecretsProtected, key({})),
      /app-key: a credential without a pgpKey must be created by a BucketAccessUser/,
    );
  });

  it("fails a plain login profile created outside BucketAccessUser", async () => {
    const login = { type: "aws:iam/userLoginProfile:UserLoginProfile", name: "login", props: {} };
    assertViolation(
      await resourceViolations(credentialSecretsProtected, login),
      /login: a credential without a pgpKey must be created by a BucketAccessUser/,
    );
  });
});

describe("#access-key-active", () => {
  it("passes an Active key and one with the default status", async () => {
    assert.deepEqual(await resourceViolations(accessKeyActive, key({ status: "Active" })), []);
    assert.deepEqual(await resourceViolations(accessKeyActive, key({})), []);
  });

  it("fails a key left Inactive", async () => {
    assertViolation(
      await resourceViolations(accessKeyActive, key({ status: "Inactive" })),
      /app-key: an access key must be Active while it is wanted and deleted when it is not/,
    );
  });
});
