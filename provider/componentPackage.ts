/**
 * The component package this repository is for other Pulumi languages: its name and the
 * components it serves. `provider/index.ts` hosts it; the specs ask it for its schema and
 * construct components through it.
 */
import { ComponentProvider, ComponentProviderOptions } from "@pulumi/pulumi/provider/experimental";
import { join } from "node:path";
import { BucketAccessUser, SecureBucket } from "../components";
import { PACKAGE_NAME } from "../components/componentTypes";

/** Where the package's `package.json` is: the repository's root. */
export const PACKAGE_DIR = join(__dirname, "..");

/** The package: `iam-bucket-access`, serving `BucketAccessUser` and `SecureBucket`. */
export const COMPONENT_PACKAGE: ComponentProviderOptions = {
  name: PACKAGE_NAME,
  components: [BucketAccessUser, SecureBucket],
  dirname: PACKAGE_DIR,
};

let provider: ComponentProvider | undefined;

/**
 * The package's provider, one per process: it derives the schema from the TypeScript sources
 * once (seconds of type analysis) and keeps it.
 */
export function componentProvider(): ComponentProvider {
  provider ??= new ComponentProvider(COMPONENT_PACKAGE);
  return provider;
}
