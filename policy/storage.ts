/**
 * Rules for the S3 buckets a stack creates, each checked with every resource type of the pinned
 * `@pulumi/aws` (7.48) that can configure what it requires: the configuration resources, their
 * deprecated `…V2` names, an account-wide setting, and the deprecated inline arguments of
 * `aws.s3.Bucket` and `aws.s3.BucketV2` themselves.
 */
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { conditionValues, labelledStatements, namesAnyone, readStatements } from "./documents";
import { forTypes, knownProps, refersTo } from "./validation";
import { at, itemsOf, Props, textOf, UNKNOWN, Unknown, Value } from "./values";

/** General purpose buckets: the kind this project's users are granted, and its rules judge. */
export const GENERAL_PURPOSE_BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/**
 * Buckets of other kinds, which can never keep object versions; `s3-bucket-versioned` reports
 * them, so no other rule needs to (AWS itself blocks their public access, enforces their
 * ownership and encrypts them). Vector buckets (`aws.s3.VectorsVectorBucket`) hold vector
 * indexes, not objects, and are no bucket in these rules' sense.
 */
const UNVERSIONABLE_BUCKET_TYPES: Readonly<Record<string, string>> = {
  "aws:s3/directoryBucket:DirectoryBucket": "a directory bucket (S3 Express One Zone)",
  "aws:s3control/bucket:Bucket": "an S3 on Outposts bucket",
};

/** What one resource says about one requirement of one bucket; undefined when nothing. */
type Finding = "meets" | "unknown" | { readonly breaks: string } | undefined;

/** Reads what a resource of one type says about a requirement, given the bucket's name. */
type Reader = (props: Props, bucketName: Value) => Finding;

/** One requirement every created bucket must meet, and the resource types that bear on it. */
interface BucketRequirement {
  readonly name: string;
  readonly description: string;
  /** Ends "Bucket x (name) must …" in a violation. */
  readonly requirement: string;
  /** Readers of the resources that configure the bucket they name in `bucket`, by type. */
  readonly configurations: Readonly<Record<string, Reader>>;
  /** Readers of a bucket's own (deprecated) arguments, by bucket type. */
  readonly inline?: Readonly<Record<string, Reader>>;
  /** Readers of resources that configure every bucket of the account, by type. */
  readonly account?: Readonly<Record<string, Reader>>;
  /** Bucket types judged besides the general purpose ones, each with what it cannot do. */
  readonly otherBuckets?: Readonly<Record<string, string>>;
  /** A requirement a bucket must meet for this one to apply to it. */
  readonly onlyIf?: BucketRequirement;
}

/**
 * The values at a path of fields, each list on the way stepped into, so one path reads the
 * singular and the plural (deprecated `…V2`) shapes alike: `rules.applyServerSideEncryptionByDefault`
 * reads every rule's. An unknown step yields `UNKNOWN`.
 */
function valuesAt(value: Value, ...path: readonly string[]): Value[] {
  const [step, ...rest] = path;
  if (Array.isArray(value)) {
    return value.flatMap((item: Value) => valuesAt(item, ...path));
  }
  if (step === undefined || value === UNKNOWN) {
    return [value];
  }
  return valuesAt(at(value, step), ...rest);
}

/** Meets when any value passes; unknown when none does but one is unknown; else nothing. */
function anyMeets(values: readonly Value[], passes: (value: Value) => boolean): Finding {
  if (values.some(passes)) {
    return "meets";
  }
  return values.includes(UNKNOWN) ? "unknown" : undefined;
}

/** How a bucket's name reads in a message. */
function nameOf(bucketName: Value): string {
  return typeof bucketName === "string" ? bucketName : "name known at the update";
}

