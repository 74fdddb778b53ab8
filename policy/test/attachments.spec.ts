import * as assert from "node:assert/strict";
import {
  ATTACHMENT_TYPES,
  iamAttachmentNoAdmin,
  iamAttachmentProjectPolicies,
} from "../attachments";
import {
  assertViolation,
  resourceViolations,
  ResourceSpec,
  stackViolations,
  UNKNOWN_VALUE,
} from "./util";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const STACK_POLICY_ARN = "arn:aws:iam::123456789012:policy/iam-bucket-access/dev/app-policy";
const ACCOUNT_POLICY_ARN = "arn:aws:iam::123456789012:policy/ops/SharedS3Access";
const BOUNDARY_ARN =
  "arn:aws:iam::123456789012:policy/iam-bucket-access-boundary/iam-bucket-access-dev";

/**
 * One resource of every attachment type of the pinned @pulumi/aws, attaching a policy ARN to
 * the principal it names; `toUserOrGroup` says whether a user or group gets it.
 */
const ATTACHING: ReadonlyArray<{
  readonly type: string;
  readonly toUserOrGroup: boolean;
  readonly attach: (arn: unknown) => Record<string, unknown>;
}> = [
  {
    type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    toUserOrGroup: true,
    attach: (policyArn) => ({ user: "app", policyArn }),
  },
  {
    type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    toUserOrGroup: true,
    attach: (policyArn) => ({ group: "apps", policyArn }),
  },
  {
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    toUserOrGroup: false,
    attach: (policyArn) => ({ role: "deploy", policyArn }),
  },
  {
    type: "aws:iam/policyAttachment:PolicyAttachment",
    toUserOrGroup: true,
    attach: (policyArn) => ({ users: ["app"], policyArn }),
  },
  {
    type: "aws:iam/policyAttachment:PolicyAttachment",
    toUserOrGroup: true,
    attach: (policyArn) => ({ groups: ["apps"], roles: ["deploy"], policyArn }),
  },
  {
    type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    toUserOrGroup: true,
    attach: (arn) => ({ userName: "app", policyArns: [arn] }),
  },
  {
    type: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
    toUserOrGroup: true,
    attach: (arn) => ({ groupName: "apps", policyArns: [arn] }),
  },
  {
    type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    toUserOrGroup: false,
    attach: (arn) => ({ roleName: "deploy", policyArns: [arn] }),
  },
  {
    type: "aws:iam/role:Role",
    toUserOrGroup: false,
    attach: (arn) => ({ name: "deploy", assumeRolePolicy: "{}", managedPolicyArns: [arn] }),
  },
];

const attachment = (
  { type, attach }: (typeof ATTACHING)[number],
  arn: unknown,
  extra: Partial<ResourceSpec> = {},
): ResourceSpec => ({ type, name: "grant", props: attach(arn), ...extra });

/** The stack's own managed policy, with its ARN as the update's state has it, or unknown. */
const stackPolicy = (arn: unknown = STACK_POLICY_ARN): ResourceSpec => ({
  type: "aws:iam/policy:Policy",
  name: "app-policy",
  props: { name: "app-policy", path: "/iam-bucket-access/dev/", policy: "{}", arn },
});

