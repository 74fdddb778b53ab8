/**
 * Rules for what is attached to IAM users, groups and roles: managed policies by every
 * attachment resource the pinned `@pulumi/aws` offers, and group memberships, which hand a
 * user its groups' policies.
 */
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { BOUNDARY_PATH } from "./iam";
import { configWithDefaults, forTypes, knownProps, refersTo, refersToAny } from "./validation";
import { itemsOf, textOf, UNKNOWN, Value } from "./values";

/** Where an attachment resource names the attached policies, and who is given them. */
interface AttachmentShape {
  /** The input holding the attached policy's ARN, or a list of ARNs. */
  readonly policyArns: string;
  /** The inputs naming the users, and the groups, it attaches to (a name or a list of names). */
  readonly users: readonly string[];
  readonly groups: readonly string[];
}

/** No users or groups: an attachment to roles. */
const ROLES_ONLY = { users: [], groups: [] };

/**
 * Every resource type of `@pulumi/aws` 7.48 that attaches managed policies, by type token. The
 * `*PoliciesExclusive` types only pin a principal's inline policy names (the inline policies are
 * `UserPolicy`, `GroupPolicy`, `RolePolicy`, which the document rules read) and attach nothing.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentShape>> = {
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": {
    policyArns: "policyArn",
    users: ["user"],
    groups: [],
  },
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": {
    policyArns: "policyArn",
    users: [],
    groups: ["group"],
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { policyArns: "policyArn", ...ROLES_ONLY },
  "aws:iam/policyAttachment:PolicyAttachment": {
    policyArns: "policyArn",
    users: ["users"],
    groups: ["groups"],
  },
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": {
    policyArns: "policyArns",
    users: ["userName"],
    groups: [],
  },
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": {
    policyArns: "policyArns",
    users: [],
    groups: ["groupName"],
  },
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": {
    policyArns: "policyArns",
    ...ROLES_ONLY,
  },
  // A role's own managedPolicyArns attach like a RolePolicyAttachment.
  "aws:iam/role:Role": { policyArns: "managedPolicyArns", ...ROLES_ONLY },
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
      const toUsersOrGroups = [...(attachment?.users ?? []), ...(attachment?.groups ?? [])].some(
        (input) => itemsOf(props[input]).length > 0,
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
                `creates, which its rules review; ${textOf(arn)} is ` +
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
              `its rules review; ${textOf(group)} is not one of them.`,
            resource.urn,
          );
        }
      }
    }
  },
};

/** An inline policy of one user. */
const USER_POLICY_TYPE = "aws:iam/userPolicy:UserPolicy";

/**
 * The identity policies the stack gives a user itself: the documents of the stack's policies
 * attached to it and of its inline policies. `UNKNOWN` stands for a document that may apply
 * and is not known yet; a policy from outside the stack has no document here.
 */
export function userDocuments(user: PolicyResource, resources: readonly PolicyResource[]): Value[] {
  const policies = resources.filter(({ type }) => type === POLICY_TYPE);
  return resources.flatMap((resource) => {
    const props = knownProps(resource.props);
    const dependenciesOf = (input: string) => resource.propertyDependencies[input] ?? [];
    const namesUser = (input: string) =>
      itemsOf(props[input]).map((name) => refersTo(name, dependenciesOf(input), user, "name"));
    if (resource.type === USER_POLICY_TYPE) {
      return namesUser("user").flatMap((names) =>
        names === false ? [] : [names === true ? props.policy : UNKNOWN],
      );
    }
    const shape = ATTACHMENT_TYPES[resource.type];
    const named = (shape?.users ?? []).flatMap(namesUser);
    if (shape === undefined || !named.some((names) => names !== false)) {
      return [];
    }
    return itemsOf(props[shape.policyArns]).flatMap((arn): Value[] => {
      const policy = policies.find(
        (candidate) => refersTo(arn, dependenciesOf(shape.policyArns), candidate, "arn") === true,
      );
      if (policy === undefined) {
        return arn === UNKNOWN ? [UNKNOWN] : [];
      }
      return [named.includes(true) ? knownProps(policy.props).policy : UNKNOWN];
    });
  });
}
