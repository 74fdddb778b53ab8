import * as assert from "node:assert/strict";
import {
  accessKeyActive,
  credentialSecretsProtected,
  iamConsoleUserMfa,
  iamUserOneCredentialKind,
} from "../credentials";
import {
  assertViolation,
  resourceViolations,
  ResourceSpec,
  stackUrnOf,
  stackViolations,
  UNKNOWN_VALUE,
  urnOf,
} from "./util";

/**
 * A console guard of BucketAccessUser's shape (its `DenyConsoleWithoutMfa`): everything but
 * password and MFA set-up is denied without MFA. The pack judges documents, not their builder;
 * test/policyPack.spec.ts runs the project's own stacks through it.
 */
function denyWithoutMfaStatement(): object {
  return {
    Sid: "DenyConsoleWithoutMfa",
    Effect: "Deny",
    NotAction: [
      "iam:ChangePassword",
      "iam:GetUser",
      "iam:GetAccountPasswordPolicy",
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:ListMFADevices",
      "iam:ResyncMFADevice",
    ],
    Resource: "*",
    Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
  };
}

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
    const topLevel = key({}, stackUrnOf("dev", "iam-bucket-access"));
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

const USER_NAME = "iam-bucket-access-dev";
const POLICY_ARN = "arn:aws:iam::123456789012:policy/iam-bucket-access/dev/app-policy";
const appUser: ResourceSpec = {
  type: "aws:iam/user:User",
  name: "app",
  props: { name: USER_NAME, path: "/iam-bucket-access/dev/" },
};
/** A resource naming a user in `user`, as the engine records it depends on that user. */
const ofUser = (type: string, name: string, user = appUser): ResourceSpec => ({
  type,
  name,
  props: { user: user.props.name },
  propertyDependencies: { user: [user] },
});
const login = ofUser("aws:iam/userLoginProfile:UserLoginProfile", "app-login");
const accessKey = ofUser("aws:iam/accessKey:AccessKey", "app-key");
const READ = { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
/** The user's managed policy holding the statements, attached to it. */
const attachedPolicy = (statements: object[], user = appUser): ResourceSpec[] => [
  {
    type: "aws:iam/policy:Policy",
    name: "app-policy",
    props: {
      arn: POLICY_ARN,
      policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
    },
  },
  {
    type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    name: "app-policy-attachment",
    props: { user: user.props.name, policyArn: POLICY_ARN },
  },
];

describe("#iam-console-user-mfa", () => {
  it("is advisory", () => {
    assert.equal(iamConsoleUserMfa.enforcementLevel, "advisory");
  });

  it("advises a console user whose policies have no MFA guard, saying why", async () => {
    assertViolation(
      await stackViolations(iamConsoleUserMfa, [appUser, login, ...attachedPolicy([READ])]),
      /IAM user app \(iam-bucket-access-dev\) signs in to the console and should be denied everything but setting up its password and MFA until it signs in with MFA .*: without it, a stolen password alone opens every right the user has/,
    );
  });

  const guards: ReadonlyArray<[string, object]> = [
    ["BucketAccessUser's DenyConsoleWithoutMfa statement (requireMfa)", denyWithoutMfaStatement()],
    [
      "a Deny of everything under BoolIfExists",
      {
        Sid: "DenyWithoutMfa",
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": false } },
      },
    ],
    [
      "a guard whose condition key is in other capitals, as IAM reads it",
      {
        ...denyWithoutMfaStatement(),
        Condition: { Bool: { "aws:multifactorauthpresent": "false" } },
      },
    ],
  ];
  for (const [what, guard] of guards) {
    it(`passes a console user whose attached policy holds ${what}`, async () => {
      const stack = [appUser, login, ...attachedPolicy([READ, guard])];
      assert.deepEqual(await stackViolations(iamConsoleUserMfa, stack), []);
    });
  }

  it("passes a console user whose inline policy holds the guard", async () => {
    const inline: ResourceSpec = {
      ...ofUser("aws:iam/userPolicy:UserPolicy", "app-inline"),
      props: {
        user: USER_NAME,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [denyWithoutMfaStatement()] }),
      },
    };
    assert.deepEqual(await stackViolations(iamConsoleUserMfa, [appUser, login, inline]), []);
  });

  it("advises one whose statement only looks like the guard: it denies when MFA is present", async () => {
    const inverted = {
      ...denyWithoutMfaStatement(),
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    };
    assertViolation(
      await stackViolations(iamConsoleUserMfa, [appUser, login, ...attachedPolicy([inverted])]),
      /IAM user app .* should be denied everything but setting up its password and MFA/,
    );
  });

  it("advises one whose guard is in another user's policy", async () => {
    const other: ResourceSpec = { ...appUser, name: "other", props: { name: "other-user" } };
    const stack = [appUser, other, login, ...attachedPolicy([denyWithoutMfaStatement()], other)];
    assertViolation(await stackViolations(iamConsoleUserMfa, stack), /IAM user app /);
  });

  it("passes a user without a console password, guard or not", async () => {
    const stack = [appUser, accessKey, ...attachedPolicy([READ])];
    assert.deepEqual(await stackViolations(iamConsoleUserMfa, stack), []);
  });

  it("leaves a user whose policy is unknown in a preview to the end of the update", async () => {
    const pendingUser: ResourceSpec = {
      ...appUser,
      props: { ...appUser.props, name: UNKNOWN_VALUE },
    };
    const [policy] = attachedPolicy([]);
    const stack: ResourceSpec[] = [
      pendingUser,
      ofUser("aws:iam/userLoginProfile:UserLoginProfile", "app-login", pendingUser),
      { ...policy, props: { arn: UNKNOWN_VALUE, policy: UNKNOWN_VALUE } },
      {
        type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        name: "app-policy-attachment",
        props: { user: UNKNOWN_VALUE, policyArn: UNKNOWN_VALUE },
        propertyDependencies: { user: [pendingUser], policyArn: [policy] },
      },
    ];
    assert.deepEqual(await stackViolations(iamConsoleUserMfa, stack), []);
  });
});

