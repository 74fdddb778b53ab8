import * as assert from "node:assert/strict";
import {
  iamPolicyNoStarResource,
  iamPolicyNoWildcardActions,
  iamPolicyStatementSids,
  iamRoleGithubTrustNamesRepositories,
  iamRoleOidcTrustHoldsSubject,
  iamRoleTrustsNamedPrincipals,
  iamRoleTrustsOwnAccount,
  iamUserBoundaryElsewhere,
  iamUserBoundaryInProduction,
  iamUserUnderProjectPath,
} from "../iam";
import { assertViolation, resourceViolations, ResourceSpec, UNKNOWN_VALUE } from "./util";

/** A document holding the given statements, as JSON text. */
const documentWith = (...statements: object[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
/** A role whose trust policy is `assumeRolePolicy`, as the engine hands it to the rules. */
const roleWithTrust = (assumeRolePolicy: unknown, name = "deploy"): ResourceSpec => ({
  type: "aws:iam/role:Role",
  name,
  props: { assumeRolePolicy },
});
/** A role named deploy whose trust policy holds the statements, as JSON text. */
const roleTrusting = (...statements: object[]) => roleWithTrust(documentWith(...statements));
/** A role named deploy whose trust policy holds the statements, as an object, not JSON text. */
const roleWithTrustObject = (...statements: object[]) =>
  roleWithTrust({ Version: "2012-10-17", Statement: statements });
/** A trust statement's Allow of sts:AssumeRole, its principal still to be given. */
const assume = { Sid: "Assume", Effect: "Allow", Action: "sts:AssumeRole" };
/** An IAM managed policy resource holding the given statements. */
const policyWith = (...statements: object[]): ResourceSpec => ({
  type: "aws:iam/policy:Policy",
  name: "app-policy",
  props: { policy: documentWith(...statements) },
});
const getObject = {
  Sid: "Read",
  Effect: "Allow",
  Action: ["s3:GetObject"],
  Resource: ["arn:aws:s3:::b/*"],
};
const user = (props: Record<string, unknown>, stack = "dev", stackTags = {}) => ({
  type: "aws:iam/user:User",
  name: "app",
  props: { name: "app", ...props },
  stack,
  stackTags,
});
const BOUNDARY = "arn:aws:iam::123456789012:policy/boundary";

/**
 * Every kind of resource that carries an identity policy, holding the given statements: the
 * document rules must read each alike.
 */
const carriers: ReadonlyArray<[string, (...statements: object[]) => ResourceSpec]> = [
  ["a managed policy", policyWith],
  ...["userPolicy:UserPolicy", "groupPolicy:GroupPolicy", "rolePolicy:RolePolicy"].map(
    (token): [string, (...statements: object[]) => ResourceSpec] => [
      `an inline ${token.split(":")[1]}`,
      (...statements) => ({
        type: `aws:iam/${token}`,
        name: "app-policy",
        props: { policy: documentWith(...statements) },
      }),
    ],
  ),
  [
    "a role's own inline policy",
    (...statements) => ({
      type: "aws:iam/role:Role",
      name: "app-policy",
      props: {
        assumeRolePolicy: "{}",
        inlinePolicies: [{ name: "deploy", policy: documentWith(...statements) }],
      },
    }),
  ],
];

describe("#iam-policy-no-wildcard-actions", () => {
  it("is mandatory", () => {
    assert.equal(iamPolicyNoWildcardActions.enforcementLevel, "mandatory");
  });

  it("passes a policy that allows named actions", async () => {
    assert.deepEqual(
      await resourceViolations(iamPolicyNoWildcardActions, policyWith(getObject)),
      [],
    );
  });

  const cases = [
    // wildcard action, as a policy author might write it
    ["*", "\\*"],
    ["s3:*", "s3:\\*"],
    ["s3:Get*", "s3:Get\\*"],
    ["s3:GetObjec?", "s3:GetObjec\\?"],
  ];
  for (const [action, pattern] of cases) {
    it(`fails an Allow of ${action}`, async () => {
      assertViolation(
        await resourceViolations(
          iamPolicyNoWildcardActions,
          policyWith({ ...getObject, Action: action }),
        ),
        new RegExp(
          `app-policy: statement Read must allow named actions only, not the wildcard ${pattern}`,
        ),
      );
    });
  }

  for (const [kind, carrying] of carriers) {
    it(`fails s3:* allowed by ${kind}`, async () => {
      assertViolation(
        await resourceViolations(
          iamPolicyNoWildcardActions,
          carrying({ ...getObject, Action: "s3:*" }),
        ),
        /app-policy: (inline policy deploy, )?statement Read must allow named actions only/,
      );
    });
  }

  it("fails an Allow by NotAction", async () => {
    const { Action: _, ...rest } = getObject;
    assertViolation(
      await resourceViolations(
        iamPolicyNoWildcardActions,
        policyWith({ ...rest, NotAction: "iam:*" }),
      ),
      /statement Read must not allow by NotAction/,
    );
  });

  it("leaves Deny statements alone, by Action or by NotAction", async () => {
    const deny = { Sid: "DenyHttp", Effect: "Deny", Action: "s3:*", Resource: "*" };
    const denyOthers = {
      Sid: "DenyS3BeyondTheCreatedBucket",
      Effect: "Deny",
      NotAction: ["s3:GetObject"],
      Resource: "arn:aws:s3:::*",
    };
    assert.deepEqual(
      await resourceViolations(iamPolicyNoWildcardActions, policyWith(deny, denyOthers)),
      [],
    );
  });
});

describe("#iam-policy-no-star-resource", () => {
  it("is mandatory", () => {
    assert.equal(iamPolicyNoStarResource.enforcementLevel, "mandatory");
  });

  const wildcardOnly = [
    "s3:ListAllMyBuckets",
    "iam:GetAccountPasswordPolicy",
    "iam:ListVirtualMFADevices",
  ];
  for (const action of wildcardOnly) {
    it(`passes ${action}, which AWS grants on "*" only, on "*"`, async () => {
      const onStar = { Sid: "OnStar", Effect: "Allow", Action: action, Resource: "*" };
      assert.deepEqual(await resourceViolations(iamPolicyNoStarResource, policyWith(onStar)), []);
    });
  }

  const everywhere = [
    // every resource, every bucket, every object, in every partition or account
    "*",
    "arn:aws:s3:::*",
    "arn:aws:s3:::*/*",
    "arn:aws:s3:::*/reports/*",
    "arn:*:s3:::*",
    "arn:aws:s3:::?*",
    "arn:aws:*:*:*:*",
    "arn:aws:iam::*:user/app",
    "arn:aws:kms:*:*:key/*",
    "arn:aws:iam::123456789012:*",
    // every user, role, group, managed policy or key of an account, whatever its path
    "arn:aws:iam::123456789012:user/*",
    "arn:aws:iam::123456789012:user*",
    "arn:aws:iam::123456789012:role/*",
    "arn:aws:iam::123456789012:role/?*",
    "arn:aws:iam::123456789012:group/*",
    "arn:aws:iam::123456789012:policy/*",
    "arn:aws:iam::123456789012:policy/*/dev/*",
    "arn:aws:kms:*:123456789012:key/*",
    "arn:aws:kms:us-east-1:123456789012:key/*",
    // every bucket whose name starts or ends a certain way, in any account
    "arn:aws:s3:::acme-*",
    "arn:aws:s3:::acme-*/*",
    "arn:aws:s3:::*-reports/*",
  ];
  for (const resource of everywhere) {
    it(`fails GetObject on ${resource}`, async () => {
      assertViolation(
        await resourceViolations(
          iamPolicyNoStarResource,
          policyWith({ ...getObject, Resource: ["arn:aws:s3:::b/*", resource] }),
        ),
        new RegExp(
          "app-policy: statement Read must name the resources s3:GetObject applies to instead " +
            `of "${resource.replace(/[*?]/g, "\\$&")}"`,
        ),
      );
    });
  }

  const scoped = [
    // the closest to "everywhere" that still names its buckets, objects and account
    "arn:aws:s3:::b",
    "arn:aws:s3:::b/*",
    "arn:aws:s3:::iam-bucket-access-dev-????????/*",
    "arn:aws:iam::123456789012:user/iam-bucket-access/dev/*",
    "arn:aws:iam::123456789012:role/iam-bucket-access/iam-bucket-access-deploy-dev",
    "arn:aws:iam::123456789012:policy/iam-bucket-access/dev/*",
    "arn:aws:iam::123456789012:mfa/*",
    "arn:aws:kms:us-east-1:123456789012:key/afa50c2b-472a-1944-0694-57cac8a9f170",
  ];
  for (const resource of scoped) {
    it(`passes GetObject on ${resource}`, async () => {
      const policy = policyWith({ ...getObject, Resource: resource });
      assert.deepEqual(await resourceViolations(iamPolicyNoStarResource, policy), []);
    });
  }

  for (const [kind, carrying] of carriers) {
    it(`fails GetObject on every bucket's objects allowed by ${kind}`, async () => {
      assertViolation(
        await resourceViolations(
          iamPolicyNoStarResource,
          carrying({ ...getObject, Resource: "arn:aws:s3:::*/*" }),
        ),
        /app-policy: (inline policy deploy, )?statement Read must name the resources/,
      );
    });
  }

  for (const [kind, carrying] of carriers) {
    it(`fails iam:CreateAccessKey on every user of an account allowed by ${kind}`, async () => {
      const everyUser = {
        Sid: "Keys",
        Effect: "Allow",
        Action: "iam:CreateAccessKey",
        Resource: "arn:aws:iam::123456789012:user/*",
      };
      assertViolation(
        await resourceViolations(iamPolicyNoStarResource, carrying(everyUser)),
        /app-policy: (inline policy deploy, )?statement Keys must name the resources iam:CreateAccessKey/,
      );
    });
  }

  it("fails an Allow by NotResource", async () => {
    const { Resource: _, ...rest } = getObject;
    assertViolation(
      await resourceViolations(
        iamPolicyNoStarResource,
        policyWith({ ...rest, NotResource: "arn:aws:s3:::acme-secrets/*" }),
      ),
      /app-policy: statement Read must not allow by NotResource, which grants every resource/,
    );
  });

  it("leaves Deny statements alone, on everything or by NotResource", async () => {
    const denyAll = { Sid: "DenyHttp", Effect: "Deny", Action: "s3:*", Resource: "*" };
    const denyElsewhere = {
      Sid: "DenyElsewhere",
      Effect: "Deny",
      Action: "s3:GetObject",
      NotResource: "arn:aws:s3:::b/*",
    };
    assert.deepEqual(
      await resourceViolations(iamPolicyNoStarResource, policyWith(denyAll, denyElsewhere)),
      [],
    );
  });

  describe("on a permissions boundary", () => {
    const keysEverywhere = {
      Sid: "UseBucketKeysViaS3",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: "arn:aws:kms:*:*:key/*",
      Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
    };
    const at = (path: string): ResourceSpec => ({
      ...policyWith(keysEverywhere),
      props: { path, policy: documentWith(keysEverywhere) },
    });

    it("passes a ceiling over every account's keys under the boundary path", async () => {
      const boundary = at("/iam-bucket-access-boundary/");
      assert.deepEqual(await resourceViolations(iamPolicyNoStarResource, boundary), []);
    });

    it("fails the same document under a stack's own path, where it is a grant", async () => {
      assertViolation(
        await resourceViolations(iamPolicyNoStarResource, at("/iam-bucket-access/dev/")),
        /statement UseBucketKeysViaS3 must name the resources kms:Decrypt applies to/,
      );
    });

    it("fails a role under the boundary path: only a managed policy there is a ceiling", async () => {
      const role: ResourceSpec = {
        type: "aws:iam/role:Role",
        name: "disguised",
        props: {
          path: "/iam-bucket-access-boundary/",
          assumeRolePolicy: "{}",
          inlinePolicies: [{ name: "inline", policy: documentWith(keysEverywhere) }],
        },
      };
      assert.equal((await resourceViolations(iamPolicyNoStarResource, role)).length, 1);
    });

    it("takes the boundary path from the pack config", async () => {
      const config = { boundaryPath: "/boundaries/" };
      assert.equal(
        (
          await resourceViolations(
            iamPolicyNoStarResource,
            at("/iam-bucket-access-boundary/"),
            config,
          )
        ).length,
        1,
      );
      assert.deepEqual(
        await resourceViolations(iamPolicyNoStarResource, at("/boundaries/"), config),
        [],
      );
    });
  });

  it("takes the allowed actions from the pack config", async () => {
    const policy = policyWith({ ...getObject, Resource: "*" });
    const config = { starResourceActions: ["s3:GetObject"] };
    assert.deepEqual(await resourceViolations(iamPolicyNoStarResource, policy, config), []);
  });
});

describe("the document rules during preview", () => {
  const pending = {
    type: "aws:iam/policy:Policy",
    name: "app-policy",
    props: { policy: UNKNOWN_VALUE },
  };
  const pendingInline: ResourceSpec = {
    type: "aws:iam/role:Role",
    name: "deploy",
    props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "deploy", policy: UNKNOWN_VALUE }] },
  };
  for (const policy of [
    iamPolicyNoWildcardActions,
    iamPolicyNoStarResource,
    iamPolicyStatementSids,
  ]) {
    it(`${policy.name} leaves a document unknown until the update alone`, async () => {
      assert.deepEqual(await resourceViolations(policy, pending), []);
      assert.deepEqual(await resourceViolations(policy, pendingInline), []);
    });
  }
});

