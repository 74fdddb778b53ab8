/**
 * The component package's schema as the pinned SDK derives it from the components' TypeScript
 * (its `ComponentProvider`'s analysis): what `npm run generate` writes to provider/schema.json
 * and `npm test` compares with it.
 *
 * The analysis parses every type of `@pulumi/aws` it meets, seconds of CPU. Its result depends
 * only on what it reads, so it is kept in node_modules/.cache under a digest of all of that:
 * the components' sources and every project file they import, `package.json` (the package's
 * name, version and dependencies), `package-lock.json` (the SDK and TypeScript that analyse
 * them) and `tsconfig.json`. Any change to those runs it afresh.
 */
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { COMPONENT_PACKAGE } from "../provider/componentPackage";
import { ROOT } from "./paths";
import { importedSources } from "./sourceImports";

const ENTRY = join("components", "index.ts");
const PACKAGE_FILES = ["package.json", "package-lock.json", "tsconfig.json"];
const CACHE_DIR = join(ROOT, "node_modules", ".cache", "iam-bucket-access");

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
  const hash = createHash("sha256");
  for (const file of analysisInputs(root)) {
    hash.update(`${file}\0${readFileSync(join(root, file), "utf8")}\0`);
  }
  return hash.digest("hex");
}

/** The schema the SDK derives from the components, formatted as provider/schema.json is. */
export async function analyzedSchema(): Promise<string> {
  const cached = join(CACHE_DIR, `component-schema-${analysisInputsDigest()}.json`);
  if (existsSync(cached)) {
    return readFileSync(cached, "utf8");
  }
  const schema: unknown = JSON.parse(await new ComponentProvider(COMPONENT_PACKAGE).getSchema());
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  // Written whole under a temporary name, so a concurrent reader never sees half of it; the
  // results for earlier inputs go, so the cache holds one.
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(`${cached}.${process.pid}`, text);
  renameSync(`${cached}.${process.pid}`, cached);
  for (const file of readdirSync(CACHE_DIR)) {
    if (/^component-schema-\w+\.json$/.test(file) && join(CACHE_DIR, file) !== cached) {
      rmSync(join(CACHE_DIR, file), { force: true });
    }
  }
  return text;
}
