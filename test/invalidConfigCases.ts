/**
 * Invalid stack config and the error each must produce, shared by the parser's spec and the
 * whole-program spec. Values are the text the engine passes (lists and maps as JSON).
 */
export const INVALID_CONFIG_CASES: ReadonlyArray<
  readonly [string, Record<string, string>, RegExp]
> = [
  // what is wrong, raw config, the message (key, value and rule)
  [
    "a bucket name with capitals",
    { bucketName: "My_Bucket" },
    /config key bucketName: got "My_Bucket"; expected an S3 bucket name/,
  ],
  [
    "a bucket name shaped like an IP address",
    { bucketName: "192.168.5.4" },
    /config key bucketName: got "192\.168\.5\.4"; expected an S3 bucket name/,
  ],
  [
    "an ARN of something other than a bucket",
    { bucketName: "arn:aws:iam::123456789012:user/x" },
    /config key bucketName: got "arn:aws:iam::123456789012:user\/x"; expected a bucket name or a bucket ARN/,
  ],
  [
    "an s3:// URL for the bucket",
    { bucketName: "s3://acme-data" },
    /config key bucketName: got "s3:\/\/acme-data"; expected a bucket name, not an s3:\/\/ URL: drop s3:\/\/ \(acme-data\)$/m,
  ],
  [
    "an s3:// URL with a path for the bucket",
    { bucketName: "s3://acme-data/reports/" },
    /config key bucketName: got "s3:\/\/acme-data\/reports\/"; expected a bucket name, not an s3:\/\/ URL: drop s3:\/\/ \(acme-data\) and give reports\/ as one of prefixes$/m,
  ],
  [
    "an unknown access level",
    { access: "admin" },
    /config key access: got "admin"; expected one of read, write, read-write/,
  ],
  [
    "an empty prefix",
    { prefixes: '[""]' },
    /config key prefixes: got ""; expected a key prefix ending in \//,
  ],
  [
    "a prefix starting with /",
    { prefixes: '["/reports/"]' },
    /config key prefixes: got "\/reports\/"; expected a key prefix ending in \/ and not starting with \//,
  ],
  [
    "a prefix not ending in / (data would match data2/)",
    { prefixes: '["data"]' },
    /config key prefixes: got "data"; expected .*data\/ can never also match data2\//,
  ],
  [
    "a prefix with an IAM wildcard",
    { prefixes: '["logs/*/"]' },
    /config key prefixes: got "logs\/\*\/"; expected a key prefix without \*/,
  ],
  [
    "a prefix ending in * (the policy adds it)",
    { prefixes: '["uploads/*"]' },
    /config key prefixes: got "uploads\/\*"; expected a key prefix without \*: uploads\/ already covers every key under it$/m,
  ],
  [
    "a prefix with a .. segment, as if keys were paths",
    { prefixes: '["../uploads/"]' },
    /config key prefixes: got "\.\.\/uploads\/"; expected a key prefix without \. or \.\. segments, which S3 takes as part of the key, not as a path \(did you mean uploads\/\?\)$/m,
  ],
  [
    "a prefix inside another",
    { prefixes: '["reports/2024/","reports/"]' },
    /config key prefixes: got \["reports\/2024\/","reports\/"\]; expected prefixes that do not overlap \(reports\/ already covers reports\/2024\/: drop reports\/2024\/\)$/m,
  ],
  [
    "the same prefix twice",
    { prefixes: '["a/","a/"]' },
    /config key prefixes: got \["a\/","a\/"\]; expected each prefix once \(a\/ is there twice\)/,
  ],
  [
    "prefixes given as text, not a list",
    { prefixes: "reports/" },
    /config key prefixes: got "reports\/"; expected a list of text values, in JSON: \["reports\/"\] \(or item by item: pulumi config set --path 'prefixes\[0\]' reports\/\)/,
  ],
  [
    "prefixes given as text with commas, not a list",
    { prefixes: "reports/, uploads/" },
    /expected a list of text values, in JSON: \["reports\/","uploads\/"\]/,
  ],
  [
    "tags given as text, not a map",
    { tags: "team=data" },
    /config key tags: got "team=data"; expected a map of text keys to text values, in JSON: \{"<name>":"<value>"\} \(or one by one: pulumi config set --path 'tags\.<name>' <value>\)/,
  ],
  [
    "a KMS alias instead of a key ARN",
    { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/s3" },
    /config key kmsKeyArn: got "arn:aws:kms:us-east-1:123456789012:alias\/s3"; expected a KMS key ARN/,
  ],
  [
    "a malformed permissions boundary",
    { permissionsBoundary: "/boundary" },
    /config key permissionsBoundary: got "\/boundary"; expected a managed policy ARN/,
  ],
  [
    "a path without a trailing /",
    { path: "/apps" },
    /config key path: got "\/apps"; expected an IAM path that starts and ends with \//,
  ],
  [
    "a path without a leading /",
    { path: "apps/" },
    /config key path: got "apps\/"; expected an IAM path/,
  ],
  [
    "a password shorter than AWS allows",
    { passwordLength: "4" },
    /config key passwordLength: got 4; expected a whole number from 5 to 128/,
  ],
  [
    "a password longer than AWS allows",
    { passwordLength: "129" },
    /config key passwordLength: got 129; expected a whole number from 5 to 128/,
  ],
  [
    "a fractional key generation",
    { accessKeyGeneration: "1.5" },
    /config key accessKeyGeneration: got "1\.5"; expected a whole number/,
  ],
  [
    "a key generation of zero",
    { accessKeyGeneration: "0" },
    /config key accessKeyGeneration: got 0; expected a whole number of 1 or more/,
  ],
  [
    "a password generation of zero",
    { passwordGeneration: "0" },
    /config key passwordGeneration: got 0; expected a whole number of 1 or more/,
  ],
  [
    "requireMfa without a console",
    { console: "false", requireMfa: "true" },
    /config key requireMfa: got true; expected false while console is disabled/,
  ],
  [
    "keeping a previous key at generation 1",
    { keepPreviousAccessKey: "true" },
    /config key keepPreviousAccessKey: got true; expected false at generation 1: there is no previous key/,
  ],
  [
    "keeping a previous key without an access key",
    { accessKey: "false", accessKeyGeneration: "2", keepPreviousAccessKey: "true" },
    /config key keepPreviousAccessKey: got true; expected false while the access key is disabled/,
  ],
  [
    "a boolean spelled yes",
    { allowDelete: "yes" },
    /config key allowDelete: got "yes"; expected true or false/,
  ],
  [
    "a user name with a space",
    { userName: "my app" },
    /config key userName: got "my app"; expected 1 to 64 letters, digits and \+=,\.@_-/,
  ],
  [
    "a tag key in the reserved aws: namespace",
    { tags: '{"team":"data","aws:owner":"me"}' },
    /config key tags: got "aws:owner"; expected a tag key that does not start with aws: \(AWS reserves those\)$/m,
  ],
  [
    "a tag key longer than IAM allows",
    { tags: JSON.stringify({ [`k${"e".repeat(127)}y`]: "v" }) },
    /config key tags: got "ke+y"; expected a tag key of 1 to 128 characters \(this one has 129\)$/m,
  ],
  [
    "a tag value that YAML reads as a number",
    { tags: '{"team":"data","cost":5}' },
    /config key tags\.cost: got 5; expected text, so quote it: "5" \(YAML and pulumi config set --path read a bare 5 as a number; the CLI's --type string keeps it text\)$/m,
  ],
  [
    "a tag value with a character IAM refuses",
    { tags: '{"cost center":"a|b"}' },
    /config key tags\["cost center"\]: got "a\|b"; expected a tag value of letters, digits, spaces and _\.:\/=\+-@$/m,
  ],
  [
    "more tags than IAM allows",
    {
      tags: JSON.stringify(
        Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"])),
      ),
    },
    /config key tags: got \{"t0":"v",.*\}; expected at most 50 tags \(there are 51\)$/m,
  ],
  [
    "tags that are not a map",
    { tags: '["a"]' },
    /config key tags: got \["a"\]; expected a map of text keys to text values/,
  ],
  [
    "a misspelt key",
    { bucketname: "b" },
    /config key bucketname: got "b"; expected a key of this project: did you mean bucketName\?/,
  ],
];
