// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { parseBootstrapConfig } from "../components/config";

const VALID = {
  organization: "acme",
  repository: "acme/iam-bucket-access",
  environments: JSON.stringify({
    prod: {
      branch: "release",
      permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/boundary",
    },
    dev: { branch: "main", createsBucket: true },
  }),
};

describe("parseBootstrapConfig", () => {
  it("reads the organization, repository and each environment, in stack order", () => {
    assert.deepEqual(parseBootstrapConfig(VALID), {
      organization: "acme",
      repository: "acme/iam-bucket-access",
      oidcProviderArn: undefined,
      environments: [
        { stack: "dev", branch: "main", createsBucket: true },
        {
          stack: "prod",
          branch: "release",
          createsBucket: false,
          permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/boundary",
        },
      ],
    });
  });

  it("reuses an existing OIDC provider when one is named", () => {
    const arn = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
    assert.equal(parseBootstrapConfig({ ...VALID, oidcProviderArn: arn }).oidcProviderArn, arn);
    assert.equal(
      parseBootstrapConfig({ ...VALID, oidcProviderArn: "" }).oidcProviderArn,
      undefined,
    );
  });

  const cases: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
    // what is wrong, config over the valid one, the message
    [
      "a missing organization",
      { organization: "" },
      /config key organization: got ""; expected a Pulumi organization name/,
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
      "no environments",
      { environments: "{}" },
      /config key environments: got \{\}; expected a map of stack name to/,
    ],
    [
      "an environment without a branch",
      { environments: '{"dev":{}}' },
      /config key environments\.dev\.branch: got null; expected a git branch name/,
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
      "a malformed boundary",
      { environments: '{"dev":{"branch":"main","permissionsBoundaryArn":"boundary"}}' },
      /config key environments\.dev\.permissionsBoundaryArn: got "boundary"; expected an IAM managed policy ARN/,
    ],
    [
      "an unknown environment key",
      { environments: '{"dev":{"branch":"main","region":"eu-west-1"}}' },
      /config key environments\.dev\.region: got "eu-west-1"; expected a key of an environment/,
    ],
    [
      "an unknown key",
      { organisation: "acme" },
      /config key organisation: got "acme"; expected a known key/,
    ],
  ];
  for (const [what, override, message] of cases) {
    it(`rejects ${what}`, () => {
      assert.throws(() => parseBootstrapConfig({ ...VALID, ...override }), message);
    });
  }
});
