import * as assert from "node:assert/strict";
import { join } from "node:path";
import { ACCOUNT_ID } from "../../offline/mocks";
import { ProgramRun, runProgram } from "../../offline/program";
import { Decision, decide } from "../../test/iamSimulator";

const BOOTSTRAP = join(__dirname, "..");
const BOUNDARY = `arn:aws:iam::${ACCOUNT_ID}:policy/iam-bucket-access/boundary`;
const user = (path: string) => `arn:aws:iam::${ACCOUNT_ID}:user${path}`;
const policy = (path: string) => `arn:aws:iam::${ACCOUNT_ID}:policy${path}`;
const roleOf = (stack: string) =>
  `arn:aws:iam::${ACCOUNT_ID}:role/iam-bucket-access/iam-bucket-access-deploy-${stack}`;

/** The deploy role's permissions, key ARN and role ARN per stack, from a mocked bootstrap run. */
function environmentsOf(run: ProgramRun) {
  const inputs = (type: string, name: string) =>
    run.registrations.find((r) => r.type === type && r.name === name)?.inputs ?? {};
  return (stack: string) => {
    const document = JSON.parse(
      String(inputs("aws:iam/rolePolicy:RolePolicy", `${stack}-deploy`).policy),
    );
    const keyArn = document.Statement.find(
      (s: { Sid: string }) => s.Sid === "UseEnvironmentSecretsKey",
    ).Resource;
    return { policyJson: JSON.stringify(document), keyArn: String(keyArn) };
  };
}

type Row = readonly [string, string, string, Readonly<Record<string, string>>, Decision];
type Environments = ReturnType<typeof environmentsOf>;

/** One test per row: the stack's deploy role asks, the engine decides. */
function itDecides(rows: readonly Row[], environments: () => Environments): void {
  for (const [stack, action, resource, context, expected] of rows) {
    const extra = Object.entries(context)
      .map(([name, value]) => ` ${name}=${value}`)
      .join("");
    it(`${stack} role: ${action} on ${resource}${extra} is ${expected}`, async () => {
      const envs = environments();
      const target = resource.startsWith("key:") ? envs(resource.slice(4)).keyArn : resource;
      const request = { principal: roleOf(stack), action, resource: target, context };
      assert.equal(await decide(envs(stack).policyJson, request), expected);
    });
  }
}

const key = (stack: string) => `key:${stack}`;
const devBucket = "arn:aws:s3:::iam-bucket-access-dev-1a2b3c4d";
const projectPolicy = policy("/iam-bucket-access/app-bucket-access");

// stack, action, resource (key:<stack> for that stack's key), context, AWS's decision
const ROWS: readonly Row[] = [
  ["dev", "iam:CreateUser", user("/iam-bucket-access/app"), {}, "Allowed"],
  ["dev", "iam:CreateUser", user("/app"), {}, "ImplicitlyDenied"],
  ["dev", "iam:CreateUser", user("/admins/app"), {}, "ImplicitlyDenied"],
  ["dev", "iam:CreateAccessKey", user("/iam-bucket-access/app"), {}, "Allowed"],
  ["dev", "iam:CreateAccessKey", user("/ci"), {}, "ImplicitlyDenied"],
  ["dev", "iam:DeleteUser", user("/admins/alice"), {}, "ImplicitlyDenied"],
  ["dev", "iam:CreateLoginProfile", user("/admins/alice"), {}, "ImplicitlyDenied"],
  [
    "dev",
    "iam:AttachUserPolicy",
    user("/iam-bucket-access/app"),
    { "iam:PolicyARN": projectPolicy },
    "Allowed",
  ],
  [
    "dev",
    "iam:AttachUserPolicy",
    user("/iam-bucket-access/app"),
    { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" },
    "ImplicitlyDenied",
  ],
  [
    "dev",
    "iam:AttachUserPolicy",
    user("/admins/alice"),
    { "iam:PolicyARN": projectPolicy },
    "ImplicitlyDenied",
  ],
  ["dev", "iam:CreatePolicy", projectPolicy, {}, "Allowed"],
  ["dev", "iam:CreatePolicy", policy("/admin"), {}, "ImplicitlyDenied"],
  ["dev", "iam:PutRolePolicy", roleOf("dev"), {}, "ImplicitlyDenied"],
  ["dev", "iam:UpdateAssumeRolePolicy", roleOf("dev"), {}, "ImplicitlyDenied"],
  ["dev", "kms:Encrypt", key("dev"), {}, "Allowed"],
  ["dev", "kms:Decrypt", key("dev"), {}, "Allowed"],
  ["dev", "kms:Decrypt", key("prod"), {}, "ImplicitlyDenied"],
  ["prod", "kms:Decrypt", key("dev"), {}, "ImplicitlyDenied"],
  ["dev", "kms:ScheduleKeyDeletion", key("dev"), {}, "ImplicitlyDenied"],
  ["dev", "s3:CreateBucket", devBucket, {}, "Allowed"],
  ["dev", "s3:PutBucketPolicy", devBucket, {}, "Allowed"],
  [
    "dev",
    "s3:CreateBucket",
    "arn:aws:s3:::iam-bucket-access-prod-1a2b3c4d",
    {},
    "ImplicitlyDenied",
  ],
  ["dev", "s3:DeleteBucket", "arn:aws:s3:::acme-app-data-prod", {}, "ImplicitlyDenied"],
  ["dev", "s3:GetObject", `${devBucket}/data.csv`, {}, "ImplicitlyDenied"],
  [
    "prod",
    "s3:CreateBucket",
    "arn:aws:s3:::iam-bucket-access-prod-1a2b3c4d",
    {},
    "ImplicitlyDenied",
  ],
  ["prod", "iam:CreateUser", user("/iam-bucket-access/app"), {}, "Allowed"],
];

// The same requests of a prod role whose stack has a permissions boundary.
const BOUNDED_ROWS: readonly Row[] = [
  [
    "prod",
    "iam:CreateUser",
    user("/iam-bucket-access/app"),
    { "iam:PermissionsBoundary": BOUNDARY },
    "Allowed",
  ],
  ["prod", "iam:CreateUser", user("/iam-bucket-access/app"), {}, "ImplicitlyDenied"],
  [
    "prod",
    "iam:CreateUser",
    user("/iam-bucket-access/app"),
    { "iam:PermissionsBoundary": policy("/iam-bucket-access/wide-open") },
    "ImplicitlyDenied",
  ],
  [
    "prod",
    "iam:PutUserPermissionsBoundary",
    user("/iam-bucket-access/app"),
    { "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess" },
    "ImplicitlyDenied",
  ],
  [
    "prod",
    "iam:DeleteUserPermissionsBoundary",
    user("/iam-bucket-access/app"),
    {},
    "ExplicitlyDenied",
  ],
];

describe("the deploy roles, decided by an IAM policy engine", () => {
  let plain: Environments;
  let bounded: Environments;

  before(async () => {
    plain = environmentsOf(await runProgram("admin", {}, BOOTSTRAP));
    bounded = environmentsOf(
      await runProgram(
        "admin",
        { environments: { prod: { branch: "release", permissionsBoundaryArn: BOUNDARY } } },
        BOOTSTRAP,
      ),
    );
  });

  itDecides(ROWS, () => plain);

  describe("with a permissions boundary on prod", () => {
    itDecides(BOUNDED_ROWS, () => bounded);
  });
});
