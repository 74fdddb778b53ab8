import {
  ACCOUNT_ID,
  DEFAULT_STACK,
  registrations,
  resetRegistrations,
  useStack,
} from "../tools/runner/mocks";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import {
  BucketAccessRole,
  bucketAccessRoleOutputs,
  ROLE_OUTPUT_NAMES,
} from "../components/bucketAccessRole";
import type { RoleTrustSettings } from "../config/roleArgs";
import type { BucketAccessRoleArgs } from "../config/roleArgTypes";
import { BucketAccessUser } from "../components/bucketAccessUser";
import type { BucketAccessUserArgs } from "../config/userArgTypes";
import { roleTrustPolicy } from "../iam/roleTrust";
import { promiseOf } from "../tools/runner/program";
import {
  assertPolicyAttachedTo,
  builtComponent,
  failedConstruction,
  inputsOfOnly,
  warningsOf,
} from "./support/specHelpers";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ACCOUNT = { partition: "aws", accountId: ACCOUNT_ID };
const GITHUB: RoleTrustSettings = {
  github: { repository: "acme/uploader", environments: ["production"] },
};
const PEM =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ29uZmlkZW50\n-----END CERTIFICATE-----\n";
const ANYWHERE: RoleTrustSettings = {
  rolesAnywhere: { certificates: [PEM], commonNames: ["uploader.acme.example"] },
};
const ARGS: BucketAccessRoleArgs = { bucket: "my-bucket", roleName: "app-role", trust: GITHUB };
const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/iam-bucket-access/test/app-role`;

/** Builds a component and lets every output settle; returns it with its children's options. */
async function build(args: BucketAccessRoleArgs, name = "app") {
  const { component, children } = await builtComponent(
    (opts) => new BucketAccessRole(name, args, opts),
  );
  return { role: component, children };
}

describe("BucketAccessRole", () => {
  before(async () => {
    // The default path is the stack's own, the region the provider's: run where the
    // expectations below assume.
    await useStack(DEFAULT_STACK, { "aws:region": "eu-west-1" });
  });
  after(() => useStack(DEFAULT_STACK, {}));
  beforeEach(resetRegistrations);

  describe("trusted by a GitHub repository", () => {
    it("creates a role, its policy and attachment, as children, and no OIDC provider", async () => {
      const { children } = await build(ARGS);
      assert.deepEqual(
        children.map((c) => `${c.type} ${c.name}`),
        [
          "aws:iam/role:Role app",
          "aws:iam/policy:Policy app-policy",
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment app-policy-attachment",
        ],
      );
    });

    it("creates the role under its stack's own path, for sessions of one hour", async () => {
      const { role } = await build({ ...ARGS, tags: { team: "data" } });
      const inputs = inputsOfOnly("aws:iam/role:Role");
      assert.deepEqual(
        { ...inputs, assumeRolePolicy: undefined },
        {
          name: "app-role",
          path: "/iam-bucket-access/test/",
          description: "Bucket access of app-role, for the callers its trust names",
          maxSessionDuration: 3600,
          tags: { team: "data" },
          assumeRolePolicy: undefined,
        },
      );
      assert.equal(inputs.assumeRolePolicy, await promiseOf(role.trustPolicyJson));
    });

    it("trusts the repository through the account's own GitHub OIDC provider", async () => {
      const { role } = await build(ARGS);
      assert.deepEqual(
        JSON.parse(await promiseOf(role.trustPolicyJson)),
        roleTrustPolicy(
          {
            github: { repository: "acme/uploader", refs: [], environments: ["production"] },
            services: [],
          },
          ACCOUNT,
        ),
      );
    });

    it("offers a workflow step that assumes the role in the stack's region", async () => {
      const { role } = await build(ARGS);
      assert.equal(
        await promiseOf(role.githubWorkflowStep ?? pulumi.output("")),
        [
          "# The job needs: permissions: { id-token: write, contents: read }",
          "- name: Configure AWS credentials",
          "  uses: aws-actions/configure-aws-credentials@v4",
          "  with:",
          `    role-to-assume: ${ROLE_ARN}`,
          "    aws-region: eu-west-1",
          "",
        ].join("\n"),
      );
      assert.equal(role.credentialProcess, undefined);
    });
  });

  describe("settings", () => {
    it("allows the sessions it is told to, and carries the boundary it names", async () => {
      await build({
        ...ARGS,
        maxSessionDuration: 43200,
        permissionsBoundary: "iam-bucket-access-boundary/iam-bucket-access-test",
      });
      const inputs = inputsOfOnly("aws:iam/role:Role");
      assert.equal(inputs.maxSessionDuration, 43200);
      assert.equal(
        inputs.permissionsBoundary,
        `arn:aws:iam::${ACCOUNT_ID}:policy/iam-bucket-access-boundary/iam-bucket-access-test`,
      );
    });

    it("names the policy after the role and attaches it to the role", async () => {
      await build(ARGS);
      assertPolicyAttachedTo("role", "app-role");
    });

    it("protects every child when told to", async () => {
      const { children } = await build({ ...ARGS, trust: ANYWHERE, protect: true });
      assert.equal(children.length, 5);
      assert.ok(children.every((child) => child.opts.protect === true));
    });
  });

  describe("the policy", () => {
    /** A user of the same grant: the console is what a role cannot have. */
    async function userPolicyJson(args: Partial<BucketAccessUserArgs>): Promise<string> {
      const user = new BucketAccessUser(`user-${Math.random().toString(36).slice(2)}`, {
        bucket: "my-bucket",
        userName: "app-user",
        console: { enabled: false },
        ...args,
      });
      return promiseOf(user.policyJson);
    }
    const cases: ReadonlyArray<readonly [string, Partial<BucketAccessRoleArgs>]> = [
      // situation, the grant's arguments, for the role and the user alike
      ["by default", {}],
      ["for read access", { access: "read" }],
      ["for write access", { access: "write" }],
      ["with prefixes", { prefixes: ["in/", "out/"] }],
      ["with delete allowed", { allowDelete: true }],
      ["with ListAllMyBuckets", { listAllBuckets: true }],
      ["with a KMS key", { kmsKeyArn: KEY }],
      ["given the bucket by ARN", { bucket: "arn:aws:s3:::my-bucket" }],
    ];
    for (const [situation, args] of cases) {
      it(`is a key-only user's very document ${situation}`, async () => {
        const { role } = await build({ ...ARGS, ...args });
        const json = await promiseOf(role.policyJson);
        assert.equal(json, await userPolicyJson(args as Partial<BucketAccessUserArgs>));
        const policy = registrations.find(
          (r) => r.type === "aws:iam/policy:Policy" && r.name === "app-policy",
        );
        assert.equal(policy?.inputs.policy, json);
      });
    }
  });

  it("deletes the old policy before creating its replacement, as IAM names are account-wide", async () => {
    const { children } = await build(ARGS);
    const policy = children.find((c) => c.type === "aws:iam/policy:Policy");
    assert.equal(policy?.opts.deleteBeforeReplace, true);
  });

  describe("trusted by Roles Anywhere", () => {
    it("creates the trust anchor before the role, and a profile of the role after it", async () => {
      const { children } = await build({ ...ARGS, trust: ANYWHERE });
      assert.deepEqual(
        children.map((c) => `${c.type} ${c.name}`),
        [
          "aws:rolesanywhere/trustAnchor:TrustAnchor app-trust-anchor",
          "aws:iam/role:Role app",
          "aws:iam/policy:Policy app-policy",
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment app-policy-attachment",
          "aws:rolesanywhere/profile:Profile app-profile",
        ],
      );
    });

    it("anchors to the CA bundle, or to the Private CA, and names both after the role", async () => {
      await build({ ...ARGS, roleName: "app.role@acme", trust: ANYWHERE });
      assert.deepEqual(inputsOfOnly("aws:rolesanywhere/trustAnchor:TrustAnchor"), {
        name: "app-role-acme",
        enabled: true,
        source: {
          sourceType: "CERTIFICATE_BUNDLE",
          sourceData: { x509CertificateData: PEM.trim() },
        },
        tags: {},
      });
      const profile = inputsOfOnly("aws:rolesanywhere/profile:Profile");
      assert.deepEqual(profile, {
        name: "app-role-acme",
        enabled: true,
        roleArns: [`arn:aws:iam::${ACCOUNT_ID}:role/iam-bucket-access/test/app.role@acme`],
        tags: {},
      });
      resetRegistrations();
      const pca =
        "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012";
      await build({
        ...ARGS,
        trust: { rolesAnywhere: { acmPcaArn: pca, commonNames: ["app"] } },
      });
      assert.deepEqual(inputsOfOnly("aws:rolesanywhere/trustAnchor:TrustAnchor").source, {
        sourceType: "AWS_ACM_PCA",
        sourceData: { acmPcaArn: pca },
      });
    });

    it("trusts certificates of its own anchor only, and offers the signing helper's line", async () => {
      const { role } = await build({ ...ARGS, trust: ANYWHERE });
      const anchor = await promiseOf(role.trustAnchorArn ?? pulumi.output(""));
      const profile = await promiseOf(role.profileArn ?? pulumi.output(""));
      assert.match(
        anchor,
        /^arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor\/[0-9a-f-]{36}$/,
      );
      assert.deepEqual(
        JSON.parse(await promiseOf(role.trustPolicyJson)),
        roleTrustPolicy(
          {
            services: [],
            rolesAnywhere: { trustAnchorArn: anchor, commonNames: ["uploader.acme.example"] },
          },
          ACCOUNT,
        ),
      );
      assert.equal(
        await promiseOf(role.credentialProcess ?? pulumi.output("")),
        "credential_process = aws_signing_helper credential-process " +
          "--certificate /path/to/certificate.pem --private-key /path/to/private-key.pem " +
          `--trust-anchor-arn ${anchor} --profile-arn ${profile} --role-arn ${ROLE_ARN}`,
      );
      assert.equal(role.githubWorkflowStep, undefined);
    });
  });

  describe("outputs", () => {
    it("exports the role, its documents and its way in, none of them secret", async () => {
      const { role } = await build({
        ...ARGS,
        trust: { ...GITHUB, ...ANYWHERE, services: ["lambda.amazonaws.com"] },
      });
      const outputs = bucketAccessRoleOutputs(role);
      // With every trust, every output is set: none is left out.
      assert.deepEqual(Object.keys(outputs), ROLE_OUTPUT_NAMES);
      for (const [name, output] of Object.entries(outputs)) {
        assert.equal(await pulumi.isSecret(output), false, name);
      }
      assert.equal(await promiseOf(role.roleArn), ROLE_ARN);
      assert.equal(await promiseOf(role.roleName), "app-role");
      assert.equal(await promiseOf(role.accountId), ACCOUNT_ID);
      assert.equal(await promiseOf(role.bucketName), "my-bucket");
    });

    it("leaves out the outputs of trusts it does not have", async () => {
      const { role } = await build({ ...ARGS, trust: { services: ["ecs-tasks.amazonaws.com"] } });
      const names = Object.keys(bucketAccessRoleOutputs(role));
      for (const absent of [
        "githubWorkflowStep",
        "trustAnchorArn",
        "profileArn",
        "credentialProcess",
      ]) {
        assert.ok(!names.includes(absent), absent);
      }
    });
  });

  describe("warnings", () => {
    it("warns of a wildcard written into the GitHub trust, and of nothing otherwise", async () => {
      const wildcard = await warningsOf(() =>
        build({
          ...ARGS,
          trust: { github: { repository: "acme/uploader", refs: ["refs/tags/v*"] } },
        }),
      );
      assert.equal(wildcard.length, 1);
      assert.match(
        wildcard[0],
        /trust\.github: "repo:acme\/uploader:ref:refs\/tags\/v\*" holds a wildcard/,
      );
      assert.deepEqual(await warningsOf(() => build(ARGS)), []);
    });
  });

  describe("refused arguments", () => {
    // The casts stand for callers in other languages, whom TypeScript's types do not stop.
    const refusals: ReadonlyArray<readonly [string, BucketAccessRoleArgs, RegExp]> = [
      // what is refused, the arguments, the error
      [
        "a console",
        { ...ARGS, console: { enabled: true } } as never,
        /args\.console: got \{"enabled":true\}; expected nothing: a role has no console password/,
      ],
      [
        "an access key",
        { ...ARGS, accessKey: { enabled: true } } as never,
        /args\.accessKey: got \{"enabled":true\}; expected nothing: a role has no long-term access key/,
      ],
      [
        "a trust that names nobody",
        { ...ARGS, trust: {} },
        /args\.trust: got \{\}; expected one caller at least: github, services or rolesAnywhere/,
      ],
      [
        "a repository without an owner",
        { ...ARGS, trust: { github: { repository: "uploader" } } },
        /args\.trust\.github\.repository: got "uploader"; expected a GitHub repository as owner\/repo/,
      ],
      [
        "an unknown service principal form",
        { ...ARGS, trust: { services: ["ecs-tasks"] } },
        /args\.trust\.services: got "ecs-tasks"; expected an AWS service principal/,
      ],
    ];
    for (const [what, args, problem] of refusals) {
      it(`refuses ${what}, before anything is constructed`, () => {
        const { error, built } = failedConstruction(
          (opts) => new BucketAccessRole("bad", args, opts),
        );
        assert.match(error.message, /^invalid BucketAccessRole bad:\n/);
        assert.match(error.message, problem);
        assert.deepEqual(built, []);
      });
    }
  });
});
