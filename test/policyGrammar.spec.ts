import * as assert from "node:assert/strict";
import { nameProblems, policyProblems } from "./fixtures/iamGrammar";
import { registeredPolicies, RegisteredPolicy } from "../tools/runner/policyInputs";
import { parseStackConfig } from "../config/stackConfig";
import { ProgramRun, projectName, runProgram, stackConfig } from "../tools/runner/program";
import { BOOTSTRAP } from "../tools/paths";
import { BucketAccessRole } from "../components/bucketAccessRole";
import { componentRun } from "./support/specHelpers";
import { LONGEST_ACCOUNT, policyCharacters } from "../iam/iamQuotas";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const PEM =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ29uZmlkZW50\n-----END CERTIFICATE-----\n";

/** The runs whose every document and name AWS must accept: the committed stacks and variants. */
const RUNS: ReadonlyArray<readonly [string, () => Promise<ProgramRun>]> = [
  // what runs, how
  ["bootstrap admin", () => runProgram("admin", {}, BOOTSTRAP)],
  [
    "bootstrap admin with prod's ESC rotator",
    () =>
      runProgram(
        "admin",
        { environments: { prod: { branch: "release", buckets: ["b-bucket"], escRotation: true } } },
        BOOTSTRAP,
      ),
  ],
  [
    "bootstrap admin whose stacks have roles",
    () =>
      runProgram(
        "admin",
        {
          environments: {
            dev: { branch: "main", createsBucket: true, roles: true },
            prod: { branch: "release", buckets: ["b-bucket"], roles: true },
          },
        },
        BOOTSTRAP,
      ),
  ],
  ["dev", () => runProgram("dev")],
  ["prod", () => runProgram("prod")],
  [
    "dev, MFA required, bucket key, delete",
    () => runProgram("dev", { requireMfa: true, kmsKeyArn: KEY, allowDelete: true }),
  ],
  [
    "a role of every trust, by wildcard too, with a bucket key",
    () =>
      componentRun(
        (opts) =>
          new BucketAccessRole(
            "role",
            {
              bucket: "my-bucket",
              roleName: "app-role",
              kmsKeyArn: KEY,
              prefixes: ["reports/"],
              trust: {
                github: {
                  repository: "acme/uploader",
                  refs: ["refs/tags/v*"],
                  environments: ["prod"],
                },
                services: ["ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com"],
                rolesAnywhere: { certificates: [PEM], commonNames: ["uploader.acme.example"] },
              },
            },
            opts,
          ),
      ),
  ],
  [
    "a role GitHub trusts by exact refs and environments",
    () =>
      componentRun(
        (opts) =>
          new BucketAccessRole(
            "exact",
            {
              bucket: "my-bucket",
              roleName: "app-exact",
              trust: {
                github: {
                  repository: "acme/uploader",
                  refs: ["refs/heads/main"],
                  environments: ["production"],
                },
              },
            },
            opts,
          ),
      ),
  ],
  [
    "prod with identities",
    () =>
      runProgram("prod", {
        identities: { uploader: { access: "write" }, reporting: { access: "read", console: true } },
      }),
  ],
];

/** A one-statement document of a kind, for checking that the checks can fail. */
function policy(
  kind: RegisteredPolicy["kind"],
  statement: object,
  maxCharacters = 6144,
): RegisteredPolicy {
  return {
    type: "test",
    name: "probe",
    input: "policy",
    kind,
    maxCharacters,
    document: {
      Version: "2012-10-17",
      Statement: [{ Sid: "Probe", Effect: "Allow", ...statement }],
    },
  };
}

