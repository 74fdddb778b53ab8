/**
 * Rules for what is attached to IAM users, groups and roles: managed policies by every
 * attachment resource the pinned `@pulumi/aws` offers, and group memberships, which hand a
 * user its groups' policies.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { BOUNDARY_PATH } from "./iam";
import { configWithDefaults, forTypes, knownProps, refersToAny } from "./validation";
import { itemsOf, UNKNOWN, Value } from "./values";

/** Where an attachment resource names the attached policies, and the users or groups given them. */
interface AttachmentShape {
  /** The input holding the attached policy's ARN, or a list of ARNs. */
  readonly policyArns: string;
  /** The inputs naming the users and groups it attaches to (a name or a list); none for roles. */
  readonly usersOrGroups: readonly string[];
}

/**
 * Every resource type of `@pulumi/aws` 7.48 that attaches managed policies, by type token. The
 * `*PoliciesExclusive` types only pin a principal's inline policy names (the inline policies are
 * `UserPolicy`, `GroupPolicy`, `RolePolicy`, which the document rules read) and attach nothing.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentShape>> = {
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": {
    policyArns: "policyArn",
    usersOrGroups: ["user"],
  },
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": {
    policyArns: "policyArn",
    usersOrGroups: ["group"],
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    policyArns: "policyArn",
    usersOrGroups: [],
  },
  "aws:iam/policyAttachment:PolicyAttachment": {
    policyArns: "policyArn",
    usersOrGroups: ["users", "groups"],
  },
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": {
    policyArns: "policyArns",
    usersOrGroups: ["userName"],
  },
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": {
    policyArns: "policyArns",
    usersOrGroups: ["groupName"],
  },
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": {
    policyArns: "policyArns",
    usersOrGroups: [],
  },
  // A role's own managedPolicyArns attach like a RolePolicyAttachment.
  "aws:iam/role:Role": { policyArns: "managedPolicyArns", usersOrGroups: [] },
};

/** The resource types that put users into groups, with the input naming the groups. */
const MEMBERSHIP_GROUPS: Readonly<Record<string, string>> = {
  "aws:iam/userGroupMembership:UserGroupMembership": "groups",
  "aws:iam/groupMembership:GroupMembership": "group",
};

const POLICY_TYPE = "aws:iam/policy:Policy";
const GROUP_TYPE = "aws:iam/group:Group";

/**
 * AWS-managed policies that grant everything, nearly everything, or the power to grant oneself
 * everything (IAMFullAccess can attach AdministratorAccess to its holder).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html
 */
export const ADMIN_POLICY_NAMES = [
  "AdministratorAccess",
  "AdministratorAccess-Amplify",
  "AdministratorAccess-AWSElasticBeanstalk",
  "PowerUserAccess",
  "IAMFullAccess",
];

/** The path and name of a managed policy's ARN (`/path/name`), and whether AWS manages it. */
function policyOfArn(
  arn: string,
): { readonly awsManaged: boolean; readonly path: string } | undefined {
  const match = /^arn:[^:]+:iam::([^:]*):policy(\/.*)$/.exec(arn);
  return match === null ? undefined : { awsManaged: match[1] === "aws", path: match[2] ?? "" };
}

/** The known names among a list of values. */
function texts(values: readonly Value[]): string[] {
  return values.filter((value): value is string => typeof value === "string");
}

export const iamAttachmentNoAdmin: ResourceValidationPolicy = {
  name: "iam-attachment-no-admin",
  description:
    "Checks that no attachment, of any kind, gives a user, group or role AdministratorAccess, " +
    "a policy of like power, or a permissions boundary as a grant.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      adminPolicyNames: { type: "array", items: { type: "string" }, default: ADMIN_POLICY_NAMES },
      boundaryPath: { type: "string", default: BOUNDARY_PATH },
    },
  },
  validateResource: forTypes(Object.keys(ATTACHMENT_TYPES), (args, reportViolation) => {
    const { adminPolicyNames, boundaryPath } = configWithDefaults(args, {
      adminPolicyNames: ADMIN_POLICY_NAMES,
      boundaryPath: BOUNDARY_PATH,
    });
    const shape = ATTACHMENT_TYPES[args.type];
    const props = knownProps(args.props);
    // ARNs unknown in a preview are known, and checked, before the attachment's step.
    for (const arn of texts(itemsOf(props[shape.policyArns]))) {
      const policy = policyOfArn(arn);
      const name = policy?.path.split("/").pop() ?? "";
      if (policy?.awsManaged === true && adminPolicyNames.includes(name)) {
        reportViolation(
          `${args.name}: no user, group or role may be attached ${arn}, which grants ` +
            "everything or the power to take it; attach a policy of the actions it needs.",
        );
      } else if (policy?.path.startsWith(boundaryPath) === true) {
        reportViolation(
          `${args.name}: a permissions boundary (${arn}) must bound users, never be attached ` +
            "as a grant: as a ceiling, no document rule judges what it allows.",
        );
      }
    }
  }),
};

export const iamAttachmentProjectPolicies: StackValidationPolicy = {
  name: "iam-attachment-project-policies",
  description:
    "Checks that users and groups are attached only managed policies the stack itself creates " +
    "and that users join only groups the stack creates.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const ofType = (type: string) => args.resources.filter((resource) => resource.type === type);
    const policies = ofType(POLICY_TYPE);
    const groups = ofType(GROUP_TYPE);
    for (const resource of args.resources) {
      const props = knownProps(resource.props);
      const dependenciesOf = (input: string) => resource.propertyDependencies[input] ?? [];
      const attachment = ATTACHMENT_TYPES[resource.type];
      // Names unknown in a preview are still names: the attachment is to users or groups.
      const toUsersOrGroups = (attachment?.usersOrGroups ?? []).some(
        (input) => props[input] === UNKNOWN || itemsOf(props[input]).length > 0,
      );
      if (attachment !== undefined && toUsersOrGroups) {
        for (const arn of itemsOf(props[attachment.policyArns])) {
          const awsManaged = typeof arn === "string" && policyOfArn(arn)?.awsManaged === true;
          // An AWS-managed ARN is never a stack policy's, even while those are unknown.
          const created =
            !awsManaged && refersToAny(arn, dependenciesOf(attachment.policyArns), policies, "arn");
          if (created === false) {
            reportViolation(
              `${resource.name}: users and groups must be attached only policies this stack ` +
                `creates, which its rules review; ${String(arn)} is ` +
                `${awsManaged ? "AWS-managed" : "not one of them"}.`,
              resource.urn,
            );
          }
        }
      }
      const groupsInput = MEMBERSHIP_GROUPS[resource.type];
      for (const group of groupsInput === undefined ? [] : itemsOf(props[groupsInput])) {
        if (refersToAny(group, dependenciesOf(groupsInput), groups, "name") === false) {
          reportViolation(
            `${resource.name}: users must join only groups this stack creates, whose policies ` +
              `its rules review; ${String(group)} is not one of them.`,
            resource.urn,
          );
        }
      }
    }
  },
};
