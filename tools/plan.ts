/**
 * `npm run plan -- <stack> [--project bootstrap] [--json] [--config key=value ...]
 * [--bootstrap-config key=value ...]`: what `pulumi up` would create for a stack of the project
 * (or of `bootstrap/`), worked out offline. Checks the stack against the bootstrap environment
 * made for it (the bootstrap's config with any `--bootstrap-config` overrides), runs the real
 * program with the stack's real config (plus any `--config` overrides, as `pulumi up --config`
 * takes them)
 * under the runtime mocks and prints every resource (type, name, parent, protect) with its key
 * inputs, the exact policy documents (identity, trust, bucket and key policies) and the outputs,
 * secrets as `[secret]`. Needs no AWS account and no Pulumi CLI.
 */
import * as pulumi from "@pulumi/pulumi";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { valueAt } from "../config/json";
import { parseConfigPath, setAtPath } from "./configPath";
import { bootstrapDisagreements } from "./runner/bootstrapAgreement";
import { ACCOUNT_ID } from "./runner/mocks";
import { PolicyKind, registeredPolicies } from "./runner/policyInputs";
import {
  namespacedKey,
  parentUrnOf,
  promiseOf,
  runProgram,
  stackConfigValues,
  stackNames,
} from "./runner/program";
import { messageOf } from "./runner/errorText";
import { BOOTSTRAP, ROOT } from "./paths";

/** A resource the stack would create. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  /** Logical name of the parent component; undefined for a child of the stack itself. */
  readonly parent?: string;
  readonly protect: boolean;
  /** The inputs a reviewer checks first (path, boundary, tags, …), by dotted name. */
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** A policy document the stack would create, and the resource and input holding it. */
export interface PlannedPolicy {
  readonly type: string;
  readonly name: string;
  readonly input: string;
  readonly kind: PolicyKind;
  readonly document: unknown;
}

/** Everything a reviewer needs to see before deploying a stack. */
export interface Plan {
  readonly stack: string;
  readonly note: string;
  readonly resources: readonly PlannedResource[];
  readonly policies: readonly PlannedPolicy[];
  /** Output name → value; secrets as `[secret]`. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** The inputs a reviewer checks first, per resource type, by dotted name. */
const KEY_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "aws:iam/user:User": ["name", "path", "permissionsBoundary", "tags"],
  "aws:iam/policy:Policy": ["name", "path"],
  "aws:iam/userLoginProfile:UserLoginProfile": ["passwordLength", "passwordResetRequired"],
  "aws:s3/bucket:Bucket": ["bucket", "tags"],
  // SecureBucket's default encryption, and the customer-provided keys it refuses.
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": [
    "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm",
    "rules.0.blockedEncryptionTypes",
  ],
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": [
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
  ],
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": [
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
  ],
  // SecureBucket's two rules: how long old versions and incomplete uploads are kept.
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": [
    "rules.0.noncurrentVersionExpiration.noncurrentDays",
    "rules.1.abortIncompleteMultipartUpload.daysAfterInitiation",
  ],
  "aws:iam/role:Role": ["name", "path", "maxSessionDuration", "permissionsBoundary"],
  // A Roles Anywhere role's anchor (which CA) and profile (which roles it vends).
  "aws:rolesanywhere/trustAnchor:TrustAnchor": ["name", "source.sourceType"],
  "aws:rolesanywhere/profile:Profile": ["name", "roleArns"],
  "aws:iam/rolePolicy:RolePolicy": ["name"],
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ["url", "clientIdLists"],
  "aws:kms/key:Key": ["enableKeyRotation", "deletionWindowInDays"],
  "aws:kms/alias:Alias": ["name"],
  "pulumiservice:index:Stack": ["organizationName", "projectName", "stackName"],
  "pulumiservice:index:DeploymentSettings": [
    "sourceContext.git.branch",
    "vcs.repository",
    "vcs.deployCommits",
    "vcs.previewPullRequests",
    "operationContext.oidc.aws.roleARN",
  ],
};

