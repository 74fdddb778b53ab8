// A pure module: no Pulumi runtime, so no mocks and a plain import.
import * as assert from "node:assert/strict";
import { IAM_QUOTAS, LONGEST_ACCOUNT, policyCharacters } from "../iam/iamQuotas";
import { roleTrustPolicy } from "../iam/roleTrust";
import {
  findRoleArgsProblems,
  RoleTrustSettings,
  trustWarnings,
  withRoleDefaults as withStackDefaults,
} from "../config/roleArgs";
import type { BucketAccessRoleArgs } from "../config/roleArgTypes";
import { assertLiteralDefaultsApplied, documentedDefaults } from "./support/documentedDefaults";
import { ACM_PCA_ARN } from "./support/roleTrusts";

const WHERE = { project: "iam-bucket-access", stack: "dev" };
const withDefaults = (args: Omit<BucketAccessRoleArgs, "bucket">) => withStackDefaults(args, WHERE);
const GITHUB: RoleTrustSettings = { github: { repository: "acme/uploader" } };
const PEM =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ29uZmlkZW50\n-----END CERTIFICATE-----\n";

/** The problems of a role's arguments, for a known bucket. */
function problemsOf(args: Omit<BucketAccessRoleArgs, "bucket">): string[] {
  return findRoleArgsProblems(args, withDefaults(args), "my-bucket").map(
    (problem) => `${problem.field}: ${JSON.stringify(problem.value)}; ${problem.expected}`,
  );
}

describe("withRoleDefaults", () => {
  it("applies every documented default to the arguments left out, the stack's own path included", () => {
    assert.deepEqual(withDefaults({ roleName: "app", trust: GITHUB }), {
      roleName: "app",
      trust: {
        github: { repository: "acme/uploader", refs: ["refs/heads/main"], environments: [] },
        services: [],
        rolesAnywhere: undefined,
      },
      access: "read-write",
      prefixes: [],
      allowDelete: false,
      listAllBuckets: false,
      kmsKeyArn: undefined,
      maxSessionDuration: 3600,
      path: "/iam-bucket-access/dev/",
      permissionsBoundary: undefined,
      tags: {},
      protect: false,
    });
  });

  it("trusts no ref by default once deployment environments are named", () => {
    const { trust } = withDefaults({
      roleName: "app",
      trust: { github: { repository: "acme/uploader", environments: ["production"] } },
    });
    assert.deepEqual(trust.github, {
      repository: "acme/uploader",
      refs: [],
      environments: ["production"],
    });
  });
});

