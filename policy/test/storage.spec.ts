import type { StackValidationPolicy } from "@pulumi/policy";
import * as assert from "node:assert/strict";
import {
  GENERAL_PURPOSE_BUCKET_TYPES,
  s3BucketEncrypted,
  s3BucketLifecycle,
  s3BucketOwnerEnforced,
  s3BucketPolicyDeniesOnly,
  s3BucketPublicAccessBlocked,
  s3BucketTlsOnly,
  s3BucketVersioned,
} from "../storage";
import {
  assertViolation,
  resourceViolations,
  ResourceSpec,
  stackViolations,
  UNKNOWN_VALUE,
} from "./util";

const NAME = "data-1a2b3c4d";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";

/** A created bucket of a type, with its own (deprecated) arguments. */
const bucketOf = (type = BUCKET, props: Record<string, unknown> = {}): ResourceSpec => ({
  type,
  name: "bucket",
  props: { bucket: NAME, ...props },
});

/** A resource configuring the bucket it names, which the engine records it depends on. */
const configuring = (
  bucket: ResourceSpec,
  type: string,
  props: Record<string, unknown>,
): ResourceSpec => ({
  type,
  name: `config-${type.split(":").pop()}`,
  props: { bucket: bucket.props.bucket, ...props },
  propertyDependencies: { bucket: [bucket] },
});

/** One way of configuring a bucket: the resources of the stack, given the bucket's. */
type Way = readonly [title: string, resources: (bucket: ResourceSpec) => ResourceSpec[]];

/** A way that configures the bucket with one resource of a type. */
const by = (title: string, type: string, props: Record<string, unknown>): Way => [
  title,
  (bucket) => [bucket, configuring(bucket, type, props)],
];

/** A way that sets the bucket's own arguments, on a bucket of a type. */
const inline = (title: string, type: string, props: Record<string, unknown>): Way => [
  title,
  (bucket) => [{ ...bucket, type, props: { ...bucket.props, ...props } }],
];

const ALL_BLOCKED = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_PAB = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const SSE =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 =
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const ENFORCED = { rule: { objectOwnership: "BucketOwnerEnforced" } };
const ACL = "aws:s3/bucketAcl:BucketAcl";
const ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
/** A way, with bucket-owner ownership enforced beside it. */
const enforced = ([title, resources]: Way): Way => [
  `BucketOwnershipControls and ${title}`,
  (bucket) => [...resources(bucket), configuring(bucket, OWNERSHIP, ENFORCED)],
];
/** A BucketAcl's access control policy with one grant. */
const granting = (grantee: Record<string, string>, permission: string) => ({
  accessControlPolicy: { owner: { id: "owner" }, grants: [{ grantee, permission }] },
});
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
const EXPIRE_NONCURRENT = {
  id: "expire-noncurrent-versions",
  status: "Enabled",
  filter: {},
  noncurrentVersionExpiration: { noncurrentDays: 30 },
};
const ABORT_UPLOADS = {
  id: "abort-incomplete-multipart-uploads",
  status: "Enabled",
  filter: {},
  abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
};
/** One rule doing both, changed by `change`. */
const bothIn = (change: Record<string, unknown> = {}) => ({
  ...EXPIRE_NONCURRENT,
  ...ABORT_UPLOADS,
  id: "both",
  ...change,
});
/** A Bucket's own lifecycle rule doing both, changed by `change`. */
const inlineBoth = (change: Record<string, unknown> = {}) => ({
  enabled: true,
  noncurrentVersionExpiration: { days: 30 },
  abortIncompleteMultipartUploadDays: 7,
  ...change,
});