/** A resource's key inputs that are set. */
export function keyInputsOf(type: string, inputs: Readonly<Record<string, unknown>>) {
  return Object.fromEntries(
    (KEY_INPUTS[type] ?? [])
      .map((path) => [path, valueAt(inputs, path)] as const)
      .filter(([, value]) => value !== undefined),
  );
}

/** What a secret output shows as. */
const SECRET_PLACEHOLDER = "[secret]";

/** A usage or input error: printed without a stack trace, exit code 2. */
class PlanUsageError extends Error {}

/**
 * Plans a stack that has a `Pulumi.<stack>.yaml`.
 * @param overrides config key (without namespace) → value (text, or a list or map), applied over
 *   the stack file
 * @param dir the project: the main one, or `bootstrap/`
 * @param bootstrapOverrides for a main stack: by bootstrap stack, config key → value over that
 *   bootstrap stack's file, for the check against the bootstrap
 * @throws PlanUsageError for an unknown stack; the program's own error for invalid config; an
 *   error listing every disagreement of a main stack with its bootstrap environment
 */
export async function planStack(
  stack: string,
  overrides: Readonly<Record<string, unknown>> = {},
  dir = ROOT,
  bootstrapOverrides: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): Promise<Plan> {
  const stacks = stackNames(dir);
  if (!stacks.includes(stack)) {
    throw new PlanUsageError(
      `unknown stack ${JSON.stringify(stack)}: no Pulumi.${stack}.yaml; stacks: ${stacks.join(", ")}`,
    );
  }
  const run = await runProgram(stack, overrides, dir);
  if (dir === ROOT) {
    const disagreements = bootstrapDisagreements(stack, overrides, bootstrapOverrides);
    if (disagreements.length > 0) {
      throw new Error(
        `stack ${stack} cannot deploy through its bootstrap environment:\n${disagreements.join("\n")}`,
      );
    }
  }
  const registrations = new Map(run.registrations.map((r) => [`${r.type} ${r.name}`, r]));
  const resources = await Promise.all(
    run.resources.map(async (built) => {
      const parentUrn = await parentUrnOf(built, run.stackResource);
      const registration = registrations.get(`${built.type} ${built.name}`);
      return {
        type: built.type,
        name: built.name,
        // A URN ends in the logical name: urn:pulumi:<stack>::<project>::<type>::<name>.
        ...(parentUrn === undefined ? {} : { parent: parentUrn.split("::").pop() }),
        protect: built.opts.protect === true,
        inputs: keyInputsOf(built.type, registration?.inputs ?? {}),
      };
    }),
  );
  const policies = registeredPolicies(run.registrations).map(
    ({ type, name, input, kind, document }) => ({ type, name, input, kind, document }),
  );
  const outputs: Record<string, string> = {};
  for (const [name, output] of flattenOutputs(run.outputs)) {
    outputs[name] = (await pulumi.isSecret(output))
      ? SECRET_PLACEHOLDER
      : String(await promiseOf(output));
  }
  return {
    stack,
    note:
      `offline plan: ids, the account ${ACCOUNT_ID} and random name suffixes are stand-ins; ` +
      "AWS assigns the real ones when the stack is deployed",
    resources,
    policies,
    outputs,
  };
}

/**
 * The stack outputs as dotted name → output: `identities.reports.accessKeyId` for the nested
 * outputs of a stack with several identities, so each secret stays masked on its own.
 */
function flattenOutputs(
  outputs: Readonly<Record<string, unknown>>,
  prefix = "",
): Array<[string, pulumi.Output<unknown>]> {
  return Object.entries(outputs).flatMap(
    ([name, value]): Array<[string, pulumi.Output<unknown>]> =>
      pulumi.Output.isInstance(value) || typeof value !== "object" || value === null
        ? [[`${prefix}${name}`, pulumi.output(value)]]
        : flattenOutputs(value as Record<string, unknown>, `${prefix}${name}.`),
  );
}