describe("findRoleArgsProblems", () => {
  const fine: ReadonlyArray<readonly [string, RoleTrustSettings]> = [
    // the trust, what it is
    ["a repository's default branch", GITHUB],
    [
      "a repository's refs and environments",
      {
        github: {
          repository: "acme-corp/uploader.v2",
          refs: ["refs/heads/main", "refs/tags/v1"],
          environments: ["production"],
        },
      },
    ],
    [
      "services",
      { services: ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com", "pods.eks.amazonaws.com"] },
    ],
    [
      "Roles Anywhere with a CA bundle",
      { rolesAnywhere: { certificates: [PEM], commonNames: ["app"] } },
    ],
    [
      "Roles Anywhere with a Private CA",
      { rolesAnywhere: { acmPcaArn: ACM_PCA_ARN, commonNames: ["app"] } },
    ],
  ];
  for (const [what, trust] of fine) {
    it(`finds nothing wrong with a trust of ${what}`, () => {
      assert.deepEqual(problemsOf({ roleName: "app", trust }), []);
    });
  }

  // The arguments are cast where a JavaScript or YAML caller, whom types do not stop, would
  // pass them.
  const refusals: ReadonlyArray<readonly [string, Omit<BucketAccessRoleArgs, "bucket">, RegExp]> = [
    // what is refused, the arguments, the problem
    [
      "a console",
      { roleName: "app", trust: GITHUB, console: { enabled: true } } as never,
      /^console: \{"enabled":true\}; nothing: a role has no console password/,
    ],
    [
      "an access key",
      { roleName: "app", trust: GITHUB, accessKey: { generation: 2 } } as never,
      /^accessKey: \{"generation":2\}; nothing: a role has no long-term access key/,
    ],
    [
      "a user name",
      { roleName: "app", trust: GITHUB, userName: "app" } as never,
      /^userName: "app"; roleName: a role is named by roleName/,
    ],
    [
      "a trust that names nobody",
      { roleName: "app", trust: {} },
      /^trust: \{\}; one caller at least: github, services or rolesAnywhere/,
    ],
    ["no trust at all", { roleName: "app" } as never, /^trust: undefined; one caller at least/],
    [
      "services given as one text, which its rules would read as a list",
      { roleName: "app", trust: { services: "ecs-tasks.amazonaws.com" } } as never,
      /^trust\.services: "ecs-tasks\.amazonaws\.com"; a list of text values$/,
    ],
    [
      "a GitHub trust without its repository",
      { roleName: "app", trust: { github: { refs: ["refs/heads/main"] } } } as never,
      /^trust\.github\.repository: undefined; a value, as it is required: the repository, owner\/repo$/,
    ],
    [
      "a caller of no kind the trust knows",
      {
        roleName: "app",
        trust: { github: { repository: "acme/uploader" }, lambda: true },
      } as never,
      /^trust\.lambda: true; a key of trust: github, services, rolesAnywhere$/,
    ],
    [
      "a trust of no services",
      { roleName: "app", trust: { services: [] } },
      /^trust: \{"services":\[\]\}; one caller at least/,
    ],
    [
      "a repository without an owner",
      { roleName: "app", trust: { github: { repository: "uploader" } } },
      /^trust\.github\.repository: "uploader"; a GitHub repository as owner\/repo/,
    ],
    [
      "a repository of an empty owner",
      { roleName: "app", trust: { github: { repository: "/uploader" } } },
      /^trust\.github\.repository: "\/uploader"; a GitHub repository as owner\/repo/,
    ],
    [
      "a repository of any owner",
      { roleName: "app", trust: { github: { repository: "*/uploader" } } },
      /^trust\.github\.repository: "\*\/uploader"; .*its owner exact/,
    ],
    [
      "a branch that is no full ref",
      { roleName: "app", trust: { github: { repository: "acme/uploader", refs: ["main"] } } },
      /^trust\.github\.refs: "main"; a full git ref such as refs\/heads\/main/,
    ],
    [
      "a GitHub trust of no ref and no environment",
      {
        roleName: "app",
        trust: { github: { repository: "acme/uploader", refs: [], environments: [] } },
      },
      /^trust\.github: .*; one ref or environment at least/,
    ],
    [
      "an environment with a colon, which would change the token subject",
      {
        roleName: "app",
        trust: { github: { repository: "acme/uploader", environments: ["prod:ref"] } },
      },
      /^trust\.github\.environments: "prod:ref"; a deployment environment's name/,
    ],
    [
      "a service without its domain",
      { roleName: "app", trust: { services: ["ecs-tasks"] } },
      /^trust\.services: "ecs-tasks"; an AWS service principal such as ecs-tasks\.amazonaws\.com/,
    ],
    [
      "a service by wildcard",
      { roleName: "app", trust: { services: ["*.amazonaws.com"] } },
      /^trust\.services: "\*\.amazonaws\.com"; an AWS service principal/,
    ],
    [
      "an account's principal among the services",
      { roleName: "app", trust: { services: ["arn:aws:iam::123456789012:root"] } },
      /^trust\.services: "arn:aws:iam::123456789012:root"; an AWS service principal/,
    ],
    [
      "a service in capitals",
      { roleName: "app", trust: { services: ["Lambda.amazonaws.com"] } },
      /^trust\.services: "Lambda\.amazonaws\.com"; an AWS service principal/,
    ],
    [
      "Roles Anywhere as a plain service, for every anchor",
      { roleName: "app", trust: { services: ["rolesanywhere.amazonaws.com"] } },
      /^trust\.services: "rolesanywhere\.amazonaws\.com"; a service other than Roles Anywhere/,
    ],
    [
      "a service twice",
      { roleName: "app", trust: { services: ["lambda.amazonaws.com", "lambda.amazonaws.com"] } },
      /^trust\.services: .*; each once \(lambda\.amazonaws\.com is there twice\)/,
    ],
    [
      "Roles Anywhere with two anchors",
      {
        roleName: "app",
        trust: {
          rolesAnywhere: { certificates: [PEM], acmPcaArn: ACM_PCA_ARN, commonNames: ["app"] },
        },
      },
      /^trust\.rolesAnywhere: .*; exactly one trust anchor: certificates \(PEM\) or acmPcaArn/,
    ],
    [
      "Roles Anywhere without an anchor",
      { roleName: "app", trust: { rolesAnywhere: { commonNames: ["app"] } } },
      /^trust\.rolesAnywhere: .*; exactly one trust anchor/,
    ],
    [
      "Roles Anywhere for no common name",
      { roleName: "app", trust: { rolesAnywhere: { acmPcaArn: ACM_PCA_ARN, commonNames: [] } } },
      /^trust\.rolesAnywhere\.commonNames: \[\]; one common name at least/,
    ],
    [
      "a common name by wildcard",
      {
        roleName: "app",
        trust: { rolesAnywhere: { acmPcaArn: ACM_PCA_ARN, commonNames: ["*.acme"] } },
      },
      /^trust\.rolesAnywhere\.commonNames: "\*\.acme"; a certificate subject's common name/,
    ],
    [
      "a certificate that is no PEM",
      {
        roleName: "app",
        trust: { rolesAnywhere: { certificates: ["MIIBszCC"], commonNames: ["app"] } },
      },
      /^trust\.rolesAnywhere\.certificates: "MIIBszCC"; one PEM certificate/,
    ],
    [
      "a Private CA by another service's ARN",
      {
        roleName: "app",
        trust: {
          rolesAnywhere: {
            acmPcaArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
            commonNames: ["app"],
          },
        },
      },
      /^trust\.rolesAnywhere\.acmPcaArn: .*; an AWS Private CA ARN/,
    ],
    [
      "sessions shorter than an hour",
      { roleName: "app", trust: GITHUB, maxSessionDuration: 900 },
      /^maxSessionDuration: 900; a whole number of seconds from 3600 \(one hour\) to 43200/,
    ],
    [
      "sessions longer than twelve hours",
      { roleName: "app", trust: GITHUB, maxSessionDuration: 43201 },
      /^maxSessionDuration: 43201; a whole number of seconds from 3600/,
    ],
    [
      "a role name IAM refuses",
      { roleName: "app role", trust: GITHUB },
      /^roleName: "app role"; 1 to 64 letters, digits and \+=,\.@_- \(an IAM role name\)/,
    ],
    [
      "a prefix the user's rules refuse too",
      { roleName: "app", trust: GITHUB, prefixes: ["/data"] },
      /^prefixes: "\/data"; a key prefix ending in \//,
    ],
    [
      "a trust policy over IAM's quota",
      {
        roleName: "app",
        trust: {
          github: {
            repository: "acme/uploader",
            refs: Array.from({ length: 40 }, (_, i) => `refs/heads/release-${i}`),
          },
        },
      },
      /^trust: .*; fewer or shorter refs, .* over IAM's default limit of 2048/,
    ],
  ];
  for (const [what, args, problem] of refusals) {
    it(`refuses ${what}`, () => {
      const problems = problemsOf(args);
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0], problem);
    });
  }
});

