/**
 * `npm run generate`: writes what the code declares where users read it, so that it cannot
 * drift: from the config tables, the `config:` block of each project's `Pulumi.yaml`, the
 * README's configuration table and the bootstrap's tables in docs/deployment.md; from the
 * components, the component package's schema. `npm test` compares the files with what this
 * would write and fails on any difference. From a run of the program, the README's list of stack
 * outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import {
  BOOTSTRAP_KEYS,
  ENVIRONMENT_KEYS,
  ENVIRONMENTS_KEY,
} from "../bootstrap/config/bootstrapKeys";
import { isLiteralDefault, KeySpec, KeyTable } from "../config/keyTable";
import { IDENTITIES_KEY, STACK_KEYS } from "../config/stackKeys";
import { SCHEMA_FILE } from "../provider/componentPackage";
import { analyzedSchema } from "./componentSchema";
import { argTypesSource, ROLE_ARG_TYPES, USER_ARG_TYPES } from "./argTypes";
import { BOOTSTRAP, ROOT } from "./paths";
import { runProgram } from "./runner/program";

/** A key that the table holds but `Pulumi.yaml` cannot declare, and why. */
interface Undeclared {
  readonly key: string;
  readonly why: string;
}

/** The project config schema's type for each value type; it has none for maps. */
const SCHEMA_TYPES: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>> = {
  string: { type: "string" },
  boolean: { type: "boolean" },
  integer: { type: "integer" },
  "string-list": { type: "array", items: { type: "string" } },
};

/** Why a map key is not declared: the schema has no type for maps. */
const UNTYPED_MAP = "a map, which the project config schema has no type for";

/** The schema entry of a key, or why it has none. */
function schemaEntry(spec: KeySpec): Record<string, unknown> | string {
  // A closed set of words is text to the schema.
  const schema = SCHEMA_TYPES[typeof spec.type === "string" ? spec.type : "string"];
  if (schema === undefined) {
    return UNTYPED_MAP;
  }
  const entry = {
    ...schema,
    description:
      spec.required || isLiteralDefault(spec.default)
        ? spec.description
        : `${spec.description} Unset: ${spec.default.derived}.`,
  };
  if (spec.required) {
    return entry;
  }
  if (isLiteralDefault(spec.default)) {
    return { ...entry, default: spec.default };
  }
  // The CLI requires a declared key without a default; an empty text stands for unset.
  return spec.type === "string"
    ? { ...entry, default: "" }
    : "its default is derived from other keys, which the schema cannot say";
}

/** The `config:` block of a project's `Pulumi.yaml` for a table, and comments for the rest. */
function pulumiYamlConfig(
  table: KeyTable,
  source: string,
  docs: string,
  undeclared: readonly Undeclared[],
): string {
  const declared: Record<string, unknown> = {};
  const notes = [...undeclared];
  for (const [key, spec] of Object.entries(table)) {
    const entry = schemaEntry(spec);
    if (typeof entry === "string") {
      notes.push({ key, why: entry });
    } else {
      declared[key] = entry;
    }
  }
  return [
    `# Generated from ${source} by npm run generate; edit the table, not this block.`,
    stringify({ config: declared }, { lineWidth: 0 }).trimEnd(),
    ...notes
      .sort((a, b) => a.key.localeCompare(b.key))
      .map(({ key, why }) => `  # ${key} is not declared: ${why}. See ${docs}.`),
    "",
  ].join("\n");
}

/** A default as the docs show it: a literal in code, derived ones in words. */
function defaultText(spec: Pick<KeySpec, "default">): string {
  return isLiteralDefault(spec.default)
    ? `\`${typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default)}\``
    : spec.default.derived;
}

/** A markdown table of a config table's keys: key, default, meaning. */
function markdownTable(
  rows: ReadonlyArray<readonly [string, Pick<KeySpec, "default" | "description">]>,
): string {
  return [
    "| Key | Default | Meaning |",
    "| --- | --- | --- |",
    ...rows.map(
      ([key, spec]) =>
        `| \`${key}\` | ${defaultText(spec)} | ${spec.description.replace(/\|/g, "\\|")} |`,
    ),
  ].join("\n");
}

/** The README's configuration table: every stack key, where it may be set, and identities. */
function stackConfigTable(): string {
  return markdownTable([
    ...Object.entries(STACK_KEYS).map(
      ([key, spec]) =>
        [
          key,
          {
            ...spec,
            description:
              spec.level === "stack" ? `${spec.description} Once per stack.` : spec.description,
          },
        ] as const,
    ),
    [IDENTITIES_KEY.name, IDENTITIES_KEY],
  ]);
}

/** The bootstrap's tables: its own keys, then each environment's. */
function bootstrapConfigTables(): string {
  return [
    markdownTable([...Object.entries(BOOTSTRAP_KEYS), [ENVIRONMENTS_KEY.name, ENVIRONMENTS_KEY]]),
    "",
    `Each of \`${ENVIRONMENTS_KEY.name}.<stack>\`:`,
    "",
    markdownTable(Object.entries(ENVIRONMENT_KEYS)),
  ].join("\n");
}

