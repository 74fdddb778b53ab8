// A pure module: no Pulumi runtime, so no mocks and a plain import.
// The user policy these statements join is pinned whole once, in userPolicy.spec.ts, and
// decided by the IAM engine in policySimulation.spec.ts; here, what the statements grant and deny.
import * as assert from "node:assert/strict";
import { ACCESS_LEVELS, canWrite } from "../iam/accessLevels";
import { BucketAccess, bucketAccessStatements, tlsOnlyBucketPolicy } from "../iam/bucketAccess";
import { Statement } from "../iam/policyDocument";

const BUCKET = "my-bucket";
const BUCKET_ARN = "arn:aws:s3:::my-bucket";
const OBJECTS = "arn:aws:s3:::my-bucket/*";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CUSTOMER_KEY = "s3:x-amz-server-side-encryption-customer-algorithm";

/** The settings of the Terraform original: read-write, whole bucket, no delete. */
const BASE: BucketAccess = {
  partition: "aws",
  bucket: BUCKET,
  access: "read-write",
  prefixes: [],
  allowDelete: false,
  listAllBuckets: false,
};

/** Each grant of the statements as `<action> on <resource>`, with its condition if any. */
function grants(statements: readonly Statement[]): string[] {
  return statements
    .filter((statement) => statement.Effect === "Allow")
    .flatMap((statement) =>
      (statement.Action ?? []).flatMap((action) =>
        [statement.Resource].flat().map((resource) => `${action} on ${resource}`),
      ),
    )
    .sort();
}

/** The Deny statements whose condition names a key. */
function deniesOn(statements: readonly Statement[], key: string): Statement[] {
  return statements.filter(
    (statement) =>
      statement.Effect === "Deny" &&
      Object.values(statement.Condition ?? {}).some((keys) => key in keys),
  );
}

/** Every combination of the settings that shape the statements. */
const COMBINATIONS: BucketAccess[] = ACCESS_LEVELS.flatMap((access) =>
  [[], ["in/", "out/"]].flatMap((prefixes) =>
    [false, true].flatMap((allowDelete) =>
      [undefined, KEY].map((kmsKeyArn) => ({ ...BASE, access, prefixes, allowDelete, kmsKeyArn })),
    ),
  ),
);