/** Whether a bucket, by its requirement's readers, meets it: "meets", "unknown", or why not. */
function judge(
  rule: BucketRequirement,
  bucket: PolicyResource,
  resources: readonly PolicyResource[],
): "meets" | "unknown" | { readonly fails: string } {
  const bucketProps = knownProps(bucket.props);
  const bucketName = bucketProps.bucket;
  const findings: Finding[] = [rule.inline?.[bucket.type]?.(bucketProps, bucketName)];
  const other = rule.otherBuckets?.[bucket.type];
  if (other !== undefined) {
    findings.push({ breaks: `${other} cannot` });
  }
  for (const resource of resources) {
    const props = knownProps(resource.props);
    const account = rule.account?.[resource.type];
    const configuring = rule.configurations[resource.type];
    if (account !== undefined) {
      findings.push(account(props, bucketName));
    } else if (configuring !== undefined) {
      const dependencies = resource.propertyDependencies.bucket ?? [];
      const names = refersTo(props.bucket, dependencies, bucket, "bucket");
      const finding = names === false ? undefined : configuring(props, bucketName);
      // A resource that may configure another bucket can leave the verdict open, not break it.
      findings.push(names === UNKNOWN && finding !== undefined ? "unknown" : finding);
    }
  }
  const broken = findings.find(
    (finding): finding is { breaks: string } => typeof finding === "object",
  );
  if (broken !== undefined) {
    return { fails: `; ${broken.breaks}` };
  }
  if (findings.includes("meets")) {
    return "meets";
  }
  return findings.includes("unknown") ? "unknown" : { fails: "" };
}

/** Builds the stack policy that reports every created bucket failing a requirement. */
function bucketRule(rule: BucketRequirement): StackValidationPolicy {
  const judged = [...GENERAL_PURPOSE_BUCKET_TYPES, ...Object.keys(rule.otherBuckets ?? {})];
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      for (const bucket of args.resources.filter(({ type }) => judged.includes(type))) {
        if (rule.onlyIf !== undefined && judge(rule.onlyIf, bucket, args.resources) !== "meets") {
          continue;
        }
        const verdict = judge(rule, bucket, args.resources);
        if (typeof verdict === "object") {
          const name = nameOf(knownProps(bucket.props).bucket);
          reportViolation(
            `Bucket ${bucket.name} (${name}) must ${rule.requirement}${verdict.fails}.`,
            bucket.urn,
          );
        }
      }
    },
  };
}

/** Meets when every one of the flags is true. */
function allTrue(flags: readonly string[]): Reader {
  return (props) => {
    const values = flags.map((flag) => props[flag]);
    if (values.every((value) => value === true)) {
      return "meets";
    }
    return values.every((value) => value === true || value === UNKNOWN) ? "unknown" : undefined;
  };
}

const PUBLIC_ACCESS_FLAGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];

export const s3BucketPublicAccessBlocked = bucketRule({
  name: "s3-bucket-public-access-blocked",
  description: "Checks that buckets block every kind of public access.",
  requirement:
    "block all public access: a BucketPublicAccessBlock, or the stack's " +
    "AccountPublicAccessBlock, with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and " +
    "restrictPublicBuckets all true",
  configurations: {
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": allTrue(PUBLIC_ACCESS_FLAGS),
  },
  // Blocks public access to every bucket of the account, whatever the bucket's own setting.
  account: {
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": allTrue(PUBLIC_ACCESS_FLAGS),
  },
});

/** The default encryption algorithms S3 offers. */
const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

/** Meets when a default encryption rule at the path names one of S3's algorithms. */
function encryptsAt(...path: readonly string[]): Reader {
  return (props) =>
    anyMeets(
      valuesAt(props, ...path, "sseAlgorithm"),
      (algorithm) => typeof algorithm === "string" && SSE_ALGORITHMS.includes(algorithm),
    );
}

/** The encryption configuration resources, current and deprecated, share one shape. */
const readEncryptionConfiguration = encryptsAt("rules", "applyServerSideEncryptionByDefault");

