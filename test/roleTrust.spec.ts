// A pure module: no Pulumi runtime, so no mocks and a plain import.
// The trust policy is pinned here once, whole; who it lets in is proven by the IAM engine in
// roleTrust.simulation.spec.ts.
import * as assert from "node:assert/strict";
import {
  GithubActionsTrust,
  githubActionsTrustStatement,
  githubOidcProviderArn,
  githubSubjects,
  roleTrustPolicy,
  servicesTrustStatements,
} from "../iam/roleTrust";

const ACCOUNT = { partition: "aws", accountId: "123456789012" };
const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const ANCHOR = "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/8c1a2b3c";
const GITHUB: GithubActionsTrust = {
  repository: "acme/uploader",
  refs: ["refs/heads/main"],
  environments: ["production"],
};

describe("githubOidcProviderArn", () => {
  it("is the account's one provider for GitHub's issuer, in the account's partition", () => {
    assert.equal(githubOidcProviderArn(ACCOUNT), PROVIDER);
    assert.equal(
      githubOidcProviderArn({ partition: "aws-cn", accountId: "123456789012" }),
      "arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    );
  });
});

describe("githubSubjects", () => {
  it("names the repository with each ref and each environment, as GitHub's tokens do", () => {
    assert.deepEqual(githubSubjects(GITHUB), [
      "repo:acme/uploader:ref:refs/heads/main",
      "repo:acme/uploader:environment:production",
    ]);
  });
});

describe("roleTrustPolicy", () => {
  it("trusts the repository's workflows, the account's services and the anchor's certificates", () => {
    assert.deepEqual(
      roleTrustPolicy(
        {
          github: GITHUB,
          services: ["ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com", "lambda.amazonaws.com"],
          rolesAnywhere: { trustAnchorArn: ANCHOR, commonNames: ["uploader.acme.example"] },
        },
        ACCOUNT,
      ),
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "GithubActionsOfRepository",
            Effect: "Allow",
            Principal: { Federated: PROVIDER },
            Action: ["sts:AssumeRoleWithWebIdentity"],
            Condition: {
              StringEquals: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": [
                  "repo:acme/uploader:ref:refs/heads/main",
                  "repo:acme/uploader:environment:production",
                ],
              },
            },
          },
          {
            Sid: "AwsServicesOfThisAccount",
            Effect: "Allow",
            Principal: { Service: ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"] },
            Action: ["sts:AssumeRole"],
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
          },
          {
            Sid: "SessionTaggingServicesOfThisAccount",
            Effect: "Allow",
            Principal: { Service: ["pods.eks.amazonaws.com"] },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
          },
          {
            Sid: "RolesAnywhereCertificates",
            Effect: "Allow",
            Principal: { Service: ["rolesanywhere.amazonaws.com"] },
            Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
            Condition: {
              ArnEquals: { "aws:SourceArn": ANCHOR },
              StringEquals: { "aws:PrincipalTag/x509Subject/CN": ["uploader.acme.example"] },
            },
          },
        ],
      },
    );
  });

  it("has one statement per kind of caller it is given, and none for the others", () => {
    const sids = (trust: Parameters<typeof roleTrustPolicy>[0]) =>
      roleTrustPolicy(trust, ACCOUNT).Statement.map((statement) => statement.Sid);
    assert.deepEqual(sids({ github: GITHUB, services: [] }), ["GithubActionsOfRepository"]);
    assert.deepEqual(sids({ services: ["lambda.amazonaws.com"] }), ["AwsServicesOfThisAccount"]);
    assert.deepEqual(sids({ services: ["pods.eks.amazonaws.com"] }), [
      "SessionTaggingServicesOfThisAccount",
    ]);
  });
});

describe("githubActionsTrustStatement", () => {
  it("matches subjects by StringLike only when one holds a wildcard, the audience always exactly", () => {
    const statement = githubActionsTrustStatement(PROVIDER, {
      ...GITHUB,
      refs: ["refs/tags/v*"],
    });
    assert.deepEqual(statement.Condition, {
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: {
        "token.actions.githubusercontent.com:sub": [
          "repo:acme/uploader:ref:refs/tags/v*",
          "repo:acme/uploader:environment:production",
        ],
      },
    });
  });
});

describe("servicesTrustStatements", () => {
  it("gives sts:TagSession to the services that tag their sessions only", () => {
    const statements = servicesTrustStatements(
      ["ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com"],
      "123456789012",
    );
    assert.deepEqual(
      statements.map((statement) => [statement.Principal, statement.Action]),
      [
        [{ Service: ["ecs-tasks.amazonaws.com"] }, ["sts:AssumeRole"]],
        [{ Service: ["pods.eks.amazonaws.com"] }, ["sts:AssumeRole", "sts:TagSession"]],
      ],
    );
  });
});
