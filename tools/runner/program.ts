/**
 * Runs of the whole program without AWS: the config the Pulumi CLI would pass a stack, the
 * program run under the runtime mocks, and what it built. Used by the specs, `npm run plan`,
 * `npm run generate` (the README's outputs) and the benchmark.
 */
import * as pulumi from "@pulumi/pulumi";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { Registration, registrations, resetRegistrations, useStack } from "./mocks";
import { messageOf } from "./errorText";
import { ROOT } from "../paths";

/** Resolves an output's value (unknowns never occur under mocks). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** A resource as the SDK built it: the resource, its type, logical name and options. */
export interface BuiltResource {
  readonly resource: pulumi.Resource;
  readonly type: string;
  readonly name: string;
  readonly opts: pulumi.ResourceOptions & pulumi.CustomResourceOptions;
}

/**
 * A transformation that records every resource it sees with its options, which the mocks
 * cannot see. Passed to a component (it reaches every child) or registered on the stack.
 */
export function recordResources(): {
  readonly transformation: pulumi.ResourceTransformation;
  readonly resources: BuiltResource[];
} {
  const resources: BuiltResource[] = [];
  return {
    resources,
    transformation: (args) => {
      resources.push({
        resource: args.resource,
        type: args.type,
        name: args.name,
        opts: args.opts,
      });
      return undefined;
    },
  };
}

/**
 * The URN of a resource's parent component, or undefined for a child of its run's stack (the
 * engine leaves the root stack out of its children's URNs, so reports leave it out too).
 */
export async function parentUrnOf(
  built: BuiltResource,
  stackResource: pulumi.Resource | undefined,
): Promise<string | undefined> {
  const parent = built.opts.parent;
  return parent === undefined || parent === stackResource ? undefined : promiseOf(parent.urn);
}

/** Waits until the engine has registered every one of the resources. */
export async function registered(resources: readonly BuiltResource[]): Promise<void> {
  await Promise.all(resources.map((built) => promiseOf(built.resource.urn)));
}

/** The stacks that have a stack file, `Pulumi.<stack>.yaml`, sorted. */
export function stackNames(dir = ROOT): string[] {
  return readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/** A value and everything in it frozen, so that a value handed out twice cannot change. */
function deepFrozen<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFrozen);
    Object.freeze(value);
  }
  return value;
}

/** The YAML files read so far, by path: each run reads the same ones, unchanged. */
const readFiles = new Map<
  string,
  { readonly text: string; readonly parsed: Record<string, unknown> }
>();