describe("#iam-attachment-no-admin", () => {
  it("is mandatory", () => {
    assert.equal(iamAttachmentNoAdmin.enforcementLevel, "mandatory");
  });

  it("covers every attachment type the tests exercise, and no other", () => {
    assert.deepEqual(
      [...new Set(ATTACHING.map(({ type }) => type))].sort(),
      Object.keys(ATTACHMENT_TYPES).sort(),
    );
  });

  for (const kind of ATTACHING) {
    it(`fails AdministratorAccess attached by ${kind.type} ${Object.keys(kind.attach("")).join("/")}`, async () => {
      assertViolation(
        await resourceViolations(iamAttachmentNoAdmin, attachment(kind, ADMIN)),
        /grant: no user, group or role may be attached arn:aws:iam::aws:policy\/AdministratorAccess/,
      );
    });

    it(`fails a permissions boundary attached by ${kind.type} ${Object.keys(kind.attach("")).join("/")}`, async () => {
      assertViolation(
        await resourceViolations(iamAttachmentNoAdmin, attachment(kind, BOUNDARY_ARN)),
        /grant: a permissions boundary \(.*\) must bound users, never be attached as a grant/,
      );
    });
  }

  const admin = [
    // like power: everything but IAM, or IAM itself; other partitions alike
    "arn:aws:iam::aws:policy/PowerUserAccess",
    "arn:aws:iam::aws:policy/IAMFullAccess",
    "arn:aws-cn:iam::aws:policy/AdministratorAccess",
  ];
  for (const arn of admin) {
    it(`fails ${arn} attached to a role`, async () => {
      const [role] = ATTACHING.filter(({ toUserOrGroup }) => !toUserOrGroup);
      assertViolation(
        await resourceViolations(iamAttachmentNoAdmin, attachment(role, arn)),
        /no user, group or role may be attached/,
      );
    });
  }

  const nearMisses: ReadonlyArray<[string, unknown]> = [
    ["an AWS-managed policy of bounded power", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
    [
      "a policy of the account that borrows the name",
      "arn:aws:iam::123456789012:policy/AdministratorAccess",
    ],
    ["the stack's own policy", STACK_POLICY_ARN],
    ["a policy unknown until the update, which checks it then", UNKNOWN_VALUE],
  ];
  for (const [what, arn] of nearMisses) {
    it(`passes ${what} attached to a role`, async () => {
      const [role] = ATTACHING.filter(({ toUserOrGroup }) => !toUserOrGroup);
      assert.deepEqual(await resourceViolations(iamAttachmentNoAdmin, attachment(role, arn)), []);
    });
  }

  it("takes the admin-like policies and the boundary path from the pack config", async () => {
    const config = { adminPolicyNames: ["ReadOnlyAccess"], boundaryPath: "/boundaries/" };
    const [toUser] = ATTACHING;
    assert.equal(
      (
        await resourceViolations(
          iamAttachmentNoAdmin,
          attachment(toUser, "arn:aws:iam::aws:policy/ReadOnlyAccess"),
          config,
        )
      ).length,
      1,
    );
    assert.deepEqual(
      await resourceViolations(iamAttachmentNoAdmin, attachment(toUser, BOUNDARY_ARN), config),
      [],
    );
  });
});

describe("#iam-attachment-project-policies", () => {
  it("is mandatory", () => {
    assert.equal(iamAttachmentProjectPolicies.enforcementLevel, "mandatory");
  });

  for (const kind of ATTACHING.filter(({ toUserOrGroup }) => toUserOrGroup)) {
    const title = `${kind.type} ${Object.keys(kind.attach("")).join("/")}`;

    it(`passes the stack's own policy attached by ${title}`, async () => {
      const violations = await stackViolations(iamAttachmentProjectPolicies, [
        stackPolicy(),
        attachment(kind, STACK_POLICY_ARN),
      ]);
      assert.deepEqual(violations, []);
    });

    it(`passes it in a preview, where its ARN is unknown, attached by ${title}`, async () => {
      const policy = stackPolicy(UNKNOWN_VALUE);
      const violations = await stackViolations(iamAttachmentProjectPolicies, [
        policy,
        attachment(kind, UNKNOWN_VALUE, {
          propertyDependencies: { policyArn: [policy], policyArns: [policy] },
        }),
      ]);
      assert.deepEqual(violations, []);
    });

    it(`fails an AWS-managed policy attached by ${title}, in a preview too`, async () => {
      for (const arn of [STACK_POLICY_ARN, UNKNOWN_VALUE]) {
        assertViolation(
          await stackViolations(iamAttachmentProjectPolicies, [
            stackPolicy(arn),
            attachment(kind, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
          ]),
          /grant: users and groups must be attached only policies this stack creates, which its rules review; arn:aws:iam::aws:policy\/AmazonS3ReadOnlyAccess is AWS-managed/,
        );
      }
    });

    it(`fails a policy of the account, not of the stack, attached by ${title}`, async () => {
      assertViolation(
        await stackViolations(iamAttachmentProjectPolicies, [
          stackPolicy(),
          attachment(kind, ACCOUNT_POLICY_ARN),
        ]),
        /grant: users and groups must be attached only policies this stack creates.*ops\/SharedS3Access is not one of them/,
      );
    });
  }

  for (const kind of ATTACHING.filter(({ toUserOrGroup }) => !toUserOrGroup)) {
    it(`passes a policy of the account attached to a role by ${kind.type}`, async () => {
      const violations = await stackViolations(iamAttachmentProjectPolicies, [
        stackPolicy(),
        attachment(kind, ACCOUNT_POLICY_ARN),
      ]);
      assert.deepEqual(violations, []);
    });
  }

  it("leaves a policy of the account to the update while the stack's ARNs are unknown", async () => {
    const [toUser] = ATTACHING;
    const violations = await stackViolations(iamAttachmentProjectPolicies, [
      stackPolicy(UNKNOWN_VALUE),
      attachment(toUser, ACCOUNT_POLICY_ARN),
    ]);
    assert.deepEqual(violations, []);
  });

  describe("on group memberships", () => {
    const group: ResourceSpec = {
      type: "aws:iam/group:Group",
      name: "apps",
      props: { name: "apps" },
    };
    const memberships: ReadonlyArray<[string, (name: string) => ResourceSpec]> = [
      [
        "aws:iam/userGroupMembership:UserGroupMembership",
        (name) => ({
          type: "aws:iam/userGroupMembership:UserGroupMembership",
          name: "join",
          props: { user: "app", groups: [name] },
        }),
      ],
      [
        "aws:iam/groupMembership:GroupMembership",
        (name) => ({
          type: "aws:iam/groupMembership:GroupMembership",
          name: "join",
          props: { group: name, users: ["app"] },
        }),
      ],
    ];
    for (const [type, joining] of memberships) {
      it(`passes a user joining the stack's own group by ${type}`, async () => {
        assert.deepEqual(
          await stackViolations(iamAttachmentProjectPolicies, [group, joining("apps")]),
          [],
        );
      });

      it(`fails a user joining a group of the account by ${type}`, async () => {
        assertViolation(
          await stackViolations(iamAttachmentProjectPolicies, [group, joining("Admins")]),
          /join: users must join only groups this stack creates.*Admins is not one of them/,
        );
      });
    }
  });
});