describe("bucketAccessStatements", () => {
  const cases = [
    // access, what it grants on the bucket and its objects
    [
      "read",
      ["s3:GetBucketLocation on bucket", "s3:GetObject on objects", "s3:ListBucket on bucket"],
    ],
    [
      "write",
      [
        "s3:AbortMultipartUpload on objects",
        "s3:GetBucketLocation on bucket",
        "s3:PutObject on objects",
      ],
    ],
    [
      "read-write",
      [
        "s3:AbortMultipartUpload on objects",
        "s3:GetBucketLocation on bucket",
        "s3:GetObject on objects",
        "s3:ListBucket on bucket",
        "s3:PutObject on objects",
      ],
    ],
  ] as const;
  for (const [access, granted] of cases) {
    it(`grants ${access} as ${granted.join(", ")}, and nothing else`, () => {
      const named = grants(bucketAccessStatements({ ...BASE, access })).map((grant) =>
        grant.replace(OBJECTS, "objects").replace(BUCKET_ARN, "bucket"),
      );
      assert.deepEqual(named, [...granted]);
    });
  }

  it("grants s3:DeleteObject only with allowDelete, on the objects in scope", () => {
    const deletes = (settings: BucketAccess) =>
      grants(bucketAccessStatements(settings)).filter((grant) => grant.startsWith("s3:Delete"));
    assert.deepEqual(deletes(BASE), []);
    assert.deepEqual(deletes({ ...BASE, allowDelete: true, prefixes: ["in/"] }), [
      "s3:DeleteObject on arn:aws:s3:::my-bucket/in/*",
    ]);
  });

  it("limits objects and listing to the prefixes", () => {
    const statements = bucketAccessStatements({ ...BASE, prefixes: ["in/", "out/"] });
    const onObjects = grants(statements).filter((grant) => grant.includes(`${BUCKET_ARN}/`));
    assert.ok(onObjects.length > 0);
    for (const grant of onObjects) {
      assert.match(grant, /on arn:aws:s3:::my-bucket\/(in|out)\/\*$/);
    }
    const listing = statements.filter(
      (s) => s.Effect === "Allow" && s.Action?.includes("s3:ListBucket"),
    );
    assert.equal(listing.length, 1);
    assert.deepEqual(listing[0].Condition, { StringLike: { "s3:prefix": ["in/*", "out/*"] } });
  });

  it("grants ListAllMyBuckets, on *, only when listAllBuckets is on", () => {
    const listAll = (listAllBuckets: boolean) =>
      grants(bucketAccessStatements({ ...BASE, listAllBuckets })).filter((grant) =>
        grant.startsWith("s3:ListAllMyBuckets"),
      );
    assert.deepEqual(listAll(false), []);
    assert.deepEqual(listAll(true), ["s3:ListAllMyBuckets on *"]);
  });

  it("denies every bucket and object action it grants over plain HTTP, in every combination", () => {
    for (const settings of COMBINATIONS) {
      const statements = bucketAccessStatements(settings);
      const [deny, ...others] = deniesOn(statements, "aws:SecureTransport");
      assert.equal(others.length, 0);
      assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
      assert.deepEqual([deny.Resource].flat().sort(), [BUCKET_ARN, OBJECTS]);
      for (const grant of grants(statements).filter((g) => g.includes(BUCKET_ARN))) {
        const action = grant.split(" ")[0];
        assert.ok(deny.Action?.includes(action), `${action} is allowed over HTTP`);
      }
    }
  });

  it("denies uploads with a customer-provided key on every object, whenever it grants writes", () => {
    for (const settings of COMBINATIONS) {
      const statements = bucketAccessStatements(settings);
      const denies = deniesOn(statements, CUSTOMER_KEY);
      if (!canWrite(settings.access)) {
        assert.deepEqual(denies, []);
        continue;
      }
      assert.equal(denies.length, 1);
      assert.deepEqual(denies[0].Condition, { Null: { [CUSTOMER_KEY]: "false" } });
      assert.deepEqual(denies[0].Resource, [OBJECTS]);
      assert.deepEqual([...(denies[0].Action ?? [])].sort(), [
        "s3:AbortMultipartUpload",
        "s3:PutObject",
      ]);
    }
  });

  describe("with a KMS key", () => {
    const keyCases = [
      // access, the KMS actions S3 takes for it
      ["read", ["kms:Decrypt"]],
      ["write", ["kms:Decrypt", "kms:GenerateDataKey"]],
      ["read-write", ["kms:Decrypt", "kms:GenerateDataKey"]],
    ] as const;
    for (const [access, actions] of keyCases) {
      it(`lets S3 alone use the key for ${access}: ${actions.join(", ")}`, () => {
        const onKey = bucketAccessStatements({ ...BASE, access, kmsKeyArn: KEY }).filter(
          (s) => s.Effect === "Allow" && [s.Resource].flat().includes(KEY),
        );
        assert.equal(onKey.length, 1);
        assert.deepEqual(onKey[0].Resource, KEY);
        assert.deepEqual(onKey[0].Action, [...actions]);
        assert.deepEqual(onKey[0].Condition, {
          StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
        });
      });
    }

    it("names the China partition's S3 endpoint in kms:ViaService", () => {
      const cnKey =
        "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      const kms = bucketAccessStatements({ ...BASE, partition: "aws-cn", kmsKeyArn: cnKey }).find(
        (s) => s.Resource === cnKey,
      );
      assert.deepEqual(kms?.Condition?.StringEquals, {
        "kms:ViaService": "s3.cn-north-1.amazonaws.com.cn",
      });
    });
  });
});

describe("tlsOnlyBucketPolicy", () => {
  it("denies every principal every S3 action on the bucket without TLS", () => {
    assert.deepEqual(tlsOnlyBucketPolicy("aws", BUCKET), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Action: ["s3:*"],
          Resource: [BUCKET_ARN, OBJECTS],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
          Principal: "*",
        },
      ],
    });
  });
});
