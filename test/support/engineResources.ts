/**
 * A mocked run's resources as the Pulumi engine hands them to a policy pack: URNs without the
 * root stack in their type chain, each top-level resource parented to the stack's URN, inputs
 * for resource validations (run before each resource's step) and the state after the update
 * for stack validations (run at its end).
 */
import { BuiltResource, parentUrnOf, ProgramRun, promiseOf } from "../../tools/runner/program";

/** One resource of a run, as the engine describes it to a policy pack. */
export interface EngineResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** The parent's URN: a component's, or the stack's for a top-level resource. */
  readonly parent: string;
  /** What the program passed: what resource validations see. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The resource's state once it exists: what stack validations see after an update. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** The stack's root resource's URN, which the mocks keep in its children's type chains. */
const ROOT_IN_CHAIN = /::pulumi:pulumi:Stack\$/;

/** A URN as the engine writes it: without the root stack in its type chain. */
function engineUrn(urn: string): string {
  return urn.replace(ROOT_IN_CHAIN, "::");
}

/** The URN of a stack's root resource, every top-level resource's parent. */
function stackUrnOf(stack: string, project: string): string {
  return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}

/** The URN of a resource's parent: the component it was created in, or the stack. */
async function engineParentOf(
  built: BuiltResource,
  run: ProgramRun,
  stackUrn: string,
): Promise<string> {
  const parent = await parentUrnOf(built, run.stackResource);
  return parent === undefined ? stackUrn : engineUrn(parent);
}

/** Every resource of a run of a project's stack, components included, as the engine sees it. */
export async function engineResourcesOf(
  run: ProgramRun,
  stack: string,
  project: string,
): Promise<EngineResource[]> {
  const stackUrn = stackUrnOf(stack, project);
  return Promise.all(
    run.resources.map(async (built) => {
      const registration = run.registrations.find(
        (r) => r.type === built.type && r.name === built.name,
      );
      return {
        type: built.type,
        name: built.name,
        urn: engineUrn(await promiseOf(built.resource.urn)),
        parent: await engineParentOf(built, run, stackUrn),
        inputs: registration?.inputs ?? {},
        outputs: registration?.outputs ?? {},
      };
    }),
  );
}
