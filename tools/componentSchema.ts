/**
 * The component package's schema as the pinned SDK derives it from the components' TypeScript
 * (its `ComponentProvider`'s analysis): what `npm run generate` writes to provider/schema.json
 * and `npm test` compares with it.
 *
 * The analysis parses every type of `@pulumi/aws` it meets, about 8 s of CPU. Its result depends
 * only on what it reads, so it is kept in node_modules/.cache (tools/derivedText.ts) under a
 * digest of all of that: the components' sources and every project file they import,
 * `package.json` (the package's name, version and dependencies), `package-lock.json` (the SDK
 * and TypeScript that analyse them) and `tsconfig.json`. Any change to those runs it afresh.
 */
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COMPONENT_PACKAGE } from "../provider/componentPackage";
import { ROOT } from "./paths";
import { derivedText, inputsDigest } from "./derivedText";
import { importedSources } from "./sourceImports";

const ENTRY = join("components", "index.ts");
const PACKAGE_FILES = ["package.json", "package-lock.json", "tsconfig.json"];

/**
 * The components' sources and every project file they import, transitively, sorted.
 * @param root the repository: this one, or a copy of its files
 */
export function componentSources(root = ROOT): string[] {
  return importedSources(root, [ENTRY]);
}

/** The files the analysis reads from the project, relative to it. */
export function analysisInputs(root = ROOT): string[] {
  return [...PACKAGE_FILES, ...componentSources(root)];
}

/** A digest of the names and contents of everything the analysis reads from the project. */
export function analysisInputsDigest(root = ROOT): string {
  return inputsDigest(
    Object.fromEntries(
      analysisInputs(root).map((file) => [file, readFileSync(join(root, file), "utf8")]),
    ),
  );
}

/** The schema the SDK derives from the components, formatted as provider/schema.json is. */
export function analyzedSchema(): Promise<string> {
  return derivedText("component-schema", analysisInputsDigest(), async () => {
    const schema: unknown = JSON.parse(await new ComponentProvider(COMPONENT_PACKAGE).getSchema());
    return `${JSON.stringify(schema, null, 2)}\n`;
  });
}