export const s3BucketEncrypted = bucketRule({
  name: "s3-bucket-encrypted",
  description: "Checks that buckets encrypt new objects by default.",
  requirement:
    "encrypt objects by default: a BucketServerSideEncryptionConfiguration (or the bucket's " +
    `serverSideEncryptionConfiguration) rule with sseAlgorithm ${SSE_ALGORITHMS.join(", ")}`,
  configurations: {
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
      readEncryptionConfiguration,
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2":
      readEncryptionConfiguration,
  },
  inline: {
    "aws:s3/bucket:Bucket": encryptsAt(
      "serverSideEncryptionConfiguration",
      "rule",
      "applyServerSideEncryptionByDefault",
    ),
    "aws:s3/bucketV2:BucketV2": encryptsAt(
      "serverSideEncryptionConfigurations",
      "rules",
      "applyServerSideEncryptionByDefaults",
    ),
  },
});

/** Meets when the value at the path is the one that turns versioning on. */
function versionsAt(enabled: string | boolean, ...path: readonly string[]): Reader {
  return (props) => anyMeets(valuesAt(props, ...path), (value) => value === enabled);
}

/** The versioning resources, current and deprecated, share one shape. */
const readVersioning = versionsAt("Enabled", "versioningConfiguration", "status");

/** Keeping versions: a requirement of its own, and what the lifecycle rule asks first. */
const versioned: BucketRequirement = {
  name: "s3-bucket-versioned",
  description: "Checks that buckets keep object versions.",
  requirement:
    'keep object versions: a BucketVersioning with status "Enabled" (or the bucket\'s ' +
    "versioning enabled)",
  configurations: {
    "aws:s3/bucketVersioning:BucketVersioning": readVersioning,
    "aws:s3/bucketVersioningV2:BucketVersioningV2": readVersioning,
  },
  inline: {
    "aws:s3/bucket:Bucket": versionsAt(true, "versioning", "enabled"),
    "aws:s3/bucketV2:BucketV2": versionsAt(true, "versionings", "enabled"),
  },
  otherBuckets: UNVERSIONABLE_BUCKET_TYPES,
};

export const s3BucketVersioned = bucketRule(versioned);

/**
 * Breaks when an ACL grants beyond the owner: a canned ACL other than private, or a grant to a
 * group (everyone, any AWS account, the log delivery group) or by e-mail address.
 */
function aclAt(aclField: string, ...grantTypePath: readonly string[]): Reader {
  return (props) => {
    const acl = props[aclField];
    // "private" is the one canned ACL that grants nothing beyond the owner; "" is none at all.
    if (typeof acl === "string" && acl !== "private" && acl !== "") {
      return { breaks: `its ACL ${acl} grants beyond the owner` };
    }
    const grantees = valuesAt(props, ...grantTypePath).filter(
      (type) => type === "Group" || type === "AmazonCustomerByEmail",
    );
    return grantees.length > 0 ? { breaks: `its ACL grants to ${grantees.join(", ")}` } : undefined;
  };
}

/** The ACL resources, current and deprecated, share one shape. */
const readAcl = aclAt("acl", "accessControlPolicy", "grants", "grantee", "type");

export const s3BucketOwnerEnforced = bucketRule({
  name: "s3-bucket-owner-enforced",
  description: "Checks that buckets own every object, so ACLs grant nothing.",
  requirement:
    "own every object, so ACLs grant nothing: BucketOwnershipControls with objectOwnership " +
    '"BucketOwnerEnforced", and no ACL beyond private',
  configurations: {
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": (props) =>
      anyMeets(
        valuesAt(props, "rule", "objectOwnership"),
        (value) => value === "BucketOwnerEnforced",
      ),
    "aws:s3/bucketAcl:BucketAcl": readAcl,
    "aws:s3/bucketAclV2:BucketAclV2": readAcl,
  },
  inline: {
    "aws:s3/bucket:Bucket": aclAt("acl", "grants", "type"),
    "aws:s3/bucketV2:BucketV2": aclAt("acl", "grants", "type"),
  },
});