/** How each kind of document is headed. */
const POLICY_TITLES: Readonly<Record<PolicyKind, string>> = {
  identity: "Policy",
  trust: "Trust policy",
  resource: "Resource policy",
};

/** Pads text to a column width. */
function column(text: string, width: number): string {
  return text.padEnd(width);
}

/** An output as text: a policy document already printed above is named, not repeated. */
function outputText(plan: Plan, value: string): string {
  const shown = plan.policies
    .filter((policy) => JSON.stringify(policy.document) === compactJson(value))
    .map((policy) => policy.name);
  return shown.length === 0 ? value : `(the document shown above for ${shown.join(", ")})`;
}

/** JSON text without formatting, or undefined when the text is not JSON. */
function compactJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The plan as text for a terminal. */
export function formatPlan(plan: Plan): string {
  const typeWidth = Math.max(...plan.resources.map((r) => r.type.length));
  const nameWidth = Math.max(...plan.resources.map((r) => r.name.length));
  const parentWidth = Math.max(6, ...plan.resources.map((r) => (r.parent ?? "").length));
  const outputWidth = Math.max(...Object.keys(plan.outputs).map((name) => name.length));
  return [
    `Stack ${plan.stack} would create ${plan.resources.length} resources (${plan.note}).`,
    "",
    `${column("TYPE", typeWidth)}  ${column("NAME", nameWidth)}  ${column("PARENT", parentWidth)}  PROTECT`,
    ...plan.resources.map(
      (r) =>
        `${column(r.type, typeWidth)}  ${column(r.name, nameWidth)}  ` +
        `${column(r.parent ?? "-", parentWidth)}  ${r.protect ? "yes" : "no"}`,
    ),
    "",
    "Key inputs:",
    ...plan.resources
      .filter((r) => Object.keys(r.inputs).length > 0)
      .flatMap((r) => [
        `  ${r.name} (${r.type})`,
        ...Object.entries(r.inputs).map(
          ([name, value]) =>
            `    ${name} = ${typeof value === "string" ? value : JSON.stringify(value)}`,
        ),
      ]),
    ...plan.policies.flatMap((policy) => [
      "",
      `${POLICY_TITLES[policy.kind]} of ${policy.name} (${policy.type}, ${policy.input}):`,
      JSON.stringify(policy.document, null, 2),
    ]),
    "",
    "Outputs:",
    ...Object.entries(plan.outputs).map(
      ([name, value]) => `  ${column(name, outputWidth)}  ${outputText(plan, value)}`,
    ),
  ].join("\n");
}

const USAGE =
  "usage: npm run plan -- <stack> [--project bootstrap] [--json] [--config key=value ...] " +
  "[--bootstrap-config key=value ...]";

/** What `--help` prints. */
const HELP = `${USAGE}

Shows what \`pulumi up\` would create for a stack, offline: every resource with its key inputs,
each policy document (identity, trust, bucket and key policies) and the outputs, secrets as
[secret]. A stack of the main project is first checked against its bootstrap environment.

  <stack>               a stack with a Pulumi.<stack>.yaml in the project
  --project bootstrap   plan a stack of bootstrap/ (its roles, boundaries, trust and key policies)
  --json                print the plan as JSON
  --config key=value    override a config key, as pulumi up --config would (repeatable; -c);
                        a key written as a path sets inside its value, as pulumi config set
                        --path does: --config 'prefixes[0]=reports/' --config tags.team=data
  --bootstrap-config key=value
                        check a main stack against the bootstrap's config with a key overridden
                        the same way (repeatable), as if the bootstrap's stack file set it:
                        --bootstrap-config environments.dev.roles=true
  --help                print this help

Exit codes: 0 planned; 1 invalid config or a disagreement with the bootstrap; 2 bad usage.
`;

/** Where the command writes: standard output and error, or what a spec reads. */
export interface Writable {
  write(text: string): unknown;
}

/** A request for the help text: printed on standard output, exit code 0. */
class HelpRequest extends Error {}