/** Reads a YAML file of a project; parses it again only when its text has changed. */
function readYaml(dir: string, file: string): Record<string, unknown> {
  const path = join(dir, file);
  try {
    const text = readFileSync(path, "utf8");
    const known = readFiles.get(path);
    if (known?.text === text) {
      return known.parsed;
    }
    const parsed = deepFrozen((parse(text) ?? {}) as Record<string, unknown>);
    readFiles.set(path, { text, parsed });
    return parsed;
  } catch (error) {
    throw new Error(`${path}: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

/** A project's name, from its `Pulumi.yaml`. */
export function projectName(dir = ROOT): string {
  return String(readYaml(dir, "Pulumi.yaml").name);
}

/** A config value as the engine hands it to the program: text, lists and maps as JSON. */
function configText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The project's declared config keys with their defaults, from `Pulumi.yaml`. */
export function projectConfigDefaults(dir = ROOT): Record<string, unknown> {
  const declared = (readYaml(dir, "Pulumi.yaml").config ?? {}) as Record<
    string,
    { default?: unknown }
  >;
  return Object.fromEntries(Object.entries(declared).map(([key, spec]) => [key, spec.default]));
}

/** A stack file's `config:` section as written, namespaced keys included. */
export function stackFileConfig(stack: string, dir = ROOT): Record<string, unknown> {
  return (readYaml(dir, `Pulumi.${stack}.yaml`).config ?? {}) as Record<string, unknown>;
}

/** A config key with its namespace: the project's when it names none. */
export function namespacedKey(key: string, dir = ROOT): string {
  return key.includes(":") ? key : `${projectName(dir)}:${key}`;
}

/**
 * The config values of a stack as written: the project's defaults overlaid with the stack
 * file's values, then the given overrides (`key` without namespace → value), by namespaced key.
 */
export function stackConfigValues(
  stack: string,
  overrides: Record<string, unknown> = {},
  dir = ROOT,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(projectConfigDefaults(dir))) {
    merged[namespacedKey(key, dir)] = value;
  }
  for (const [key, value] of Object.entries({ ...stackFileConfig(stack, dir), ...overrides })) {
    merged[namespacedKey(key, dir)] = value;
  }
  return merged;
}

/** The config the CLI would pass for a stack: its values, each as text. */
export function stackConfig(
  stack: string,
  overrides: Record<string, unknown> = {},
  dir = ROOT,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(stackConfigValues(stack, overrides, dir)).map(([key, value]) => [
      key,
      configText(value),
    ]),
  );
}

/** What one run of the whole program produced. */
export interface ProgramRun {
  /** The stack outputs: what `index.ts`'s program resolves to, secrets still wrapped. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Every resource the program built, with its options, in order. */
  readonly resources: readonly BuiltResource[];
  /** What the engine received for each of them. */
  readonly registrations: readonly Registration[];
  /** The run's root stack resource, the parent of its top-level resources. */
  readonly stackResource?: pulumi.Resource;
}

/** How a run of a program ended: its outputs, or its error, with what it built either way. */
interface ProgramEnd {
  readonly outputs: Record<string, unknown>;
  readonly failure?: Error;
  readonly resources: BuiltResource[];
  readonly stackResource?: pulumi.Resource;
}

/** The file a run loads as a project's program: its `index.ts`. */
export function programFile(dir = ROOT): string {
  return require.resolve(join(dir, "index"));
}

/** Runs a project's `index.ts` for a stack under the mocks, catching the program's error. */
async function executeProgram(
  stack: string,
  overrides: Record<string, unknown>,
  dir: string,
): Promise<ProgramEnd> {
  await useStack(stack, stackConfig(stack, overrides, dir), projectName(dir));
  resetRegistrations();
  const recorder = recordResources();
  const program = programFile(dir);
  delete require.cache[program];
  // A fresh load per run (the cache entry is dropped above), which an import cannot do.
  // oxlint-disable-next-line typescript/no-require-imports
  const exported: unknown = require(program);
  if (typeof exported !== "function") {
    throw new Error("index.ts must export the program as a function");
  }
  const main = exported as () => unknown;
  let outputs: Record<string, unknown> = {};
  let failure: Error | undefined;
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation(recorder.transformation);
    // The error is returned: thrown here, the stack resource's own promises would reject with
    // nobody listening and end the process.
    try {
      outputs = { ...((await main()) as Record<string, unknown>) };
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    return outputs;
  });
  return {
    outputs,
    failure,
    resources: recorder.resources,
    stackResource: pulumi.runtime.getStackResource(),
  };
}

/**
 * Runs a project's `index.ts` as `pulumi up` would for a stack, under the mocks, with that
 * stack's real config (plus overrides). Rejects with the program's error.
 * @param dir the project's directory: the main project by default
 */
export async function runProgram(
  stack: string,
  overrides: Record<string, unknown> = {},
  dir = ROOT,
): Promise<ProgramRun> {
  const config = stackConfig(stack, overrides, dir);
  const key = JSON.stringify([programFile(dir), stack, config]);
  const known = completedRuns.get(key);
  if (known === undefined) {
    const run = await runProgramAfresh(stack, overrides, dir);
    completedRuns.set(key, run);
    return run;
  }
  // Leaves the mocks on the run's stack and config, as a fresh run would.
  await useStack(stack, config, projectName(dir));
  return known;
}

/**
 * The runs that completed, by program and the config it was given: a run is deterministic
 * under the mocks, so the same program with the same config is answered by its first run.
 */
const completedRuns = new Map<string, ProgramRun>();

/**
 * Runs a project's `index.ts` as `runProgram` does, but never answers from a completed run: for
 * a spec that watches what a run does on the way (the warnings it logs), which an answer from
 * memory would not do again.
 */
export async function runProgramAfresh(
  stack: string,
  overrides: Record<string, unknown> = {},
  dir = ROOT,
): Promise<ProgramRun> {
  const { outputs, failure, resources, stackResource } = await executeProgram(
    stack,
    overrides,
    dir,
  );
  if (failure !== undefined) {
    throw failure;
  }
  await registered(resources);
  return { outputs, resources, registrations: [...registrations], stackResource };
}

/**
 * Runs a program that must fail, as `runProgram` does: its error, and the type of every
 * resource it constructed before failing (the stack's own root included). Throws when it runs.
 */
export async function failedProgram(
  stack: string,
  overrides: Record<string, unknown> = {},
  dir = ROOT,
): Promise<{ readonly error: Error; readonly built: readonly string[] }> {
  const { failure, resources } = await executeProgram(stack, overrides, dir);
  if (failure === undefined) {
    throw new Error(`the program ran for ${stack} with ${JSON.stringify(overrides)}`);
  }
  return { error: failure, built: resources.map((built) => built.type) };
}