/** Meets when the bucket policy denies everyone any request to the bucket without TLS. */
function deniesPlainHttp(props: Props, bucketName: Value): Finding {
  const policy = props.policy;
  if (policy === undefined || policy === null || policy === "") {
    return undefined;
  }
  if (policy === UNKNOWN || bucketName === UNKNOWN) {
    return "unknown";
  }
  const denies = readStatements(policy).some(
    (statement) =>
      statement.effect === "Deny" &&
      namesAnyone(statement) &&
      statement.actions.includes("s3:*") &&
      statement.resources.some((resource) => resource.endsWith(`:::${textOf(bucketName)}`)) &&
      statement.resources.some((resource) => resource.endsWith(`:::${textOf(bucketName)}/*`)) &&
      conditionValues(statement, ["Bool"], "aws:SecureTransport").includes("false"),
  );
  return denies ? "meets" : undefined;
}

export const s3BucketTlsOnly = bucketRule({
  name: "s3-bucket-tls-only",
  description: "Checks that bucket policies deny every request made without TLS.",
  requirement:
    'deny requests without TLS: a bucket policy statement denying principal "*" action s3:* on ' +
    'the bucket and its objects when aws:SecureTransport is "false" (a BucketPolicy, or the ' +
    "bucket's policy)",
  configurations: { "aws:s3/bucketPolicy:BucketPolicy": deniesPlainHttp },
  inline: {
    "aws:s3/bucket:Bucket": deniesPlainHttp,
    "aws:s3/bucketV2:BucketV2": deniesPlainHttp,
  },
});

/** The resources that carry a bucket policy in `policy`: its own resource and the buckets'. */
const BUCKET_POLICY_TYPES = ["aws:s3/bucketPolicy:BucketPolicy", ...GENERAL_PURPOSE_BUCKET_TYPES];

export const s3BucketPolicyDeniesOnly: ResourceValidationPolicy = {
  name: "s3-bucket-policy-denies-only",
  description:
    "Checks that bucket policies only deny: a grant in one reaches principals of any account " +
    "(or a service acting for one) that no identity policy or boundary of the stack governs.",
  enforcementLevel: "mandatory",
  validateResource: forTypes(BUCKET_POLICY_TYPES, (args, reportViolation) => {
    const { policy } = knownProps(args.props);
    if (policy === undefined || policy === null || policy === "") {
      return;
    }
    // Whatever is not a Deny is judged a grant: S3 must not read it as one unseen.
    for (const { statement, label } of labelledStatements(policy).filter(
      ({ statement: { effect } }) => effect !== "Deny",
    )) {
      reportViolation(
        `${args.name}: bucket policy ${label} must deny only, not grant (to ` +
          `${JSON.stringify(statement.principal ?? statement.notPrincipal ?? null)}): a ` +
          'bucket policy\'s grant reaches whomever it names in any account, "*" under a ' +
          "condition naming an account, which the public access block does not count as " +
          "public, and a user of the stack's own account past its permissions boundary; " +
          "grant the stack's users and roles the bucket by their identity policies.",
      );
    }
  }),
};

/** Where a lifecycle configuration's rules keep what the lifecycle rule asks of them. */
interface LifecycleShape {
  /** The input listing the rules. */
  readonly rules: string;
  /** Whether a rule is switched on. */
  readonly enabled: (rule: Value) => boolean | Unknown;
  /** Paths of a rule's settings that limit it to part of the bucket when set. */
  readonly narrowing: ReadonlyArray<readonly string[]>;
  /** Paths to a rule's days after which noncurrent versions expire, uploads are aborted. */
  readonly noncurrentDays: readonly string[];
  readonly abortDays: readonly string[];
}

