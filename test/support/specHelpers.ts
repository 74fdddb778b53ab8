/** Assertions the specs share, and the component builds and runs they assert on. */
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import type { PolicyDocument } from "../../iam/policyDocument";
import {
  ACCOUNT_ID,
  DEFAULT_STACK,
  registrations,
  resetRegistrations,
  useStack,
} from "../../tools/runner/mocks";
import {
  type BuiltResource,
  type ProgramRun,
  recordResources,
  registered,
} from "../../tools/runner/program";

/** The inputs the engine received for the one registration of a type; fails on none or several. */
export function inputsOfOnly(type: string): Readonly<Record<string, unknown>> {
  const matches = registrations.filter((r) => r.type === type);
  assert.equal(matches.length, 1, `${matches.length} registrations of ${type}`);
  return matches[0].inputs;
}

/** The attachment type token of each kind of identity, and its input naming the identity. */
const ATTACHMENTS = {
  user: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  role: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
} as const;

/**
 * Asserts that the one policy built is named after the identity, sits on the default stack's
 * path, and is attached to that identity.
 */
export function assertPolicyAttachedTo(kind: keyof typeof ATTACHMENTS, identity: string): void {
  const policy = inputsOfOnly("aws:iam/policy:Policy");
  assert.equal(policy.name, `${identity}-bucket-access`);
  assert.equal(policy.path, "/iam-bucket-access/test/");
  assert.deepEqual(inputsOfOnly(ATTACHMENTS[kind]), {
    [kind]: identity,
    policyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/iam-bucket-access/test/${identity}-bucket-access`,
  });
}

/** Builds a component and lets every output settle; returns it with its children's options. */
export async function builtComponent<T extends pulumi.ComponentResource>(
  construct: (opts: pulumi.ComponentResourceOptions) => T,
): Promise<{ readonly component: T; readonly children: BuiltResource[] }> {
  const recorder = recordResources();
  const component = construct({ transformations: [recorder.transformation] });
  await registered(recorder.resources);
  const children = recorder.resources.filter((r) => r.opts.parent === component);
  return { component, children };
}

/** What an action logs as warnings: without an engine, the SDK writes them to the console. */
export async function warningsOf(action: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const { warn } = console;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
  try {
    await action();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

/** A stack output that must be an Output; fails the test otherwise. */
export function outputOf(
  outputs: Readonly<Record<string, unknown>>,
  name: string,
): pulumi.Output<unknown> {
  const value = outputs[name];
  if (!pulumi.Output.isInstance(value)) {
    throw new Error(`stack output ${name} is not an Output: ${String(value)}`);
  }
  return value;
}

/** The nested outputs of one identity of a stack in the identities form; fails without them. */
export function identityOutputs(
  run: ProgramRun,
  name: string,
): Record<string, pulumi.Output<string>> {
  const identities = run.outputs.identities as Record<
    string,
    Record<string, pulumi.Output<string>>
  >;
  assert.ok(identities?.[name], `no outputs for identity ${name}`);
  return identities[name];
}

/** The inputs of the one registration of a type and name in a run; fails on none or several. */
export function inputsOf(
  run: ProgramRun,
  type: string,
  name: string,
): Readonly<Record<string, unknown>> {
  const found = run.registrations.filter((r) => r.type === type && r.name === name);
  assert.equal(found.length, 1, `${found.length} registrations of ${type} ${name}`);
  return found[0].inputs;
}

/** A document as the engine received it (its JSON text), parsed: for the IAM engine's checks. */
export function parsedJson(json: unknown): unknown {
  return JSON.parse(String(json));
}

/** An identity policy as the engine received it, parsed for assertions on its statements. */
export function parsedPolicy(json: unknown): PolicyDocument {
  return parsedJson(json) as PolicyDocument;
}

/**
 * A construction that must throw: its error, and the type of every resource it constructed
 * before throwing (none, for a component that checks its arguments first). Fails when it does
 * not throw.
 */
export function failedConstruction(construct: (opts: pulumi.ComponentResourceOptions) => unknown): {
  readonly error: Error;
  readonly built: readonly string[];
} {
  const recorder = recordResources();
  try {
    construct({ transformations: [recorder.transformation] });
  } catch (error) {
    assert.ok(error instanceof Error);
    return { error, built: recorder.resources.map((built) => built.type) };
  }
  assert.fail("the construction did not throw");
}

/**
 * A run of components built outside any program, in a stack (the mocks' default), as a program's
 * run would report it: what they built and what the engine received, no outputs. A build that
 * returns a promise (a construction through the component package) is awaited.
 */
export async function componentRun(
  build: (opts: pulumi.ComponentResourceOptions) => unknown,
  stack = DEFAULT_STACK,
): Promise<ProgramRun> {
  await useStack(stack, {});
  resetRegistrations();
  const recorder = recordResources();
  await build({ transformations: [recorder.transformation] });
  await registered(recorder.resources);
  return { outputs: {}, resources: recorder.resources, registrations: [...registrations] };
}