/** A bucket policy with the TLS-only statement, changed by `change`. */
const tlsPolicy = (change: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*"],
        Resource: [`arn:aws:s3:::${NAME}`, `arn:aws:s3:::${NAME}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
        ...change,
      },
    ],
  });

/** Each rule: every way to meet it, and the closest ways that must not. */
const RULES: ReadonlyArray<{
  readonly policy: StackValidationPolicy;
  readonly message: RegExp;
  readonly meets: readonly Way[];
  readonly misses: readonly Way[];
  /** The resource that meets it, with its settings unknown in a preview. */
  readonly pending: (bucket: ResourceSpec) => ResourceSpec;
  /** What every case's stack also holds: for the lifecycle rule, versioning. */
  readonly alongside?: (bucket: ResourceSpec) => ResourceSpec[];
}> = [
  {
    policy: s3BucketPublicAccessBlocked,
    message: /Bucket bucket \(.*\) must block all public access/,
    meets: [
      by("a BucketPublicAccessBlock with all four flags", PAB, ALL_BLOCKED),
      [
        "the stack's AccountPublicAccessBlock with all four flags",
        (bucket) => [bucket, { type: ACCOUNT_PAB, name: "account", props: ALL_BLOCKED }],
      ],
    ],
    misses: [
      ...Object.keys(ALL_BLOCKED).map((flag) =>
        by(`a BucketPublicAccessBlock without ${flag}`, PAB, { ...ALL_BLOCKED, [flag]: false }),
      ),
      [
        "an AccountPublicAccessBlock without restrictPublicBuckets",
        (bucket) => [
          bucket,
          {
            type: ACCOUNT_PAB,
            name: "account",
            props: { ...ALL_BLOCKED, restrictPublicBuckets: false },
          },
        ],
      ],
    ],
    pending: (bucket) =>
      configuring(bucket, PAB, { ...ALL_BLOCKED, blockPublicPolicy: UNKNOWN_VALUE }),
  },
  {
    policy: s3BucketEncrypted,
    message: /Bucket bucket \(.*\) must encrypt objects by default/,
    meets: [
      by("a BucketServerSideEncryptionConfiguration", SSE, {
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      }),
      by("a BucketServerSideEncryptionConfigurationV2", SSE_V2, {
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
      }),
      inline("a Bucket's serverSideEncryptionConfiguration", BUCKET, {
        serverSideEncryptionConfiguration: {
          rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } },
        },
      }),
      inline("a BucketV2's serverSideEncryptionConfigurations", BUCKET_V2, {
        serverSideEncryptionConfigurations: [
          { rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] },
        ],
      }),
    ],
    misses: [
      by("a BucketServerSideEncryptionConfiguration with only a bucket key", SSE, {
        rules: [{ bucketKeyEnabled: true }],
      }),
      by("a BucketServerSideEncryptionConfigurationV2 without rules", SSE_V2, { rules: [] }),
      inline("a BucketV2's empty serverSideEncryptionConfigurations", BUCKET_V2, {
        serverSideEncryptionConfigurations: [],
      }),
    ],
    pending: (bucket) =>
      configuring(bucket, SSE, {
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: UNKNOWN_VALUE } }],
      }),
  },
  {
    policy: s3BucketVersioned,
    message: /Bucket bucket \(.*\) must keep object versions/,
    meets: [
      by("a BucketVersioning", VERSIONING, { versioningConfiguration: { status: "Enabled" } }),
      by("a BucketVersioningV2", VERSIONING_V2, {
        versioningConfiguration: { status: "Enabled" },
      }),
      inline("a Bucket's versioning", BUCKET, { versioning: { enabled: true } }),
      inline("a BucketV2's versionings", BUCKET_V2, { versionings: [{ enabled: true }] }),
    ],
    misses: [
      by("a Suspended BucketVersioning", VERSIONING, {
        versioningConfiguration: { status: "Suspended" },
      }),
      by("a Disabled BucketVersioningV2", VERSIONING_V2, {
        versioningConfiguration: { status: "Disabled" },
      }),
      inline("a Bucket's versioning off", BUCKET, { versioning: { enabled: false } }),
      inline("a BucketV2's versionings off", BUCKET_V2, { versionings: [{ enabled: false }] }),
    ],
    pending: (bucket) =>
      configuring(bucket, VERSIONING, { versioningConfiguration: { status: UNKNOWN_VALUE } }),
  },
  {
    policy: s3BucketOwnerEnforced,
    message: /Bucket bucket \(.*\) must own every object, so ACLs grant nothing/,
    meets: [
      by("BucketOwnershipControls", OWNERSHIP, ENFORCED),
      enforced(by("a private BucketAcl", ACL, { acl: "private" })),
      enforced(
        by(
          "a BucketAclV2 granting the owner alone",
          ACL_V2,
          granting({ type: "CanonicalUser", id: "owner" }, "FULL_CONTROL"),
        ),
      ),
      enforced(
        inline("a Bucket whose state shows the owner's grant", BUCKET, {
          grants: [{ type: "CanonicalUser", permissions: ["FULL_CONTROL"] }],
        }),
      ),
    ],
    misses: [
      by("BucketOwnershipControls with ObjectWriter", OWNERSHIP, {
        rule: { objectOwnership: "ObjectWriter" },
      }),
      by("BucketOwnershipControls with BucketOwnerPreferred", OWNERSHIP, {
        rule: { objectOwnership: "BucketOwnerPreferred" },
      }),
      enforced(by("a public-read BucketAcl", ACL, { acl: "public-read" })),
      enforced(
        by(
          "a BucketAclV2 granting everyone",
          ACL_V2,
          granting(
            { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
            "READ",
          ),
        ),
      ),
      enforced(
        inline("a BucketV2's authenticated-read acl", BUCKET_V2, { acl: "authenticated-read" }),
      ),
    ],
    pending: (bucket) =>
      configuring(bucket, OWNERSHIP, { rule: { objectOwnership: UNKNOWN_VALUE } }),
  },
  {
    policy: s3BucketTlsOnly,
    message: /Bucket bucket \(.*\) must deny requests without TLS/,
    meets: [
      by("a BucketPolicy", BUCKET_POLICY, { policy: tlsPolicy() }),
      by("a BucketPolicy denying AWS principal *", BUCKET_POLICY, {
        policy: tlsPolicy({ Principal: { AWS: ["*"] } }),
      }),
      by("a BucketPolicy denying AWS principal * under a key in other capitals", BUCKET_POLICY, {
        policy: tlsPolicy({ Principal: { aws: "*" } }),
      }),
      by(
        "a BucketPolicy whose condition key is in other capitals, as IAM reads it",
        BUCKET_POLICY,
        {
          policy: tlsPolicy({ Condition: { Bool: { "AWS:SecureTransport": "false" } } }),
        },
      ),
      inline("a Bucket's policy", BUCKET, { policy: tlsPolicy() }),
      inline("a BucketV2's policy", BUCKET_V2, { policy: tlsPolicy() }),
    ],
    misses: [
      by("a BucketPolicy denying only with TLS", BUCKET_POLICY, {
        policy: tlsPolicy({ Condition: { Bool: { "aws:SecureTransport": "true" } } }),
      }),
      by("a BucketPolicy denying one role", BUCKET_POLICY, {
        policy: tlsPolicy({ Principal: { AWS: "arn:aws:iam::123456789012:role/app" } }),
      }),
      by("a BucketPolicy denying only s3:GetObject", BUCKET_POLICY, {
        policy: tlsPolicy({ Action: ["s3:GetObject"] }),
      }),
      by("a BucketPolicy on the objects alone", BUCKET_POLICY, {
        policy: tlsPolicy({ Resource: [`arn:aws:s3:::${NAME}/*`] }),
      }),
      by("a BucketPolicy allowing instead of denying", BUCKET_POLICY, {
        policy: tlsPolicy({ Effect: "Allow" }),
      }),
    ],
    pending: (bucket) => configuring(bucket, BUCKET_POLICY, { policy: UNKNOWN_VALUE }),
  },
  {
    policy: s3BucketLifecycle,
    message:
      /Bucket bucket \(.*\) must expire noncurrent versions and abort incomplete multipart uploads, as it keeps versions/,
    alongside: (bucket) => [
      configuring(bucket, VERSIONING, { versioningConfiguration: { status: "Enabled" } }),
    ],
    meets: [
      by("a BucketLifecycleConfiguration with SecureBucket's two rules", LIFECYCLE, {
        rules: [EXPIRE_NONCURRENT, ABORT_UPLOADS],
      }),
      by("a BucketLifecycleConfigurationV2 with one rule doing both, unfiltered", LIFECYCLE_V2, {
        rules: [{ ...bothIn(), filter: undefined }],
      }),
      by("a BucketLifecycleConfiguration filtered by the empty prefix", LIFECYCLE, {
        rules: [bothIn({ filter: { prefix: "" } })],
      }),
      inline("a Bucket's lifecycleRules", BUCKET, { lifecycleRules: [inlineBoth()] }),
      inline("a BucketV2's lifecycleRules", BUCKET_V2, {
        lifecycleRules: [
          {
            enabled: true,
            noncurrentVersionExpirations: [{ days: 30 }],
            abortIncompleteMultipartUploadDays: 7,
          },
        ],
      }),
    ],
    misses: [
      by("a BucketLifecycleConfiguration that only expires versions", LIFECYCLE, {
        rules: [EXPIRE_NONCURRENT],
      }),
      by("a BucketLifecycleConfiguration that only aborts uploads", LIFECYCLE, {
        rules: [ABORT_UPLOADS],
      }),
      by("a BucketLifecycleConfiguration whose rule is Disabled", LIFECYCLE, {
        rules: [bothIn({ status: "Disabled" })],
      }),
      by("a BucketLifecycleConfiguration for one prefix", LIFECYCLE, {
        rules: [bothIn({ filter: { prefix: "logs/" } })],
      }),
      by("a BucketLifecycleConfigurationV2 for tagged objects", LIFECYCLE_V2, {
        rules: [bothIn({ filter: { tag: { key: "tier", value: "cold" } } })],
      }),
      by("a BucketLifecycleConfiguration for large objects", LIFECYCLE, {
        rules: [bothIn({ filter: { objectSizeGreaterThan: 1024 } })],
      }),
      inline("a Bucket's lifecycleRules for one prefix", BUCKET, {
        lifecycleRules: [inlineBoth({ prefix: "tmp/" })],
      }),
      inline("a Bucket's lifecycleRules switched off", BUCKET, {
        lifecycleRules: [inlineBoth({ enabled: false })],
      }),
    ],
    pending: (bucket) =>
      configuring(bucket, LIFECYCLE, { rules: [bothIn({ status: UNKNOWN_VALUE })] }),
  },
];

for (const { policy, message, meets, misses, pending, alongside = () => [] } of RULES) {
  /** The stack: the way's resources for the bucket, and what every case holds beside. */
  const stackOf = (way: Way, bucket: ResourceSpec) => [...way[1](bucket), ...alongside(bucket)];

  describe(`#${policy.name}`, () => {
    it("is mandatory", () => {
      assert.equal(policy.enforcementLevel, "mandatory");
    });

    for (const way of meets) {
      it(`passes a bucket configured by ${way[0]}`, async () => {
        assert.deepEqual(await stackViolations(policy, stackOf(way, bucketOf())), []);
      });
    }

    for (const way of misses) {
      it(`fails a bucket configured by ${way[0]}`, async () => {
        assertViolation(await stackViolations(policy, stackOf(way, bucketOf())), message);
      });
    }

    for (const type of GENERAL_PURPOSE_BUCKET_TYPES) {
      it(`fails a ${type} with no such configuration`, async () => {
        const bare = bucketOf(type);
        assertViolation(await stackViolations(policy, [bare, ...alongside(bare)]), message);
      });
    }

    it("does not count another bucket's configuration", async () => {
      const mine = bucketOf();
      const other = { ...bucketOf(), name: "other", props: { bucket: "another-bucket" } };
      const messages = await stackViolations(policy, [
        mine,
        ...alongside(mine),
        ...stackOf(meets[0], other),
      ]);
      assertViolation(
        messages.filter((text) => text.includes(`(${NAME})`)),
        message,
      );
    });

    describe("in a preview, where the bucket's name and settings may be unknown", () => {
      const unnamed = bucketOf(BUCKET, { bucket: UNKNOWN_VALUE });

      it("passes a bucket configured as required, found by the engine's dependency", async () => {
        assert.deepEqual(await stackViolations(policy, stackOf(meets[0], unnamed)), []);
      });

      it("leaves a setting unknown until the update to the update", async () => {
        const stack = [unnamed, pending(unnamed), ...alongside(unnamed)];
        assert.deepEqual(await stackViolations(policy, stack), []);
      });

      it("fails a bucket nothing configures, naming it as best it can", async () => {
        assertViolation(
          await stackViolations(policy, [unnamed, ...alongside(unnamed)]),
          /Bucket bucket \(name known at the update\) must/,
        );
      });
    });
  });
}

describe("a configuration whose bucket is unknown in a preview and recorded as no dependency", () => {
  it("is not pinned on a bucket of the stack: the stack rules judge it at the update's end", async () => {
    const bucket = bucketOf();
    const stranger: ResourceSpec = {
      type: ACL,
      name: "acl-of-unknown-bucket",
      props: { bucket: UNKNOWN_VALUE, acl: "public-read" },
    };
    assert.deepEqual(
      await stackViolations(s3BucketOwnerEnforced, [
        bucket,
        configuring(bucket, OWNERSHIP, ENFORCED),
        stranger,
      ]),
      [],
    );
  });
});

describe("buckets of other kinds", () => {
  const kinds = [
    ["aws:s3/directoryBucket:DirectoryBucket", "a directory bucket \\(S3 Express One Zone\\)"],
    ["aws:s3control/bucket:Bucket", "an S3 on Outposts bucket"],
  ];
  for (const [type, kind] of kinds) {
    it(`fails ${type} for versions, which it can never keep`, async () => {
      assertViolation(
        await stackViolations(s3BucketVersioned, [bucketOf(type)]),
        new RegExp(`must keep object versions: .*; ${kind} cannot\\.$`),
      );
    });

    it(`leaves ${type} to that rule alone: AWS locks down the rest itself`, async () => {
      for (const policy of [
        s3BucketPublicAccessBlocked,
        s3BucketEncrypted,
        s3BucketOwnerEnforced,
        s3BucketTlsOnly,
      ]) {
        assert.deepEqual(await stackViolations(policy, [bucketOf(type)]), [], policy.name);
      }
    });
  }
});

describe("#s3-bucket-lifecycle on buckets that keep no versions", () => {
  const cases: ReadonlyArray<[string, Record<string, unknown>]> = [
    // no versioning at all, or versioning suspended: s3-bucket-versioned reports those
    ["no versioning", {}],
    ["versioning suspended", { versioning: { enabled: false } }],
  ];
  for (const [title, props] of cases) {
    it(`asks no lifecycle of a bucket with ${title}`, async () => {
      assert.deepEqual(await stackViolations(s3BucketLifecycle, [bucketOf(BUCKET, props)]), []);
    });
  }
});

describe("#s3-bucket-policy-denies-only", () => {
  /** A bucket policy holding the TLS-only statement and the given ones, as JSON text. */
  const policyWith = (...statements: object[]) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [...(JSON.parse(tlsPolicy()) as { Statement: object[] }).Statement, ...statements],
    });
  /** Every resource that carries a bucket policy, holding a policy. */
  const carriers: ReadonlyArray<readonly [string, (policy: unknown) => ResourceSpec]> = [
    [
      "a BucketPolicy",
      (policy) => ({ type: BUCKET_POLICY, name: "tls", props: { bucket: NAME, policy } }),
    ],
    ["a Bucket's own policy", (policy) => ({ ...bucketOf(BUCKET, { policy }), name: "tls" })],
    ["a BucketV2's own policy", (policy) => ({ ...bucketOf(BUCKET_V2, { policy }), name: "tls" })],
  ];
  const read = (principal: object | string, condition?: object) => ({
    Sid: "Share",
    Effect: "Allow",
    Principal: principal,
    Action: "s3:GetObject",
    Resource: `arn:aws:s3:::${NAME}/*`,
    ...(condition === undefined ? {} : { Condition: condition }),
  });
  const violationsOf = (resource: ResourceSpec) =>
    resourceViolations(s3BucketPolicyDeniesOnly, resource);

  it("is mandatory", () => {
    assert.equal(s3BucketPolicyDeniesOnly.enforcementLevel, "mandatory");
  });

  for (const [carrier, carrying] of carriers) {
    it(`fails another account's read of the bucket's objects granted by ${carrier}`, async () => {
      assertViolation(
        await violationsOf(carrying(policyWith(read({ AWS: "arn:aws:iam::999999999999:root" })))),
        /tls: bucket policy statement Share must deny only, not grant \(to \{"AWS":"arn:aws:iam::999999999999:root"\}\)/,
      );
    });

    it(`passes the TLS-only Deny in ${carrier}`, async () => {
      assert.deepEqual(await violationsOf(carrying(tlsPolicy())), []);
    });
  }

  const grants = [
    // a grant the public access block lets in, as S3 counts none of them public
    [
      "everyone of one other account",
      read("*", { StringEquals: { "aws:PrincipalAccount": "999999999999" } }),
    ],
    [
      "an account by its canonical user id",
      read({ CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" }),
    ],
    [
      "CloudFront for any distribution of any account",
      read({ Service: "cloudfront.amazonaws.com" }),
    ],
    [
      "a user of the stack's own account, whom no permissions boundary then limits",
      read({ AWS: "arn:aws:iam::123456789012:user/ops" }),
    ],
    [
      "another account by a statement whose Effect is not Deny",
      { ...read({ AWS: "999999999999" }), Effect: "allow" },
    ],
  ] as const;
  for (const [what, statement] of grants) {
    it(`fails a bucket policy granting ${what}`, async () => {
      assertViolation(
        await violationsOf({
          type: BUCKET_POLICY,
          name: "tls",
          props: { bucket: NAME, policy: policyWith(statement) },
        }),
        /tls: bucket policy statement Share must deny only, not grant/,
      );
    });
  }

  it("leaves a bucket without a policy, and a policy unknown until the update, alone", async () => {
    assert.deepEqual(await violationsOf(bucketOf()), []);
    assert.deepEqual(await violationsOf(bucketOf(BUCKET, { policy: "" })), []);
    assert.deepEqual(
      await violationsOf({
        type: BUCKET_POLICY,
        name: "tls",
        props: { bucket: NAME, policy: UNKNOWN_VALUE },
      }),
      [],
    );
  });
});