/**
 * The README's list of stack outputs: what dev exports with every feature on (a console, and a
 * previous key kept), in the program's order, each secret one marked.
 */
async function stackOutputsList(): Promise<string> {
  const { outputs } = await runProgram("dev", {
    console: "true",
    accessKey: "true",
    accessKeyGeneration: "2",
    keepPreviousAccessKey: "true",
  });
  const names = await Promise.all(
    Object.entries(outputs).map(async ([name, output]) =>
      pulumi.Output.isInstance(output) && (await pulumi.isSecret(output))
        ? `\`${name}\` (secret)`
        : `\`${name}\``,
    ),
  );
  // Wrapped at the README's 100 columns, a line break only between two names.
  const lines = names.reduce<string[]>((wrapped, name, i) => {
    const item = i === names.length - 1 ? `${name}.` : `${name},`;
    const last = wrapped[wrapped.length - 1];
    return last !== undefined && last.length + item.length < 100
      ? [...wrapped.slice(0, -1), `${last} ${item}`]
      : [...wrapped, item];
  }, []);
  return `${lines.join("\n")}\n`;
}

/**
 * A file whose generated part sits between two marker lines, runs from a line to the end, or is
 * the whole file.
 */
interface GeneratedPart {
  readonly file: string;
  /** The part's first line; undefined: the whole file is generated. */
  readonly start?: string;
  /** The line after the part; undefined: the part runs to the end of the file. */
  readonly end?: string;
  readonly text: () => string | Promise<string>;
}

/** Every generated part of the repository, each written before those that read it. */
export const GENERATED_PARTS: readonly GeneratedPart[] = [
  {
    file: USER_ARG_TYPES.file,
    text: () => argTypesSource(USER_ARG_TYPES),
  },
  {
    file: ROLE_ARG_TYPES.file,
    text: () => argTypesSource(ROLE_ARG_TYPES),
  },
  {
    file: join(ROOT, "Pulumi.yaml"),
    start: "# Generated from config/userSettings.ts",
    text: () =>
      pulumiYamlConfig(STACK_KEYS, "config/userSettings.ts", "the README", [
        { key: IDENTITIES_KEY.name, why: UNTYPED_MAP },
      ]),
  },
  {
    file: join(BOOTSTRAP, "Pulumi.yaml"),
    start: "# Generated from bootstrap/config/bootstrapKeys.ts",
    text: () =>
      pulumiYamlConfig(BOOTSTRAP_KEYS, "bootstrap/config/bootstrapKeys.ts", "docs/deployment.md", [
        { key: ENVIRONMENTS_KEY.name, why: UNTYPED_MAP },
      ]),
  },
  {
    file: join(ROOT, "README.md"),
    start: "<!-- generated from config/userSettings.ts by npm run generate -->",
    end: "<!-- end of generated table -->",
    text: () => `${stackConfigTable()}\n`,
  },
  {
    file: join(ROOT, "README.md"),
    start: "<!-- generated from the program's outputs by npm run generate -->",
    end: "<!-- end of generated outputs -->",
    text: stackOutputsList,
  },
  {
    file: SCHEMA_FILE,
    text: analyzedSchema,
  },
  {
    file: join(ROOT, "docs", "deployment.md"),
    start: "<!-- generated from bootstrap/config/bootstrapKeys.ts by npm run generate -->",
    end: "<!-- end of generated tables -->",
    text: () => `${bootstrapConfigTables()}\n`,
  },
];

/** A file's text with its generated part written anew. */
export async function regenerated(part: GeneratedPart, current: string): Promise<string> {
  const body = await part.text();
  if (part.start === undefined) {
    return body;
  }
  const start = current.indexOf(part.start);
  if (start < 0) {
    throw new Error(`${part.file} has no line ${JSON.stringify(part.start)}`);
  }
  if (part.end === undefined) {
    return `${current.slice(0, start)}${body}`;
  }
  const end = current.indexOf(part.end, start);
  if (end < 0) {
    throw new Error(`${part.file} has no line ${JSON.stringify(part.end)}`);
  }
  const afterStart = body.startsWith(part.start) ? "" : `${part.start}\n`;
  return `${current.slice(0, start)}${afterStart}${body}${current.slice(end)}`;
}

/** A file's text, or nothing when there is no such file yet. */
export function currentText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** Writes every generated part that is not current. */
async function main(): Promise<void> {
  for (const part of GENERATED_PARTS) {
    const current = currentText(part.file);
    const next = await regenerated(part, current);
    if (next !== current) {
      writeFileSync(part.file, next);
      process.stdout.write(`wrote ${part.file}\n`);
    }
  }
}

if (require.main === module) {
  void main();
}