describe("the trust policy's size", () => {
  const refs = (count: number) =>
    Array.from({ length: count }, (_, i) => `refs/heads/release-${i}`);
  const refused = (count: number) =>
    problemsOf({
      roleName: "app",
      trust: { github: { repository: "acme/uploader", refs: refs(count) } },
    }).length > 0;
  /** The trust policy of so many refs in the longest partition's account, as IAM counts it. */
  const characters = (count: number) =>
    policyCharacters(
      roleTrustPolicy(
        {
          github: { repository: "acme/uploader", refs: refs(count), environments: [] },
          services: [],
        },
        LONGEST_ACCOUNT,
      ),
    );

  it("is refused only past IAM's quota in any partition: the last refs accepted fit, one more would not", () => {
    // Bounded, so that losing the size rule fails here instead of looping for ever.
    let most = 1;
    while (most < 200 && !refused(most + 1)) {
      most += 1;
    }
    assert.ok(most > 10 && most < 200, `${most} refs fit`);
    assert.ok(
      characters(most) <= IAM_QUOTAS.trustPolicyCharacters,
      `${characters(most)} characters`,
    );
    assert.ok(
      characters(most + 1) > IAM_QUOTAS.trustPolicyCharacters,
      `${most + 1} refs would fit`,
    );
  });
});

describe("trustWarnings", () => {
  it("warns of each GitHub subject a wildcard widens, and of nothing exact", () => {
    const warnings = (trust: RoleTrustSettings) =>
      trustWarnings(withDefaults({ roleName: "app", trust }).trust);
    assert.deepEqual(warnings(GITHUB), []);
    assert.deepEqual(
      warnings({
        github: { repository: "acme/uploader", refs: ["refs/tags/v*", "refs/heads/main"] },
      }),
      [
        'trust.github: "repo:acme/uploader:ref:refs/tags/v*" holds a wildcard: every workflow ' +
          "whose token subject matches it may assume the role; name the repository, refs and " +
          "environments exactly unless that is intended",
      ],
    );
    assert.equal(warnings({ github: { repository: "acme/upload-*" } }).length, 1);
  });
});

describe("the role arguments' doc comments", () => {
  it("state each literal default as withRoleDefaults applies it, and every other as words", () => {
    const documented = new Map([
      ...documentedDefaults("config/roleArgTypes.ts", {
        BucketAccessRoleArgs: "",
      }),
      ...documentedDefaults("config/roleArgs.ts", {
        RoleTrustSettings: "trust.",
        GithubTrustSettings: "trust.github.",
        RolesAnywhereTrustSettings: "trust.rolesAnywhere.",
      }),
    ]);
    assert.ok(documented.size >= 14, `only ${documented.size} documented defaults`);
    assertLiteralDefaultsApplied(documented, withDefaults({ roleName: "app", trust: GITHUB }));
  });
});
