// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { parseBootstrapConfig as parseConfig } from "../config/bootstrapConfig";

/** The bootstrap config as the engine passes it: keys under the project's namespace. */
const parseBootstrapConfig = (values: Readonly<Record<string, string>>) =>
  parseConfig(
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [`iam-bucket-access-bootstrap:${key}`, value]),
    ),
    "iam-bucket-access-bootstrap",
  );

const VALID = {
  organization: "acme",
  repository: "acme/iam-bucket-access",
  environments: JSON.stringify({
    prod: { branch: "release", production: true, buckets: ["acme-app-data-prod"] },
    dev: { branch: "main", createsBucket: true },
  }),
};

describe("parseBootstrapConfig", () => {
  it("reads the organization, repository and each environment, in stack order", () => {
    assert.deepEqual(parseBootstrapConfig(VALID), {
      organization: "acme",
      repository: "acme/iam-bucket-access",
      oidcProviderArn: undefined,
      githubActionsOidc: false,
      blockPublicAccess: true,
      environments: [
        {
          stack: "dev",
          branch: "main",
          createsBucket: true,
          buckets: [],
          tags: { environment: "dev", project: "iam-bucket-access" },
          production: false,
          previewPullRequests: true,
          roles: false,
          adoptStack: false,
          escRotation: false,
          rotatedUsers: ["iam-bucket-access-dev"],
        },
        {
          stack: "prod",
          branch: "release",
          createsBucket: false,
          buckets: ["acme-app-data-prod"],
          tags: { environment: "prod", project: "iam-bucket-access" },
          production: true,
          previewPullRequests: false,
          roles: false,
          adoptStack: false,
          escRotation: false,
          rotatedUsers: ["iam-bucket-access-prod"],
        },
      ],
    });
  });

  it("lets a deploy role set the tags an environment names, with their values", () => {
    const environments = JSON.stringify({
      dev: { branch: "main", tags: { environment: "development", team: "data" } },
    });
    assert.deepEqual(parseBootstrapConfig({ ...VALID, environments }).environments[0].tags, {
      environment: "development",
      team: "data",
    });
  });

  it("requires the environments", () => {
    const { environments: _, ...withoutEnvironments } = VALID;
    assert.throws(
      () => parseBootstrapConfig(withoutEnvironments),
      /config key environments: got null; expected a value, as it is required/,
    );
  });

  it("reuses an existing OIDC provider when one is named", () => {
    const arn = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
    assert.equal(parseBootstrapConfig({ ...VALID, oidcProviderArn: arn }).oidcProviderArn, arn);
    assert.equal(
      parseBootstrapConfig({ ...VALID, oidcProviderArn: "" }).oidcProviderArn,
      undefined,
    );
  });

  it("leaves account-wide Block Public Access off only when told to", () => {
    assert.equal(
      parseBootstrapConfig({ ...VALID, blockPublicAccess: "false" }).blockPublicAccess,
      false,
    );
  });

  const cases: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
    // what is wrong, config over the valid one, the message
    [
      "a missing organization",
      { organization: "" },
      /config key organization: got null; expected a value, as it is required: Pulumi Cloud organization/,
    ],
    [
      "an organization GitHub-style",
      { organization: "acme/ops" },
      /config key organization: got "acme\/ops"; expected a Pulumi organization name/,
    ],
    [
      "a repository without its owner",
      { repository: "iam-bucket-access" },
      /config key repository: got "iam-bucket-access"; expected a GitHub repository as owner\/name/,
    ],
    [
      "an OIDC provider of another issuer",
      {
        oidcProviderArn:
          "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      },
      /config key oidcProviderArn: got .*; expected the ARN of the account's OIDC provider for api\.pulumi\.com\/oidc/,
    ],
    [
      "a non-boolean blockPublicAccess",
      { blockPublicAccess: "sometimes" },
      /config key blockPublicAccess: got "sometimes"; expected true or false/,
    ],
    [
      "no environments",
      { environments: "{}" },
      /config key environments: got \{\}; expected a map of environment names to their settings, with one at least/,
    ],
    [
      "an environment without a branch",
      { environments: '{"dev":{}}' },
      /config key environments\.dev\.branch: got null; expected a value, as it is required: The git branch/,
    ],
    [
      "a branch git would refuse",
      { environments: '{"dev":{"branch":"feature..x"}}' },
      /config key environments\.dev\.branch: got "feature\.\.x"; expected a git branch name/,
    ],
    [
      "a non-boolean createsBucket",
      { environments: '{"dev":{"branch":"main","createsBucket":"yes"}}' },
      /config key environments\.dev\.createsBucket: got "yes"; expected true or false/,
    ],
    [
      "a non-boolean production",
      { environments: '{"prod":{"branch":"main","production":"yes"}}' },
      /config key environments\.prod\.production: got "yes"; expected true or false/,
    ],
    [
      "a non-boolean adoptStack",
      { environments: '{"prod":{"branch":"main","adoptStack":"yes"}}' },
      /config key environments\.prod\.adoptStack: got "yes"; expected true or false/,
    ],
    [
      "buckets that are not a list of names",
      { environments: '{"prod":{"branch":"main","buckets":"data"}}' },
      /config key environments\.prod\.buckets: got "data"; expected a list of text values/,
    ],
    [
      "a bucket S3 could not have",
      { environments: '{"prod":{"branch":"main","buckets":["Data_Bucket"]}}' },
      /config key environments\.prod\.buckets: got "Data_Bucket"; expected an S3 bucket name/,
    ],
    [
      "a bucket two environments share",
      {
        environments:
          '{"dev":{"branch":"main","buckets":["shared-data"]},"prod":{"branch":"release","buckets":["shared-data"]}}',
      },
      /config key environments\.prod\.buckets: got "shared-data"; expected a bucket of one environment only \(dev lists it\)/,
    ],
    [
      "an existing bucket named like another stack's created bucket",
      {
        environments:
          '{"dev":{"branch":"main","createsBucket":true},"prod":{"branch":"release","buckets":["iam-bucket-access-dev-0a1b2c3d"]}}',
      },
      /config key environments\.prod\.buckets: got "iam-bucket-access-dev-0a1b2c3d"; expected a bucket whose name no stack's created bucket can have \(it is one of dev's\)/,
    ],
    [
      "two stacks that differ only in case",
      { environments: '{"dev":{"branch":"main"},"Dev":{"branch":"main"}}' },
      /config key environments: got "Dev"; expected stack names that differ in more than case \(dev is one\)/,
    ],
    [
      "a stack whose deploy role name would exceed IAM's 64 characters",
      { environments: JSON.stringify({ ["s".repeat(40)]: { branch: "main" } }) },
      /config key environments: got "s{40}"; expected a stack name .* fit IAM's 64 characters/,
    ],
    [
      "a bucket-creating stack whose name S3 cannot take",
      { environments: '{"qa_env":{"branch":"main","createsBucket":true}}' },
      /config key environments\.qa_env\.createsBucket: got true; expected false, as stack "qa_env" cannot name a bucket of its own/,
    ],
    [
      "the retired permissionsBoundaryArn",
      {
        environments:
          '{"dev":{"branch":"main","permissionsBoundaryArn":"arn:aws:iam::123456789012:policy/b"}}',
      },
      /config key environments\.dev\.permissionsBoundaryArn: got .*; expected no such key: the bootstrap now creates each environment's permissions boundary itself/,
    ],
    [
      "so many existing buckets that the stack's boundary would exceed IAM's 6,144 characters",
      {
        environments: JSON.stringify({
          prod: {
            branch: "main",
            buckets: Array.from({ length: 60 }, (_, i) => `acme-data-bucket-number-${i}`),
          },
        }),
      },
      /config key environments\.prod\.buckets: got \[.*\]; expected fewer buckets: with these the stack's permissions boundary has \d+ characters, over IAM's limit of 6144/,
    ],
    [
      "so many tags that the stack's deploy role policy would exceed IAM's 10,240 characters",
      {
        environments: JSON.stringify({
          prod: {
            branch: "main",
            tags: Object.fromEntries(
              Array.from({ length: 40 }, (_, i) => [`cost-center-${i}`, "x"]),
            ),
          },
        }),
      },
      /config key environments\.prod\.tags: got \{.*\}; expected fewer or shorter tags: with these the stack's deploy role policy has \d+ characters, over IAM's limit of 10240 for a role's inline policies/,
    ],
    [
      "so many rotated users that the stack's rotator role policy would exceed IAM's 10,240 characters",
      {
        environments: JSON.stringify({
          prod: {
            branch: "main",
            escRotation: true,
            rotatedUsers: Array.from({ length: 60 }, (_, i) => `iam-bucket-access-prod-app-${i}`),
          },
        }),
      },
      /config key environments\.prod\.rotatedUsers: got \[.*\]; expected fewer users: with these the stack's rotator role policy has \d+ characters, over IAM's limit of 10240 for a role's inline policies/,
    ],
    [
      "the retired tagKeys, which named no values",
      { environments: '{"dev":{"branch":"main","tagKeys":["environment"]}}' },
      /config key environments\.dev\.tagKeys: got \["environment"\]; expected no such key: tags names each tag the deploy role may set with its value/,
    ],
    [
      "a tag key of AWS's own",
      { environments: '{"dev":{"branch":"main","tags":{"aws:team":"data"}}}' },
      /config key environments\.dev\.tags: got "aws:team"; expected a tag key that does not start with aws:/,
    ],
    [
      "an unknown environment key",
      { environments: '{"dev":{"branch":"main","region":"eu-west-1"}}' },
      /config key environments\.dev\.region: got "eu-west-1"; expected a key of an environment/,
    ],
    [
      "a rotated user that is no IAM user name",
      { environments: '{"prod":{"branch":"release","rotatedUsers":["prod app"]}}' },
      /config key environments\.prod\.rotatedUsers(\[0\])?: got "prod app"; expected 1 to 64 letters, digits and \+=,\.@_- \(an IAM user name\)/,
    ],
    [
      "pull request previews of a production stack",
      {
        environments: '{"prod":{"branch":"release","production":true,"previewPullRequests":true}}',
      },
      /config key environments\.prod\.previewPullRequests: got true; expected false, as environments\.prod\.production is true/,
    ],
    [
      "no rotated user",
      { environments: '{"prod":{"branch":"release","rotatedUsers":[]}}' },
      /config key environments\.prod\.rotatedUsers: got \[\]; expected one user name at least/,
    ],
    [
      "an unknown key",
      { organisation: "acme" },
      /config key organisation: got "acme"; expected a key of the bootstrap: did you mean organization\?/,
    ],
  ];
  for (const [what, override, message] of cases) {
    it(`rejects ${what}`, () => {
      assert.throws(() => parseBootstrapConfig({ ...VALID, ...override }), message);
    });
  }
});
