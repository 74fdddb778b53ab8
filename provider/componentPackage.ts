/**
 * The component package this repository is for other Pulumi languages: the components it
 * serves, and the provider `provider/index.ts` hosts.
 *
 * The provider serves the committed `provider/schema.json` rather than deriving the schema
 * from the TypeScript sources as the SDK's `ComponentProvider` does at every start: that
 * analysis parses all of `@pulumi/aws`'s types, seconds and hundreds of MB before a program in
 * another language can construct anything. `npm run generate` writes the file with that same
 * analysis (tools/componentSchema.ts), and `npm test` fails when the two differ.
 */
import type { ComponentProviderOptions } from "@pulumi/pulumi/provider/experimental";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import type { ConstructResult, Provider } from "@pulumi/pulumi/provider";
import type * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BucketAccessRole, BucketAccessUser, SecureBucket } from "../components";
import { componentType, PACKAGE_NAME } from "../components/componentTypes";

/** Where the package's `package.json` is: the repository's root. */
const PACKAGE_DIR = join(__dirname, "..");

/** The committed schema the provider serves. */
export const SCHEMA_FILE = join(__dirname, "schema.json");

/** The package: `iam-bucket-access`, serving `BucketAccessUser`, `BucketAccessRole` and `SecureBucket`. */
export const COMPONENT_PACKAGE: ComponentProviderOptions = {
  name: PACKAGE_NAME,
  components: [BucketAccessUser, BucketAccessRole, SecureBucket],
  dirname: PACKAGE_DIR,
};

/** The parts of the schema the provider reads: its version, and each component's outputs. */
interface ServedSchema {
  readonly version: string;
  readonly resources: Readonly<
    Record<string, { readonly properties: Readonly<Record<string, unknown>> }>
  >;
}

/** Serves the package's schema and constructs its components for the engine. */
export class ComponentPackageProvider implements Provider {
  readonly version: string;
  private readonly schemaText = readFileSync(SCHEMA_FILE, "utf8");
  private readonly served: ServedSchema;

  constructor() {
    this.served = JSON.parse(this.schemaText) as ServedSchema;
    this.version = this.served.version;
  }

  getSchema(): Promise<string> {
    return Promise.resolve(this.schemaText);
  }

  /**
   * Builds a component as a program in TypeScript would, and hands back its outputs: the
   * properties the schema declares for it.
   * @throws Error for a type token of another package or module, as the SDK's provider would
   */
  construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<ConstructResult> {
    return new Promise((resolve) => resolve(this.constructed(name, type, inputs, options)));
  }

  private constructed(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): ConstructResult {
    ComponentProvider.validateResourceType(PACKAGE_NAME, type);
    const componentName = type.split(":")[2];
    const component = COMPONENT_PACKAGE.components.find((c) => c.name === componentName);
    const declared = this.served.resources[componentType(componentName)];
    if (component === undefined || declared === undefined) {
      throw new Error(`the package has no component ${componentName}`);
    }
    const instance = new component(name, inputs, options) as pulumi.ComponentResource &
      Readonly<Record<string, unknown>>;
    const state = Object.fromEntries(
      Object.keys(declared.properties).map((output) => [output, instance[output]]),
    );
    return { urn: instance.urn, state };
  }
}