/** The options the command takes, as `node:util` parses them. */
const OPTIONS = {
  project: { type: "string" },
  json: { type: "boolean" },
  config: { type: "string", short: "c", multiple: true },
  "bootstrap-config": { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * The `--config` overrides over a stack's config, in order: `key=value` sets a key as
 * `pulumi up --config` does; a key written as a path (`prefixes[0]=reports/`, `tags.team=data`)
 * sets inside the key's value as `pulumi config set --path` does.
 * @returns config key (without namespace where it has none) → value
 */
function overridesOf(
  option: string,
  pairs: readonly string[],
  stack: string,
  dir: string,
): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const pair of pairs) {
    const [, key, text] = /^([^=]+)=(.*)$/s.exec(pair) ?? [];
    if (key === undefined) {
      throw new PlanUsageError(`${option} needs key=value, got ${JSON.stringify(pair)}; ${USAGE}`);
    }
    try {
      const path = parseConfigPath(key);
      const current = stackConfigValues(stack, overrides, dir)[namespacedKey(path.key, dir)];
      overrides[path.key] = path.path.length === 0 ? text : setAtPath(current, path, text);
    } catch (error) {
      throw new PlanUsageError(`${option} ${pair}: ${messageOf(error)}`);
    }
  }
  return overrides;
}

/**
 * The command's arguments: one stack, the project, `--json`, `--config` overrides and, by
 * bootstrap stack, `--bootstrap-config` overrides.
 */
function commandOptions(args: readonly string[]): {
  stack: string;
  dir: string;
  json: boolean;
  overrides: Record<string, unknown>;
  bootstrapOverrides: Record<string, Record<string, unknown>>;
} {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    // Node's words, less its advice on positionals: "Unknown option '--jsn'. To specify ...".
    const [first] = messageOf(error).split(". ");
    const unknown = /^Unknown option '(.+)'$/.exec(first)?.[1];
    throw new PlanUsageError(
      `${unknown === undefined ? first : `unknown option ${unknown}`}; ${USAGE}`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    throw new HelpRequest();
  }
  const dir = values.project === undefined ? ROOT : join(ROOT, values.project);
  if (values.project === "" || !existsSync(join(dir, "Pulumi.yaml"))) {
    throw new PlanUsageError(`--project needs a project folder such as bootstrap; ${USAGE}`);
  }
  if (positionals.length !== 1) {
    throw new PlanUsageError(`${USAGE}; stacks: ${stackNames(dir).join(", ")}`);
  }
  const bootstrapPairs = values["bootstrap-config"] ?? [];
  if (bootstrapPairs.length > 0 && dir !== ROOT) {
    throw new PlanUsageError(
      `--bootstrap-config is for a stack of the main project; a bootstrap stack takes --config; ${USAGE}`,
    );
  }
  const [stack] = positionals;
  const known = stackNames(dir).includes(stack);
  return {
    stack,
    dir,
    json: values.json === true,
    overrides: known ? overridesOf("--config", values.config ?? [], stack, dir) : {},
    bootstrapOverrides: Object.fromEntries(
      stackNames(BOOTSTRAP).map((bootstrapStack) => [
        bootstrapStack,
        overridesOf("--bootstrap-config", bootstrapPairs, bootstrapStack, BOOTSTRAP),
      ]),
    ),
  };
}

/**
 * Runs the command; returns the exit code: 0 planned (or help), 1 invalid config or a
 * disagreement with the bootstrap, 2 bad usage.
 */
export async function main(
  args: readonly string[],
  out: Writable = process.stdout,
  err: Writable = process.stderr,
): Promise<number> {
  try {
    const { stack, dir, json, overrides, bootstrapOverrides } = commandOptions(args);
    const plan = await planStack(stack, overrides, dir, bootstrapOverrides);
    out.write(`${json ? JSON.stringify(plan, null, 2) : formatPlan(plan)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof HelpRequest) {
      out.write(HELP);
      return 0;
    }
    err.write(`plan: ${messageOf(error)}\n`);
    return error instanceof PlanUsageError ? 2 : 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