describe("every policy document and name both programs register", () => {
  for (const [what, run] of RUNS) {
    it(`is one AWS accepts: ${what}`, async () => {
      const { registrations } = await run();
      const policies = registeredPolicies(registrations);
      assert.ok(policies.length > 0);
      assert.deepEqual(policies.flatMap(policyProblems), []);
      assert.deepEqual(registrations.flatMap(nameProblems), []);
    });
  }

  it("covers every document the programs make: user, bucket role, boundary, deploy and rotator roles, key and bucket", async () => {
    const checked = new Set<string>();
    for (const [, run] of RUNS) {
      registeredPolicies((await run()).registrations).forEach((p) =>
        checked.add(`${p.kind} ${p.type} ${p.name}.${p.input}`),
      );
    }
    for (const document of [
      "identity aws:iam/policy:Policy app-policy.policy",
      "identity aws:iam/policy:Policy dev-boundary.policy",
      "identity aws:iam/rolePolicy:RolePolicy dev-deploy.policy",
      "identity aws:iam/rolePolicy:RolePolicy prod-rotator.policy",
      "identity aws:iam/policy:Policy role-policy.policy",
      "trust aws:iam/role:Role role.assumeRolePolicy",
      "trust aws:iam/role:Role dev-deploy.assumeRolePolicy",
      "trust aws:iam/role:Role prod-rotator.assumeRolePolicy",
      "trust aws:iam/role:Role exact.assumeRolePolicy",
      "resource aws:kms/key:Key dev-secrets.policy",
      "resource aws:s3/bucketPolicy:BucketPolicy bucket-tls-only.policy",
    ]) {
      assert.ok(
        checked.has(document),
        `${document} is not checked; checked: ${[...checked].join(", ")}`,
      );
    }
  });
});

describe("the prefixes a stack's config accepts", () => {
  const prefixes = (count: number) =>
    Array.from({ length: count }, (_, i) => `exports/department-${String(i).padStart(3, "0")}/`);
  /** Whether prod's config with that many prefixes passes validation. */
  const accepted = (count: number) => {
    const project = projectName();
    try {
      parseStackConfig(stackConfig("prod", { prefixes: prefixes(count) }), {
        project,
        stack: "prod",
      });
      return true;
    } catch {
      return false;
    }
  };

  /** prod's managed policy with that many prefixes, as the engine received it. */
  const policyWith = async (count: number) => {
    const { registrations } = await runProgram("prod", { prefixes: prefixes(count) });
    const managed = registeredPolicies(registrations).filter(
      (registered) => registered.type === "aws:iam/policy:Policy",
    );
    assert.equal(managed.length, 1);
    return managed[0];
  };
  /** A policy as it would be in the longest partition, whose name every ARN carries. */
  const inLongestPartition = (registered: RegisteredPolicy): RegisteredPolicy => ({
    ...registered,
    document: JSON.parse(
      JSON.stringify(registered.document).replaceAll(
        '"arn:aws:',
        `"arn:${LONGEST_ACCOUNT.partition}:`,
      ),
    ) as unknown,
  });

  it("stop where the policy would outgrow IAM's managed policy quota, at the last AWS accepts in any partition", async () => {
    // Bounded, so that losing the size rule fails here instead of looping for ever.
    const bound = 1000;
    let most = 1;
    while (most < bound && accepted(most + 1)) {
      most += 1;
    }
    assert.ok(most >= 10 && most < bound, `${most} prefixes fit`);
    const last = await policyWith(most);
    assert.deepEqual(policyProblems(last), []);
    // The mocks' partition is aws: the same policy in the longest one must fit too, and one
    // prefix more must not, or the rule would refuse what AWS accepts.
    const longest = inLongestPartition(last);
    assert.deepEqual(policyProblems(longest), []);
    const perPrefix =
      policyCharacters(longest.document) -
      policyCharacters(inLongestPartition(await policyWith(most - 1)).document);
    assert.ok(
      policyCharacters(longest.document) + perPrefix > longest.maxCharacters,
      `${most + 1} prefixes would fit too`,
    );
    await assert.rejects(
      runProgram("prod", { prefixes: prefixes(most + 1) }),
      /config key prefixes: got \[.*\]; expected fewer or shorter prefixes: with these the policy has \d+ characters, over IAM's limit of 6144/,
    );
  });
});