describe("#iam-policy-statement-sids", () => {
  it("is mandatory", () => {
    assert.equal(iamPolicyStatementSids.enforcementLevel, "mandatory");
  });

  it("passes statements with Sids", async () => {
    assert.deepEqual(await resourceViolations(iamPolicyStatementSids, policyWith(getObject)), []);
  });

  it("fails an Allow statement without a Sid", async () => {
    const { Sid: _, ...anonymous } = getObject;
    assertViolation(
      await resourceViolations(iamPolicyStatementSids, policyWith(anonymous)),
      /app-policy: Allow statement 1 must have a Sid/,
    );
  });
});

describe("#iam-role-trusts-named-principals", () => {
  const inOrganization = { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } };

  it("is mandatory", () => {
    assert.equal(iamRoleTrustsNamedPrincipals.enforcementLevel, "mandatory");
  });

  const anyone = [
    // anyone, however the condition narrows it: a condition is one mistake from open
    ["Principal *", { Principal: "*" }],
    ["AWS *", { Principal: { AWS: "*" } }],
    [
      "AWS * beside a named account",
      { Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"] } },
    ],
    ["Principal * within an organization", { Principal: "*", Condition: inOrganization }],
    ["AWS * within an organization", { Principal: { AWS: "*" }, Condition: inOrganization }],
    ["AWS * under a principal key in other capitals", { Principal: { aws: "*" } }],
  ] as const;
  for (const [title, trust] of anyone) {
    it(`fails a role trusting ${title}`, async () => {
      assertViolation(
        await resourceViolations(
          iamRoleTrustsNamedPrincipals,
          roleTrusting({ ...assume, ...trust }),
        ),
        /deploy: trust policy statement Assume must name who may assume the role, not "\*"/,
      );
    });
  }

  it("fails a trust policy given as an object, as well as one given as JSON text", async () => {
    const role = roleWithTrustObject({ ...assume, Principal: { AWS: "*" } });
    assert.equal((await resourceViolations(iamRoleTrustsNamedPrincipals, role)).length, 1);
  });

  const named = [
    // who the program's roles and their usual neighbours trust
    ["a named account", { Principal: { AWS: "arn:aws:iam::123456789012:root" } }],
    ["an account id", { Principal: { AWS: "123456789012" } }],
    ["a named role", { Principal: { AWS: "arn:aws:iam::123456789012:role/ci" } }],
    ["a service", { Principal: { Service: "lambda.amazonaws.com" } }],
    [
      "an OIDC provider",
      {
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: {
          Federated: "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc",
        },
      },
    ],
  ] as const;
  for (const [title, trust] of named) {
    it(`passes a role trusting ${title}`, async () => {
      const role = roleTrusting({ ...assume, ...trust });
      assert.deepEqual(await resourceViolations(iamRoleTrustsNamedPrincipals, role), []);
    });
  }

  it("leaves a Deny of anyone alone: it takes trust away", async () => {
    const role = roleTrusting(
      { ...assume, Principal: { AWS: "arn:aws:iam::123456789012:root" } },
      { Sid: "DenyOutsiders", Effect: "Deny", Action: "sts:AssumeRole", Principal: "*" },
    );
    assert.deepEqual(await resourceViolations(iamRoleTrustsNamedPrincipals, role), []);
  });

  it("leaves a trust policy unknown until the update alone", async () => {
    const role = roleWithTrust(UNKNOWN_VALUE);
    assert.deepEqual(await resourceViolations(iamRoleTrustsNamedPrincipals, role), []);
  });
});

