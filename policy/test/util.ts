/**
 * Builders for the arguments the policy SDK passes rules, shaped as the engine sends them, and
 * violation assertions.
 */
import {
  unknownCheckingProxy,
  type Policy,
  type PolicyResource,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as assert from "node:assert/strict";

/** The URN of a stack's root resource, every top-level resource's parent. */
export function stackUrnOf(stack: string, project: string): string {
  return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}

/**
 * The SDK's proxy that throws when a rule reads a value unknown in a preview, as the engine's
 * does. Typed here: the SDK's declaration file re-exports it from a module that declares nothing.
 */
const checkingUnknowns = unknownCheckingProxy as unknown as <T extends object>(target: T) => T;

/** What the engine sends for a value it does not know yet (during preview). */
export const UNKNOWN_VALUE = unknownValue;

/** The project every spec's resources belong to, unless one names another. */
const PROJECT = "iam-bucket-access";

/** What a test says about one resource; everything else gets a realistic default. */
export interface ResourceSpec {
  readonly type: string;
  readonly props: Record<string, unknown>;
  readonly name?: string;
  readonly stack?: string;
  readonly project?: string;
  /** URN of the parent resource: by default the stack's, as the engine gives top-level ones. */
  readonly parent?: string;
  /** The resource's URN, when a test has the real one; derived from the rest otherwise. */
  readonly urn?: string;
  readonly stackTags?: Record<string, string>;
  /** For stack validation: the resources each input's value comes from, as the engine tracks. */
  readonly propertyDependencies?: Readonly<Record<string, readonly ResourceSpec[]>>;
}

/** The type of a stack's root resource. */
const ROOT_TYPE = "pulumi:pulumi:Stack";

/** The type part of a URN: the resource's type after its ancestors', joined by `$`. */
function typeChainOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/**
 * A URN as the engine writes it: the parent's type chain, then the type (the root stack is
 * left out of its children's chains).
 */
export function urnOf(
  stack: string,
  type: string,
  name: string,
  parent = stackUrnOf(stack, PROJECT),
  project = PROJECT,
): string {
  const parentChain = typeChainOf(parent);
  const qualified = parentChain === ROOT_TYPE ? type : `${parentChain}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function notUsed(): never {
  throw new Error("the rules match on type tokens; isType/asType are not used");
}

/** The config the engine would pass a policy: its schema's defaults, then the given values. */
function configFor(policy: Policy, config: Record<string, unknown>) {
  const defaults = Object.fromEntries(
    Object.entries(policy.configSchema?.properties ?? {}).map(([key, schema]) => [
      key,
      typeof schema === "object" ? schema.default : undefined,
    ]),
  );
  return (() => ({ ...defaults, ...config })) as ResourceValidationArgs["getConfig"];
}

/** The URN a spec's resource has. */
export function urnOfSpec(spec: ResourceSpec): string {
  const stack = spec.stack ?? "dev";
  const project = spec.project ?? PROJECT;
  return (
    spec.urn ??
    urnOf(stack, spec.type, spec.name ?? "app", spec.parent ?? stackUrnOf(stack, project), project)
  );
}

/**
 * What every view of a resource shares: type, inputs behind the engine's proxy (reading an
 * unknown value throws, as in a preview), URN, name and the options the engine reports.
 */
function describedResource(
  spec: ResourceSpec,
): Omit<PolicyResource, "dependencies" | "propertyDependencies" | "isType" | "asType"> {
  const stack = spec.stack ?? "dev";
  return {
    type: spec.type,
    props: checkingUnknowns(spec.props),
    urn: urnOfSpec(spec),
    name: spec.name ?? "app",
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
      // The root stack resource is the one resource without a parent.
      parent:
        spec.type === ROOT_TYPE
          ? undefined
          : (spec.parent ?? stackUrnOf(stack, spec.project ?? PROJECT)),
    },
  };
}

/** Resource-validation arguments for one resource. */
export function resourceArgs(
  policy: Policy,
  spec: ResourceSpec,
  config: Record<string, unknown> = {},
): ResourceValidationArgs {
  return {
    ...describedResource(spec),
    stackTags: new Map(Object.entries(spec.stackTags ?? {})),
    isType: notUsed,
    asType: notUsed,
    getConfig: configFor(policy, config),
    notApplicable: (reason?: string) => {
      throw new Error(`not applicable: ${reason ?? ""}`);
    },
  };
}

/**
 * The resources a stack validation sees: the specs' and the stack's root resource, each parent
 * and property dependency linked to the resource object, as the engine links them by URN.
 */
export function stackResources(specs: readonly ResourceSpec[]): PolicyResource[] {
  const stack = specs[0]?.stack ?? "dev";
  const project = specs[0]?.project ?? PROJECT;
  const root: ResourceSpec = {
    type: ROOT_TYPE,
    name: `${project}-${stack}`,
    stack,
    project,
    props: {},
    urn: stackUrnOf(stack, project),
  };
  const all = specs.some((spec) => spec.type === root.type) ? specs : [root, ...specs];
  const byUrn = new Map<string, PolicyResource>();
  const resources = all.map((spec) => {
    const resource: PolicyResource = {
      ...describedResource(spec),
      dependencies: [],
      propertyDependencies: {},
      isType: notUsed,
      asType: notUsed,
    };
    byUrn.set(resource.urn, resource);
    return resource;
  });
  all.forEach((spec, index) => {
    const resource = resources[index];
    resource.parent = byUrn.get(resource.opts.parent ?? "");
    for (const [input, sources] of Object.entries(spec.propertyDependencies ?? {})) {
      const linked = sources
        .map((source) => byUrn.get(urnOfSpec(source)))
        .filter((found): found is PolicyResource => found !== undefined);
      resource.propertyDependencies[input] = linked;
      resource.dependencies.push(...linked);
    }
  });
  return resources;
}

/** The messages a resource policy reports for one resource. */
export async function resourceViolations(
  policy: ResourceValidationPolicy,
  spec: ResourceSpec,
  config: Record<string, unknown> = {},
): Promise<string[]> {
  const messages: string[] = [];
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) {
    await validate(resourceArgs(policy, spec, config), (message) => messages.push(message));
  }
  return messages;
}

/** The messages a stack policy reports for the resources of one stack. */
export async function stackViolations(
  policy: StackValidationPolicy,
  specs: readonly ResourceSpec[],
  config: Record<string, unknown> = {},
): Promise<string[]> {
  const messages: string[] = [];
  const args: StackValidationArgs = {
    resources: stackResources(specs),
    stackTags: new Map(Object.entries(specs[0]?.stackTags ?? {})),
    getConfig: configFor(policy, config),
    notApplicable: (reason?: string) => {
      throw new Error(`not applicable: ${reason ?? ""}`);
    },
  };
  await policy.validateStack(args, (message) => messages.push(message));
  return messages;
}

/** Asserts exactly one violation, matching the text. */
export function assertViolation(messages: readonly string[], text: RegExp): void {
  assert.equal(messages.length, 1, `expected one violation, got: ${JSON.stringify(messages)}`);
  assert.match(messages[0], text);
}