describe("policyProblems", () => {
  const cases: ReadonlyArray<readonly [string, RegisteredPolicy, RegExp]> = [
    // what AWS refuses, the document, the problem named
    [
      "a trust policy with a Resource",
      policy("trust", {
        Principal: { Service: "ec2.amazonaws.com" },
        Action: "sts:AssumeRole",
        Resource: "*",
      }),
      /Resource is not allowed in a trust policy/,
    ],
    [
      "an identity policy with a Principal",
      policy("identity", { Principal: "*", Action: "s3:GetObject", Resource: "*" }),
      /Principal/,
    ],
    [
      "a resource policy without a Principal",
      policy("resource", { Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
      /Principal is required in a resource policy/,
    ],
    [
      "a managed policy over 6,144 characters",
      policy("identity", {
        Action: "s3:GetObject",
        Resource: Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::bucket/prefix-${i}/*`),
      }),
      /over AWS's 6144/,
    ],
  ];
  for (const [what, document, problem] of cases) {
    it(`names ${what}`, () => {
      assert.match(policyProblems(document).join("\n"), problem);
    });
  }

  describe("when a Resource or NotResource is neither * nor an ARN", () => {
    const OBJECTS = "arn:aws:s3:::my-bucket/*";
    const read = { Action: "s3:GetObject" };
    const deny = { Effect: "Deny", Action: "s3:*" };
    const malformed: ReadonlyArray<readonly [string, RegisteredPolicy, string, string]> = [
      // what AWS refuses, the otherwise valid document, where, the value named
      [
        "a word as an Allow's Resource",
        policy("identity", { ...read, Resource: "not-an-arn" }),
        "Statement[0].Resource",
        "not-an-arn",
      ],
      [
        "a word as a Deny's Resource",
        policy("identity", { ...deny, Resource: "not-an-arn" }),
        "Statement[0].Resource",
        "not-an-arn",
      ],
      [
        "a word in an Allow's list of resources",
        policy("identity", { ...read, Resource: [OBJECTS, "not-an-arn"] }),
        "Statement[0].Resource[1]",
        "not-an-arn",
      ],
      [
        "a word as a Deny's NotResource",
        policy("identity", { ...deny, NotResource: "not-an-arn" }),
        "Statement[0].NotResource",
        "not-an-arn",
      ],
      [
        "a word in an Allow's list of NotResource",
        policy("identity", { ...read, NotResource: [OBJECTS, "not-an-arn"] }),
        "Statement[0].NotResource[1]",
        "not-an-arn",
      ],
      [
        "an ARN with too few segments",
        policy("identity", { ...read, Resource: "arn:aws:s3:my-bucket/*" }),
        "Statement[0].Resource",
        "arn:aws:s3:my-bucket/*",
      ],
      [
        "an ARN without its arn: prefix",
        policy("identity", { ...deny, Resource: "aws:s3:::my-bucket/*" }),
        "Statement[0].Resource",
        "aws:s3:::my-bucket/*",
      ],
      [
        "an ARN whose service is a wildcard",
        policy("identity", { ...read, Resource: "arn:aws:*:::my-bucket/*" }),
        "Statement[0].Resource",
        "arn:aws:*:::my-bucket/*",
      ],
      [
        "an empty string as a Resource",
        policy("identity", { ...read, Resource: "" }),
        "Statement[0].Resource",
        "",
      ],
      [
        "an empty string in a Deny's list of NotResource",
        policy("identity", { ...deny, NotResource: [OBJECTS, ""] }),
        "Statement[0].NotResource[1]",
        "",
      ],
      [
        "a bucket name in a bucket policy's Deny",
        policy("resource", { ...deny, Principal: "*", Resource: ["my-bucket", OBJECTS] }),
        "Statement[0].Resource[0]",
        "my-bucket",
      ],
    ];
    for (const [what, document, path, value] of malformed) {
      it(`names the statement and the value of ${what}`, () => {
        const named = `${path}: ${JSON.stringify(value)} in statement Probe must be "*" or an ARN`;
        const problems = policyProblems(document);
        assert.ok(
          problems.some((problem) => problem.includes(named)),
          `no "${named}" among ${JSON.stringify(problems)}`,
        );
      });
    }
  });
});

describe("nameProblems", () => {
  it("names a user name longer than IAM's 64 characters", () => {
    assert.deepEqual(
      nameProblems({
        type: "aws:iam/user:User",
        name: "app",
        inputs: { name: "u".repeat(65), path: "/" },
        outputs: {},
        custom: true,
      }),
      ["aws:iam/user:User app: name has 65 characters, over 64"],
    );
  });
});