describe("#iam-user-one-credential-kind", () => {
  it("is advisory", () => {
    assert.equal(iamUserOneCredentialKind.enforcementLevel, "advisory");
  });

  it("advises a user with both a console password and an access key, saying why", async () => {
    assertViolation(
      await stackViolations(iamUserOneCredentialKind, [appUser, login, accessKey]),
      /IAM user app \(iam-bucket-access-dev\) should hold a console password or an access key, not both: .* either one stolen opens them all/,
    );
  });

  it("counts them in a preview too, by what the engine records they depend on", async () => {
    const pendingUser: ResourceSpec = {
      ...appUser,
      props: { ...appUser.props, name: UNKNOWN_VALUE },
    };
    const pending = (spec: ResourceSpec): ResourceSpec => ({
      ...spec,
      props: { user: UNKNOWN_VALUE },
      propertyDependencies: { user: [pendingUser] },
    });
    assertViolation(
      await stackViolations(iamUserOneCredentialKind, [
        pendingUser,
        pending(login),
        pending(accessKey),
      ]),
      /IAM user app \(name known at the update\) should hold a console password or an access key/,
    );
  });

  const passing: ReadonlyArray<[string, ResourceSpec[]]> = [
    ["a key-only user", [appUser, accessKey]],
    ["a console-only user", [appUser, login]],
    [
      "a user with a key whose login profile is another user's",
      [appUser, accessKey, { ...login, props: { user: "someone-else" }, propertyDependencies: {} }],
    ],
  ];
  for (const [what, stack] of passing) {
    it(`passes ${what}`, async () => {
      assert.deepEqual(await stackViolations(iamUserOneCredentialKind, stack), []);
    });
  }
});