describe("#iam-role-github-trust-names-repositories", () => {
  const provider = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
  /** The pack config of an organization whose repositories are acme's on GitHub. */
  const OWNERS = { githubOwners: ["acme"] };
  /** A role trusted through GitHub's provider, its token subjects held by a condition. */
  const roleOfGithub = (
    condition: object | undefined,
    Principal: object = { Federated: provider },
  ) =>
    roleWithTrust(
      documentWith({
        Sid: "GithubActionsOfRepository",
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal,
        ...(condition === undefined ? {} : { Condition: condition }),
      }),
      "uploader",
    );
  const AUD = "token.actions.githubusercontent.com:aud";
  const SUB = "token.actions.githubusercontent.com:sub";
  const MAIN = "repo:acme/uploader:ref:refs/heads/main";
  const audience = { [AUD]: "sts.amazonaws.com" };
  /** STS's audience, and the subjects under an operator: beside the audience if StringEquals. */
  const subjects = (operator: string, sub: string | string[]) =>
    operator === "StringEquals"
      ? { StringEquals: { ...audience, [SUB]: sub } }
      : { StringEquals: audience, [operator]: { [SUB]: sub } };
  const violationsOf = (role: ResourceSpec, config: Record<string, unknown> = OWNERS) =>
    resourceViolations(iamRoleGithubTrustNamesRepositories, role, config);

  it("is mandatory", () => {
    assert.equal(iamRoleGithubTrustNamesRepositories.enforcementLevel, "mandatory");
  });

  const fine = [
    // what the trust accepts, its condition, the pack config's owners when not only acme
    ["a repository's branch", subjects("StringEquals", MAIN)],
    [
      "a repository's branch and environment",
      subjects("StringEquals", [MAIN, "repo:acme/uploader:environment:production"]),
    ],
    [
      "a repository's tags by wildcard",
      subjects("StringLike", "repo:acme/uploader:ref:refs/tags/v*"),
    ],
    [
      "some repositories of an owner by name",
      subjects("StringLike", "repo:acme/upload-*:ref:refs/heads/main"),
    ],
    [
      "a repository of a listed owner in other capitals, as GitHub matches owners",
      subjects("StringEquals", "repo:ACME/uploader:ref:refs/heads/main"),
      ["Acme"],
    ],
    [
      "repositories of two listed owners",
      subjects("StringEquals", [MAIN, "repo:acme-labs/tools:ref:refs/heads/main"]),
      ["acme", "acme-labs"],
    ],
    ["a repository matched without regard to case", subjects("StringEqualsIgnoreCase", MAIN)],
    [
      "a repository's branch, and no pull request's by StringNotLike",
      {
        StringEquals: { ...audience, [SUB]: MAIN },
        StringNotLike: { [SUB]: "repo:*:pull_request" },
      },
    ],
  ] as const;
  for (const [what, condition, githubOwners] of fine) {
    it(`passes a role trusting ${what}`, async () => {
      const config = githubOwners === undefined ? OWNERS : { githubOwners };
      assert.deepEqual(await violationsOf(roleOfGithub(condition), config), []);
    });
  }

  const wide = [
    // what the trust accepts, its condition, the violation
    [
      "every repository of an owner",
      subjects("StringLike", "repo:acme/*"),
      /"repo:acme\/\*" must name a repository of acme, not all of them/,
    ],
    [
      "every repository of an owner, on one branch",
      subjects("StringLike", "repo:acme/*:ref:refs/heads/main"),
      /must name a repository of acme, not all of them/,
    ],
    [
      "every repository on GitHub",
      subjects("StringLike", "repo:*"),
      /"repo:\*" must name a repository \(repo:<owner>\/<repo>:…\)/,
    ],
    [
      "a repository name under any owner",
      subjects("StringLike", "repo:*/uploader:ref:refs/heads/main"),
      /must name the repository's owner exactly, without a wildcard/,
    ],
    [
      "owners alike by wildcard",
      subjects("StringLike", "repo:acme*/uploader:ref:refs/heads/main"),
      /must name the repository's owner exactly/,
    ],
    [
      "any subject at all",
      subjects("StringLike", "*"),
      /"\*" must name a repository \(repo:<owner>\/<repo>:…\)/,
    ],
    [
      "a customised subject that does not begin with the repository, whose owner it hides",
      subjects("StringEquals", "repository_owner_id:72919238:repository_id:1296269"),
      /"repository_owner_id:72919238:repository_id:1296269" must name a repository \(repo:<owner>\/<repo>:…\)/,
    ],
    [
      "any token of the issuer, without a sub condition",
      { StringEquals: audience },
      /uploader: trust policy statement GithubActionsOfRepository must hold token\.actions\.githubusercontent\.com:sub/,
    ],
    // someone else's repository, named exactly: the owner must be one the pack config lists
    [
      "a repository of an owner the pack config does not list",
      subjects("StringEquals", "repo:attacker/anything:ref:refs/heads/main"),
      /uploader: trust policy statement GithubActionsOfRepository subject "repo:attacker\/anything:ref:refs\/heads\/main" must name a repository of an owner the pack config's githubOwners lists \(acme\), not of attacker/,
    ],
    [
      "another owner's repository beside a listed owner's",
      subjects("StringEquals", [MAIN, "repo:attacker/uploader:ref:refs/heads/main"]),
      /"repo:attacker\/uploader:ref:refs\/heads\/main" must name a repository of an owner the pack config's githubOwners lists/,
    ],
    [
      "an owner whose name begins as a listed one's",
      subjects("StringEquals", "repo:acme-evil/uploader:ref:refs/heads/main"),
      /githubOwners lists \(acme\), not of acme-evil/,
    ],
    [
      "some repositories of another owner by name",
      subjects("StringLike", "repo:attacker/upload-*:ref:refs/heads/main"),
      /not of attacker/,
    ],
    [
      "another owner's repository matched without regard to case",
      subjects("StringEqualsIgnoreCase", "repo:attacker/uploader:ref:refs/heads/main"),
      /not of attacker/,
    ],
    // IAM reads context key names in any capitals: a key spelled otherwise is the same key
    [
      "a listed repository beside any subject, under the key in other capitals",
      { StringEquals: audience, StringLike: { [SUB]: MAIN, [SUB.replace(/sub$/, "Sub")]: "*" } },
      /"\*" must name a repository \(repo:<owner>\/<repo>:…\)/,
    ],
    // a subject only a negation or IfExists names holds the token to nothing
    [
      "every subject but one, by StringNotEquals",
      subjects("StringNotEquals", "repo:acme/uploader:pull_request"),
      /must hold token\.actions\.githubusercontent\.com:sub/,
    ],
    [
      "every subject but a pattern, by StringNotLike",
      subjects("StringNotLike", "repo:acme/*:pull_request"),
      /must hold token\.actions\.githubusercontent\.com:sub/,
    ],
    [
      "a repository by StringLikeIfExists, which passes a token without a subject",
      subjects("StringLikeIfExists", MAIN),
      /must hold token\.actions\.githubusercontent\.com:sub/,
    ],
  ] as const;
  for (const [what, condition, violation] of wide) {
    it(`fails a role trusting ${what}`, async () => {
      assertViolation(await violationsOf(roleOfGithub(condition)), violation);
    });
  }

  describe("through a GitHub Enterprise's issuer, token.actions.githubusercontent.com/<enterprise>", () => {
    const ISSUER = "token.actions.githubusercontent.com/acme-enterprise";
    const enterprise = { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` };
    const held = (sub: string) => ({
      StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com", [`${ISSUER}:sub`]: sub },
    });

    it("passes a repository of a listed owner", async () => {
      assert.deepEqual(await violationsOf(roleOfGithub(held(MAIN), enterprise)), []);
    });

    it("fails a repository of an owner the pack config does not list", async () => {
      const role = roleOfGithub(held("repo:attacker/anything:ref:refs/heads/main"), enterprise);
      assertViolation(await violationsOf(role), /not of attacker/);
    });

    it("fails a trust that holds no subject, naming the enterprise's key", async () => {
      const role = roleOfGithub(
        { StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } },
        enterprise,
      );
      assertViolation(
        await violationsOf(role),
        /must hold token\.actions\.githubusercontent\.com\/acme-enterprise:sub/,
      );
    });
  });

  it("fails another owner's repository trusted through the provider's ARN in other capitals", async () => {
    const shouted = {
      Federated: provider.replace(/oidc-provider\/.*$/, (path) => path.toUpperCase()),
    };
    const condition = subjects("StringEquals", "repo:attacker/anything:ref:refs/heads/main");
    assertViolation(await violationsOf(roleOfGithub(condition, shouted)), /not of attacker/);
  });

  it("fails another owner's repository trusted through a principal key in other capitals", async () => {
    const condition = subjects("StringEquals", "repo:attacker/anything:ref:refs/heads/main");
    assertViolation(
      await violationsOf(roleOfGithub(condition, { federated: provider })),
      /not of attacker/,
    );
  });

  const audiences = [
    // the token audience the trust accepts, its condition, the violation
    [
      "any audience, without an aud condition",
      { StringEquals: { [SUB]: MAIN } },
      /uploader: trust policy statement GithubActionsOfRepository must hold token\.actions\.githubusercontent\.com:aud to sts\.amazonaws\.com/,
    ],
    [
      "another audience",
      { StringEquals: { [AUD]: "api.example.com", [SUB]: MAIN } },
      /must hold token\.actions\.githubusercontent\.com:aud to sts\.amazonaws\.com only, not "api\.example\.com"/,
    ],
    [
      "STS's audience beside another",
      { StringEquals: { [AUD]: ["sts.amazonaws.com", "api.example.com"], [SUB]: MAIN } },
      /to sts\.amazonaws\.com only, not "api\.example\.com"/,
    ],
    [
      "STS's audience beside another, under the key in other capitals",
      {
        StringEquals: { [AUD]: "sts.amazonaws.com", [AUD.toUpperCase()]: "api.example.com" },
        StringLike: { [SUB]: MAIN },
      },
      /to sts\.amazonaws\.com only, not "api\.example\.com"/,
    ],
    [
      "any audience by wildcard",
      { StringEquals: { [SUB]: MAIN }, StringLike: { [AUD]: "*" } },
      /to sts\.amazonaws\.com only, not "\*"/,
    ],
    [
      "every audience but one, by StringNotEquals",
      { StringEquals: { [SUB]: MAIN }, StringNotEquals: { [AUD]: "api.example.com" } },
      /must hold token\.actions\.githubusercontent\.com:aud to sts\.amazonaws\.com/,
    ],
  ] as const;
  for (const [what, condition, violation] of audiences) {
    it(`fails a role trusting ${what}`, async () => {
      assertViolation(await violationsOf(roleOfGithub(condition)), violation);
    });
  }

  it("fails a role trusting any token at all, without a condition, for its subject and its audience", async () => {
    const found = await violationsOf(roleOfGithub(undefined));
    assert.equal(found.length, 2, JSON.stringify(found));
    assert.match(found[0], /must hold token\.actions\.githubusercontent\.com:sub/);
    assert.match(found[1], /must hold token\.actions\.githubusercontent\.com:aud/);
  });

  it("judges GitHub's provider among several, and leaves other providers' trusts alone", async () => {
    assertViolation(
      await violationsOf(
        roleOfGithub(subjects("StringLike", "repo:acme/*"), {
          Federated: ["arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc", provider],
        }),
      ),
      /not all of them/,
    );
    assert.deepEqual(
      await violationsOf(
        roleOfGithub(
          { StringEquals: { "api.pulumi.com/oidc:aud": "acme" } },
          { Federated: "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc" },
        ),
      ),
      [],
    );
  });

  it("leaves a trust policy unknown until the update alone", async () => {
    assert.deepEqual(await violationsOf(roleWithTrust(UNKNOWN_VALUE, "uploader")), []);
  });

  describe("without githubOwners in the pack config", () => {
    it("fails a GitHub trust, saying what to add to the pack config", async () => {
      assertViolation(
        await violationsOf(roleOfGithub(subjects("StringEquals", MAIN)), {}),
        new RegExp(
          "uploader: trust policy statement GithubActionsOfRepository trusts repositories of " +
            "acme on GitHub, but the pack config lists no owner whose repositories roles may " +
            'trust; add yours to it: "iam-role-github-trust-names-repositories": ' +
            '\\{ "githubOwners": \\["<owner>"\\] \\}',
        ),
      );
    });

    it("leaves a role that trusts no GitHub repository alone", async () => {
      const pulumiOidc = roleOfGithub(
        { StringEquals: { "api.pulumi.com/oidc:aud": "acme" } },
        { Federated: "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc" },
      );
      assert.deepEqual(await violationsOf(pulumiOidc, {}), []);
    });
  });

  it("declares githubOwners optional, a non-empty list of GitHub owner names, in a pattern Go's validator in the CLI compiles", () => {
    const schema = iamRoleGithubTrustNamesRepositories.configSchema;
    assert.equal(schema?.required, undefined);
    const owners = schema?.properties.githubOwners;
    assert.equal(owners?.type, "array");
    assert.equal(owners?.minItems, 1);
    const items = owners?.items;
    assert.ok(typeof items === "object" && !Array.isArray(items));
    const pattern = String(items.pattern);
    // RE2, which the CLI's JSON Schema validator uses, has no lookaround.
    assert.doesNotMatch(pattern, /\(\?[=!<]/);
    const owner = (name: string) =>
      new RegExp(pattern).test(name) && name.length <= (items.maxLength ?? Infinity);
    for (const name of ["acme", "Acme-Labs", "a", "a1-b2-c3", "x".repeat(39)]) {
      assert.ok(owner(name), name);
    }
    for (const name of ["", "-acme", "acme-", "ac--me", "acme/uploader", "acme*", "x".repeat(40)]) {
      assert.ok(!owner(name), name);
    }
  });

  const badOwners = [
    // the pack config's githubOwners: not a list, an empty one, a name GitHub gives no owner
    "acme",
    [],
    ["acme/uploader"],
    ["acme", "-acme"],
    ["acme-"],
    ["ac--me"],
    ["acme*"],
    ["x".repeat(40)],
    [42],
    null,
  ];
  for (const githubOwners of badOwners) {
    const shown = JSON.stringify(githubOwners);
    it(`refuses to judge a role with githubOwners ${shown} in the pack config`, async () => {
      await assert.rejects(
        violationsOf(roleOfGithub(subjects("StringEquals", MAIN)), { githubOwners }),
        new RegExp(
          `config key githubOwners: got ${shown.replace(/[*[\]]/g, "\\$&")}; expected a ` +
            "non-empty list of the GitHub users and organizations whose repositories roles " +
            "may trust",
        ),
      );
    });
  }
});

describe("#iam-role-oidc-trust-holds-subject", () => {
  const pulumi = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
  const eks =
    "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
  const AUD = { "api.pulumi.com/oidc:aud": "acme" };
  const STACK_SUB =
    "pulumi:deploy:org:acme:project:iam-bucket-access:stack:dev:operation:update:scope:write";
  /** A role trusted through an OIDC provider under a condition. */
  const roleOf = (provider: string, condition?: object) =>
    roleWithTrust(
      documentWith({
        Sid: "Tokens",
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: provider },
        ...(condition === undefined ? {} : { Condition: condition }),
      }),
      "reader",
    );
  const violationsOf = (role: ResourceSpec) =>
    resourceViolations(iamRoleOidcTrustHoldsSubject, role);

  it("is mandatory", () => {
    assert.equal(iamRoleOidcTrustHoldsSubject.enforcementLevel, "mandatory");
  });

  const open = [
    // whose tokens the trust accepts, its provider and condition
    ["every deployment of every stack of the Pulumi organization", pulumi, { StringEquals: AUD }],
    ["every workload of an EKS cluster", eks, undefined],
    [
      "every subject by wildcard",
      pulumi,
      { StringEquals: AUD, StringLike: { "api.pulumi.com/oidc:sub": "*" } },
    ],
    [
      "every subject but one, by StringNotEquals",
      pulumi,
      { StringEquals: AUD, StringNotEquals: { "api.pulumi.com/oidc:sub": STACK_SUB } },
    ],
  ] as const;
  for (const [whose, provider, condition] of open) {
    it(`fails a role trusting ${whose}`, async () => {
      assertViolation(
        await violationsOf(roleOf(provider, condition)),
        /reader: trust policy statement Tokens must hold .*:sub to the subjects that may assume the role/,
      );
    });
  }

  it("passes a role trusting one stack's deployments, as the bootstrap's roles do", async () => {
    const condition = { StringEquals: { ...AUD, "api.pulumi.com/oidc:sub": [STACK_SUB] } };
    assert.deepEqual(await violationsOf(roleOf(pulumi, condition)), []);
  });

  it("leaves GitHub's provider to iam-role-github-trust-names-repositories, and an unknown trust to the update", async () => {
    const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    assert.deepEqual(await violationsOf(roleOf(github)), []);
    assert.deepEqual(await violationsOf(roleWithTrust(UNKNOWN_VALUE, "reader")), []);
  });
});

describe("#iam-role-trusts-own-account", () => {
  const OWN = "123456789012";
  const config = { accountId: OWN };
  const webIdentity = { ...assume, Action: "sts:AssumeRoleWithWebIdentity" };
  const violationsOf = (role: ResourceSpec, given: Record<string, unknown> = config) =>
    resourceViolations(iamRoleTrustsOwnAccount, role, given);

  it("is mandatory", () => {
    assert.equal(iamRoleTrustsOwnAccount.enforcementLevel, "mandatory");
  });

  const OTHER = "999999999999";
  const outside = [
    // who the trust names, the statement, the principal refused and the account it names
    ["another account", { ...assume, Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }],
    ["another account by its bare id", { ...assume, Principal: { AWS: OTHER } }],
    [
      "a role of another account",
      { ...assume, Principal: { AWS: `arn:aws:iam::${OTHER}:role/ci` } },
    ],
    [
      "a user of another account",
      { ...assume, Principal: { AWS: `arn:aws:iam::${OTHER}:user/mallory` } },
    ],
    [
      "a role session of another account",
      { ...assume, Principal: { AWS: `arn:aws:sts::${OTHER}:assumed-role/ci/build` } },
    ],
    [
      "another account in another partition",
      { ...assume, Principal: { AWS: `arn:aws-cn:iam::${OTHER}:root` } },
    ],
    [
      "another account beside a role of the stack's own, as an attacker writes both",
      {
        ...assume,
        Principal: { AWS: [`arn:aws:iam::${OWN}:role/ci`, `arn:aws:iam::${OTHER}:root`] },
      },
      `arn:aws:iam::${OTHER}:root`,
    ],
    [
      "another account within the organization",
      {
        ...assume,
        Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      },
    ],
    [
      "an OIDC provider of another account",
      {
        ...webIdentity,
        Principal: {
          Federated: `arn:aws:iam::${OTHER}:oidc-provider/token.actions.githubusercontent.com`,
        },
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main",
          },
        },
      },
    ],
    [
      "a SAML provider of another account",
      {
        ...assume,
        Action: "sts:AssumeRoleWithSAML",
        Principal: { Federated: `arn:aws:iam::${OTHER}:saml-provider/corp` },
      },
    ],
    // web identity providers AWS names without an ARN: their users and pools are anyone's
    [
      "Amazon Cognito, even for one identity pool, which may be another account's",
      {
        ...webIdentity,
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Condition: {
          StringEquals: {
            "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-ef01-2345-6789abcdef01",
          },
        },
      },
      "cognito-identity.amazonaws.com",
      "no account",
    ],
    [
      "Google's accounts, even for one client id, which anyone may register",
      {
        ...webIdentity,
        Principal: { Federated: "accounts.google.com" },
        Condition: { StringEquals: { "accounts.google.com:aud": "123456789012.apps.example" } },
      },
      "accounts.google.com",
      "no account",
    ],
    [
      "a principal whose account it does not name (a unique id)",
      { ...assume, Principal: { AWS: "AROAEXAMPLEID1234567" } },
      "AROAEXAMPLEID1234567",
      "no account",
    ],
  ] as const;
  /** A text as a pattern matching exactly it. */
  const literally = (text: string) => text.replace(/[.*?()[\]\\]/g, "\\$&");
  for (const [who, statement, refused, account] of outside) {
    const named = statement.Principal;
    const principal = refused ?? ("AWS" in named ? named.AWS : named.Federated);
    it(`fails a role trusting ${who}`, async () => {
      assertViolation(
        await violationsOf(roleTrusting(statement)),
        new RegExp(
          `deploy: trust policy statement Assume must trust principals of the stack's account ` +
            `${OWN} only, not ${literally(JSON.stringify(principal))} ` +
            literally(`(${account ?? `account ${OTHER}`})`),
        ),
      );
    });
  }

  const deputies = [
    // a service that may assume the role for a resource of another account: the confused deputy
    ["a service for any account's resources", {}],
    ["a service for another account's resources", { StringEquals: { "aws:SourceAccount": OTHER } }],
    [
      "Roles Anywhere for another account's trust anchor",
      {
        ArnEquals: {
          "aws:SourceArn": `arn:aws:rolesanywhere:us-east-1:${OTHER}:trust-anchor/a1b2c3d4`,
        },
      },
    ],
    [
      "a service for every account but one, by StringNotEquals",
      { StringNotEquals: { "aws:SourceAccount": OTHER } },
    ],
  ] as const;
  for (const [what, condition] of deputies) {
    it(`fails a role trusting ${what}`, async () => {
      assertViolation(
        await violationsOf(
          roleTrusting({
            ...assume,
            Principal: { Service: ["lambda.amazonaws.com", "rolesanywhere.amazonaws.com"] },
            Condition: condition,
          }),
        ),
        new RegExp(
          "deploy: trust policy statement Assume must hold aws:SourceAccount to " +
            `${OWN}, or aws:SourceArn to resources of it, for lambda\\.amazonaws\\.com, ` +
            "rolesanywhere\\.amazonaws\\.com",
        ),
      );
    });
  }

  it("fails a trust policy given as an object, as well as one given as JSON text", async () => {
    const role = roleWithTrustObject({ ...assume, Principal: { AWS: "999999999999" } });
    assertViolation(await violationsOf(role), /not "999999999999" \(account 999999999999\)/);
  });

  const spelledOtherwise = [
    // another account however the document writes it, the principal refused as the rule reads it
    [
      "another account by its id as a JSON number, which IAM's grammar lets go unquoted",
      { AWS: 999999999999 },
      OTHER,
    ],
    [
      "another account beside a role of the stack's own, its id a number",
      { AWS: [`arn:aws:iam::${OWN}:role/ci`, 999999999999] },
      OTHER,
    ],
    ["another account under a principal key in other capitals", { aws: OTHER }, OTHER],
  ] as const;
  for (const [who, principal, refused] of spelledOtherwise) {
    it(`fails a role trusting ${who}`, async () => {
      assertViolation(
        await violationsOf(roleTrusting({ ...assume, Principal: principal })),
        new RegExp(`not "${refused}" \\(account ${OTHER}\\)`),
      );
    });
  }

  it("fails another account in a Statement given as one object, which IAM takes as a list of one", async () => {
    const role: ResourceSpec = {
      type: "aws:iam/role:Role",
      name: "deploy",
      props: {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: { ...assume, Principal: { AWS: `arn:aws:iam::${OTHER}:root` } },
        }),
      },
    };
    assertViolation(await violationsOf(role), /not "arn:aws:iam::999999999999:root"/);
  });

  it("fails an Allow by NotPrincipal: it trusts every account's principals but those listed", async () => {
    const { Sid: _, ...anonymous } = assume;
    assertViolation(
      await violationsOf(
        roleTrusting({ ...anonymous, NotPrincipal: { AWS: `arn:aws:iam::${OWN}:role/ci` } }),
      ),
      /deploy: trust policy statement 1 must not allow by NotPrincipal/,
    );
  });

  const wholeAccount = [
    // the stack's own account as a whole, without a condition saying which of its principals
    ["its root", `arn:aws:iam::${OWN}:root`],
    ["its bare id", OWN],
  ];
  for (const [how, principal] of wholeAccount) {
    it(`fails a role trusting the stack's whole account by ${how}, without a Condition`, async () => {
      assertViolation(
        await violationsOf(roleTrusting({ ...assume, Principal: { AWS: principal } })),
        new RegExp(
          `deploy: trust policy statement Assume must not trust the whole account ${OWN} ` +
            `\\("${principal}"\\) without a Condition`,
        ),
      );
    });
  }

  const vacuous = [
    // a Condition on the whole account that every principal of it meets, or most of them
    ["TLS alone, which every request to STS has", { Bool: { "aws:SecureTransport": "true" } }],
    [
      "its organization, which every principal of it is in",
      { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
    ],
    [
      "every principal of it by aws:PrincipalArn",
      { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OWN}:*` } },
    ],
    [
      "every role of it by aws:PrincipalArn",
      { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OWN}:role/*` } },
    ],
    [
      "every principal of it but one, by ArnNotEquals",
      { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${OWN}:role/ci` } },
    ],
  ] as const;
  for (const [what, condition] of vacuous) {
    it(`fails a role trusting the stack's whole account under a Condition of ${what}`, async () => {
      const root = `arn:aws:iam::${OWN}:root`;
      assertViolation(
        await violationsOf(
          roleTrusting({ ...assume, Principal: { AWS: root }, Condition: condition }),
        ),
        new RegExp(
          `must not trust the whole account ${OWN} \\("${root}"\\) without a Condition ` +
            "holding aws:PrincipalArn to named roles or users of it",
        ),
      );
    });
  }

  const inside = [
    // who the program's roles and their usual neighbours trust, all in the stack's account
    [
      "a role of the stack's account",
      { ...assume, Principal: { AWS: `arn:aws:iam::${OWN}:role/ci` } },
    ],
    [
      "a user and a role session of the stack's account",
      {
        ...assume,
        Principal: {
          AWS: [`arn:aws:iam::${OWN}:user/ops`, `arn:aws:sts::${OWN}:assumed-role/ci/build`],
        },
      },
    ],
    [
      "the stack's whole account under a condition naming its principals",
      {
        ...assume,
        Principal: { AWS: `arn:aws:iam::${OWN}:root` },
        Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OWN}:role/ci-*` } },
      },
    ],
    [
      "GitHub's and Pulumi's OIDC providers of the stack's account",
      {
        ...webIdentity,
        Principal: {
          Federated: [
            `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com`,
            `arn:aws:iam::${OWN}:oidc-provider/api.pulumi.com/oidc`,
          ],
        },
      },
    ],
    [
      "a SAML provider of the stack's account",
      { ...assume, Principal: { Federated: `arn:aws:iam::${OWN}:saml-provider/corp` } },
    ],
    [
      "AWS services, Roles Anywhere among them",
      {
        ...assume,
        Principal: {
          Service: [
            "ecs-tasks.amazonaws.com",
            "pods.eks.amazonaws.com",
            "rolesanywhere.amazonaws.com",
          ],
        },
        Condition: { StringEquals: { "aws:SourceAccount": OWN } },
      },
    ],
  ] as const;
  for (const [who, statement] of inside) {
    it(`passes a role trusting ${who}`, async () => {
      assert.deepEqual(await violationsOf(roleTrusting(statement)), []);
    });
  }

  it("leaves a Deny of another account alone: it takes trust away", async () => {
    const role = roleTrusting(
      { ...assume, Principal: { AWS: `arn:aws:iam::${OWN}:role/ci` } },
      {
        Sid: "DenyOutsider",
        Effect: "Deny",
        Action: "sts:AssumeRole",
        Principal: { AWS: "999999999999" },
      },
    );
    assert.deepEqual(await violationsOf(role), []);
  });

  it('leaves "*" to iam-role-trusts-named-principals, which refuses it whatever its account', async () => {
    assert.deepEqual(await violationsOf(roleTrusting({ ...assume, Principal: { AWS: "*" } })), []);
  });

  it("leaves a trust policy, or a principal, unknown until the update alone", async () => {
    assert.deepEqual(await violationsOf(roleWithTrust(UNKNOWN_VALUE)), []);
    assert.deepEqual(
      await violationsOf(roleWithTrustObject({ ...assume, Principal: { AWS: UNKNOWN_VALUE } })),
      [],
    );
  });

  it("declares accountId required, 12 digits, so the engine refuses to run the pack without it", () => {
    const schema = iamRoleTrustsOwnAccount.configSchema;
    assert.deepEqual(schema?.required, ["accountId"]);
    const pattern = new RegExp(String(schema?.properties.accountId?.pattern));
    assert.ok(pattern.test(OWN));
    assert.ok(!pattern.test("12345678901") && !pattern.test(`${OWN}0`));
  });

  const badAccounts = [
    // the pack config's accountId, as the message shows it
    [undefined, "nothing"],
    ["12345", '"12345"'],
    [123456789012, "123456789012"],
    ["arn:aws:iam::123456789012:root", '"arn:aws:iam::123456789012:root"'],
  ] as const;
  for (const [accountId, shown] of badAccounts) {
    it(`refuses to judge a role with accountId ${shown} in the pack config`, async () => {
      await assert.rejects(
        violationsOf(
          roleTrusting({ ...assume, Principal: { AWS: `arn:aws:iam::${OWN}:role/ci` } }),
          {
            accountId,
          },
        ),
        new RegExp(
          `config key accountId: got ${literally(shown)}; expected the 12 digits ` +
            "of the AWS account the stack deploys to",
        ),
      );
    });
  }
});

describe("#iam-user-under-project-path", () => {
  it("is mandatory", () => {
    assert.equal(iamUserUnderProjectPath.enforcementLevel, "mandatory");
  });

  it("passes a user under /iam-bucket-access/ and one whose path is unknown until the update", async () => {
    for (const path of ["/iam-bucket-access/dev/", UNKNOWN_VALUE]) {
      assert.deepEqual(await resourceViolations(iamUserUnderProjectPath, user({ path })), []);
    }
  });

  it("fails a user under a look-alike path", async () => {
    assertViolation(
      await resourceViolations(iamUserUnderProjectPath, user({ path: "/iam-bucket-access-x/" })),
      /app: IAM user must sit under the path \/iam-bucket-access\//,
    );
  });

  it("fails a user at the root path", async () => {
    assertViolation(
      await resourceViolations(iamUserUnderProjectPath, user({ path: "/" })),
      /app: IAM user must sit under the path \/iam-bucket-access\/ \(it has \/\)/,
    );
  });
});

describe("#iam-user-permissions-boundary-production", () => {
  it("is mandatory", () => {
    assert.equal(iamUserBoundaryInProduction.enforcementLevel, "mandatory");
  });

  it("fails a user without a boundary in prod, which the pack's default config marks production", async () => {
    assertViolation(
      await resourceViolations(iamUserBoundaryInProduction, user({}, "prod")),
      /app: IAM user must have a permissions boundary in a production stack/,
    );
  });

  it("fails a user without a boundary in a stack the pack config marks production", async () => {
    assertViolation(
      await resourceViolations(iamUserBoundaryInProduction, user({}, "live"), {
        productionStacks: ["live"],
      }),
      /app: IAM user must have a permissions boundary in a production stack/,
    );
  });

  it("passes prod's user without a boundary once the pack config lists other stacks", async () => {
    const config = { productionStacks: ["live"] };
    assert.deepEqual(
      await resourceViolations(iamUserBoundaryInProduction, user({}, "prod"), config),
      [],
    );
  });

  it("fails a user without a boundary in a stack tagged environment: production", async () => {
    const violations = await resourceViolations(
      iamUserBoundaryInProduction,
      user({}, "live", { environment: "production" }),
    );
    assertViolation(violations, /in a production stack/);
  });

  it("fails a user without a boundary in a stack tagged environment: prod", async () => {
    const violations = await resourceViolations(
      iamUserBoundaryInProduction,
      user({}, "live", { environment: "prod" }),
    );
    assertViolation(violations, /in a production stack/);
  });

  it("passes a production user with a boundary, and any user outside production", async () => {
    const bounded = user({ permissionsBoundary: BOUNDARY }, "prod");
    assert.deepEqual(await resourceViolations(iamUserBoundaryInProduction, bounded), []);
    assert.deepEqual(await resourceViolations(iamUserBoundaryInProduction, user({}, "dev")), []);
  });

  it("passes a production user whose boundary is unknown until the update", async () => {
    const pending = user({ permissionsBoundary: UNKNOWN_VALUE }, "prod");
    assert.deepEqual(await resourceViolations(iamUserBoundaryInProduction, pending), []);
  });
});

describe("#iam-user-permissions-boundary", () => {
  it("is advisory", () => {
    assert.equal(iamUserBoundaryElsewhere.enforcementLevel, "advisory");
  });

  it("advises a boundary outside production", async () => {
    assertViolation(
      await resourceViolations(iamUserBoundaryElsewhere, user({}, "dev")),
      /app: IAM user must have a permissions boundary; set permissionsBoundary/,
    );
  });

  it("passes a user with a boundary", async () => {
    const bounded = user({ permissionsBoundary: BOUNDARY });
    assert.deepEqual(await resourceViolations(iamUserBoundaryElsewhere, bounded), []);
  });
});