/** Whether a setting that could narrow a rule leaves it on the whole bucket. */
function leavesWholeBucket(value: Value): boolean | Unknown {
  if (value === UNKNOWN) {
    return UNKNOWN;
  }
  // An empty prefix, an empty filter or tag set, or a size limit of 0 narrows nothing.
  return (
    value === undefined ||
    value === null ||
    value === "" ||
    value === 0 ||
    (typeof value === "object" && Object.keys(value).length === 0)
  );
}

/** Whether a lifecycle rule is on and covers the whole bucket. */
function inForce(shape: LifecycleShape, rule: Value): boolean | Unknown {
  const checks = [
    shape.enabled(rule),
    ...shape.narrowing.map((path) => leavesWholeBucket(at(rule, ...path))),
  ];
  return checks.includes(false) ? false : checks.includes(UNKNOWN) ? UNKNOWN : true;
}

/**
 * Meets when rules in force on the whole bucket expire its noncurrent versions and abort its
 * incomplete multipart uploads, after any number of days.
 */
function expiresAt(shape: LifecycleShape): Reader {
  /** The days a path of the rules sets: unknown where a rule's status or scope is. */
  const daysAt = (rules: Value, path: readonly string[]): Value[] =>
    itemsOf(rules).flatMap((rule) => {
      const force = inForce(shape, rule);
      const days = valuesAt(rule, ...path).filter((value) => value !== undefined);
      return force === false ? [] : force === UNKNOWN ? days.map(() => UNKNOWN) : days;
    });
  return (props) => {
    const findings = [shape.noncurrentDays, shape.abortDays].map((path) =>
      anyMeets(daysAt(props[shape.rules], path), (days) => typeof days === "number" && days >= 1),
    );
    if (findings.every((finding) => finding === "meets")) {
      return "meets";
    }
    return findings.includes(undefined) ? undefined : "unknown";
  };
}

/** The lifecycle configuration resources, current and deprecated, share one shape. */
const readLifecycleConfiguration = expiresAt({
  rules: "rules",
  enabled: (rule) => {
    const status = at(rule, "status");
    return status === UNKNOWN ? UNKNOWN : status === "Enabled";
  },
  narrowing: [
    ["prefix"],
    ["filter", "prefix"],
    ["filter", "tag"],
    ["filter", "and"],
    ["filter", "objectSizeGreaterThan"],
    ["filter", "objectSizeLessThan"],
  ],
  noncurrentDays: ["noncurrentVersionExpiration", "noncurrentDays"],
  abortDays: ["abortIncompleteMultipartUpload", "daysAfterInitiation"],
});

/** A bucket's own (deprecated) `lifecycleRules`, in the singular or plural shape. */
function inlineLifecycle(noncurrentExpiration: string): Reader {
  return expiresAt({
    rules: "lifecycleRules",
    enabled: (rule) => {
      const enabled = at(rule, "enabled");
      return enabled === UNKNOWN ? UNKNOWN : enabled === true;
    },
    narrowing: [["prefix"], ["tags"]],
    noncurrentDays: [noncurrentExpiration, "days"],
    abortDays: ["abortIncompleteMultipartUploadDays"],
  });
}

export const s3BucketLifecycle = bucketRule({
  name: "s3-bucket-lifecycle",
  description:
    "Checks that versioned buckets expire noncurrent versions and abort incomplete multipart " +
    "uploads, so their storage cannot grow without bound.",
  requirement:
    "expire noncurrent versions and abort incomplete multipart uploads, as it keeps versions: " +
    "a BucketLifecycleConfiguration (or the bucket's lifecycleRules) whose enabled rules for " +
    "the whole bucket set noncurrentVersionExpiration and abortIncompleteMultipartUpload",
  configurations: {
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": readLifecycleConfiguration,
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":
      readLifecycleConfiguration,
  },
  inline: {
    "aws:s3/bucket:Bucket": inlineLifecycle("noncurrentVersionExpiration"),
    "aws:s3/bucketV2:BucketV2": inlineLifecycle("noncurrentVersionExpirations"),
  },
  onlyIf: versioned,
});
