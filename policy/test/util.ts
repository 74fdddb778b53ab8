/** Builders for the arguments the policy SDK passes rules, and violation assertions. */
import type {
  Policy,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import * as assert from "node:assert/strict";

/** What a test says about one resource; everything else gets a realistic default. */
export interface ResourceSpec {
  readonly type: string;
  readonly props: Record<string, unknown>;
  readonly name?: string;
  readonly stack?: string;
  /** URN of the parent resource. */
  readonly parent?: string;
  readonly stackTags?: Record<string, string>;
}

/** A URN as the engine writes it. */
export function urnOf(stack: string, type: string, name: string, parentType?: string): string {
  const qualified = parentType === undefined ? type : `${parentType}$${type}`;
  return `urn:pulumi:${stack}::iam-bucket-access::${qualified}::${name}`;
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
  return <T extends object>() => ({ ...defaults, ...config }) as T;
}

/** What every view of a resource shares: type, inputs, URN, name and default options. */
function describedResource(
  spec: ResourceSpec,
): Omit<PolicyResource, "dependencies" | "propertyDependencies" | "isType" | "asType"> {
  const name = spec.name ?? "app";
  return {
    type: spec.type,
    props: spec.props,
    urn: urnOf(spec.stack ?? "dev", spec.type, name),
    name,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
      parent: spec.parent,
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

/** A resource as a stack validation sees it. */
export function stackResource(spec: ResourceSpec): PolicyResource {
  return {
    ...describedResource(spec),
    dependencies: [],
    propertyDependencies: {},
    isType: notUsed,
    asType: notUsed,
  };
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

/** The messages a stack policy reports for a set of resources. */
export async function stackViolations(
  policy: StackValidationPolicy,
  resources: readonly PolicyResource[],
): Promise<string[]> {
  const messages: string[] = [];
  const args: StackValidationArgs = {
    resources: [...resources],
    stackTags: new Map(),
    getConfig: configFor(policy, {}),
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
