/**
 * `npm run plan -- <stack> [--json] [--config key=value ...]`: what `pulumi up` would create
 * for a stack, worked out offline. Runs the real program with the stack's real config (plus any
 * `--config` overrides, as `pulumi up --config` takes them) under the runtime mocks and prints
 * every resource (type, name, parent, protect), the exact policy documents and the outputs,
 * secrets as `[secret]`. Needs no AWS account and no Pulumi CLI.
 */
import * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_ID } from "./mocks";
import { parentUrnOf, promiseOf, runProgram, stackNames } from "./program";

/** A resource the stack would create. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  /** Logical name of the parent component; undefined for a child of the stack itself. */
  readonly parent?: string;
  readonly protect: boolean;
}

/** A policy document the stack would attach, and the resource attaching it. */
export interface PlannedPolicy {
  readonly type: string;
  readonly name: string;
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

/** Resource types whose `policy` input is a policy document. */
const POLICY_TYPES = ["aws:iam/policy:Policy", "aws:s3/bucketPolicy:BucketPolicy"];

/** What a secret output shows as. */
export const SECRET_PLACEHOLDER = "[secret]";

/** A usage or input error: printed without a stack trace, exit code 2. */
export class PlanUsageError extends Error {}

/**
 * Plans a stack that has a `Pulumi.<stack>.yaml`.
 * @param overrides config key (without namespace) → text, applied over the stack file
 * @throws PlanUsageError for an unknown stack; the program's own error for invalid config
 */
export async function planStack(
  stack: string,
  overrides: Readonly<Record<string, string>> = {},
): Promise<Plan> {
  const stacks = stackNames();
  if (!stacks.includes(stack)) {
    throw new PlanUsageError(
      `unknown stack ${JSON.stringify(stack)}: no Pulumi.${stack}.yaml; stacks: ${stacks.join(", ")}`,
    );
  }
  const run = await runProgram(stack, overrides);
  const resources = await Promise.all(
    run.resources.map(async (built) => {
      const parentUrn = await parentUrnOf(built);
      return {
        type: built.type,
        name: built.name,
        // A URN ends in the logical name: urn:pulumi:<stack>::<project>::<type>::<name>.
        ...(parentUrn === undefined ? {} : { parent: parentUrn.split("::").pop() }),
        protect: built.opts.protect === true,
      };
    }),
  );
  const policies = run.registrations
    .filter((registration) => POLICY_TYPES.includes(registration.type))
    .map((registration) => ({
      type: registration.type,
      name: registration.name,
      document: JSON.parse(String(registration.inputs.policy)) as unknown,
    }));
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
    ...plan.policies.flatMap((policy) => [
      "",
      `Policy of ${policy.name} (${policy.type}):`,
      JSON.stringify(policy.document, null, 2),
    ]),
    "",
    "Outputs:",
    ...Object.entries(plan.outputs).map(
      ([name, value]) => `  ${column(name, outputWidth)}  ${outputText(plan, value)}`,
    ),
  ].join("\n");
}

const USAGE = "usage: npm run plan -- <stack> [--json] [--config key=value ...]";

/** The command's arguments: one stack, `--json`, and `--config key=value` (or `-c`) overrides. */
function parseArgs(args: readonly string[]): {
  stack: string;
  json: boolean;
  overrides: Record<string, string>;
} {
  const positional: string[] = [];
  const overrides: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") {
      json = true;
    } else if (arg === "--config" || arg === "-c") {
      const pair = /^([^=]+)=(.*)$/s.exec(args[++i] ?? "");
      if (pair === null) {
        throw new PlanUsageError(`${arg} needs key=value; ${USAGE}`);
      }
      overrides[pair[1]] = pair[2];
    } else if (arg.startsWith("-")) {
      throw new PlanUsageError(`unknown option ${arg}; ${USAGE}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) {
    throw new PlanUsageError(`${USAGE}; stacks: ${stackNames().join(", ")}`);
  }
  return { stack: positional[0], json, overrides };
}

/** Runs the command; returns the exit code: 0 planned, 1 invalid config, 2 bad usage. */
export async function main(args: readonly string[]): Promise<number> {
  try {
    const { stack, json, overrides } = parseArgs(args);
    const plan = await planStack(stack, overrides);
    process.stdout.write(`${json ? JSON.stringify(plan, null, 2) : formatPlan(plan)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`plan: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof PlanUsageError ? 2 : 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
