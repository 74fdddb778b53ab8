/**
 * The text of a component's generated argument types (config/userArgTypes.ts,
 * config/roleArgTypes.ts): its argument interfaces, each field with the doc comment and
 * `@default` its settings table declares, and the settings with every default applied. Written
 * by `npm run generate`; the component package's schema is analysed from these interfaces, so
 * its descriptions come from the tables too.
 */
import { format, resolveConfig } from "prettier";
import { ArgSetting, ArgSettings } from "../config/argSettings";
import { isLiteralDefault, ValueType } from "../config/keyTable";
import { ROLE_SETTINGS } from "../config/roleSettings";
import { USER_SETTING_GROUPS, USER_SETTINGS } from "../config/userSettings";
import { ROOT } from "./paths";
import { join } from "node:path";

/** A nested argument: the interface it is typed by and what it is. */
interface Group {
  readonly interfaceName: string;
  readonly description: string;
}

/** A component's generated argument types: where they go and what they come from. */
export interface ArgTypes {
  /** The generated file. */
  readonly file: string;
  /** The settings table, and the file that declares it. */
  readonly table: ArgSettings;
  readonly tableFile: string;
  /** Its nested arguments, by the field that holds each. */
  readonly groups: Readonly<Record<string, Group>>;
  /** The types the members name, as import lines. */
  readonly imports: readonly string[];
  /** The component's name. */
  readonly component: string;
  /** The name of the interface of the settings with every default applied. */
  readonly resolved: string;
}

/** `BucketAccessUser`'s argument types. */
export const USER_ARG_TYPES: ArgTypes = {
  file: join(ROOT, "config", "userArgTypes.ts"),
  table: USER_SETTINGS,
  tableFile: "config/userSettings.ts",
  groups: USER_SETTING_GROUPS,
  imports: [
    'import type * as pulumi from "@pulumi/pulumi";',
    'import type { AccessLevel } from "../iam/accessLevels";',
  ],
  component: "BucketAccessUser",
  resolved: "ResolvedUserSettings",
};

/** `BucketAccessRole`'s argument types; its trust's are declared with the trust's rules. */
export const ROLE_ARG_TYPES: ArgTypes = {
  file: join(ROOT, "config", "roleArgTypes.ts"),
  table: ROLE_SETTINGS,
  tableFile: "config/roleSettings.ts",
  groups: {},
  imports: [
    'import type * as pulumi from "@pulumi/pulumi";',
    'import type { AccessLevel } from "../iam/accessLevels";',
    'import type { ResolvedRoleTrust, RoleTrustSettings } from "./roleArgs";',
  ],
  component: "BucketAccessRole",
  resolved: "ResolvedRoleSettings",
};

/** The TypeScript type of a value type. */
function typeText(type: ValueType): string {
  if (typeof type !== "string") {
    return type.map((word) => JSON.stringify(word)).join(" | ");
  }
  switch (type) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "integer":
      return "number";
    case "string-list":
      return "string[]";
    case "string-map":
      return "Readonly<Record<string, string>>";
    case "map":
      return "Readonly<Record<string, unknown>>";
  }
}

/** Words wrapped to lines of at most `width` characters. */
function wrapped(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length + 1 <= width) {
      lines[last] = `${lines[last]} ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines;
}

/** A doc comment of paragraphs and tags, wrapped to fit an indented member. */
function docComment(paragraphs: readonly string[]): string {
  const lines = paragraphs.flatMap((paragraph) => wrapped(paragraph, 92));
  return ["/**", ...lines.map((line) => ` * ${line}`), " */"].join("\n");
}

/** A field's doc comment: what the setting means, and its default unless the field is required. */
function fieldDoc(spec: ArgSetting): string {
  const fallback = spec.default;
  const tag = spec.requiredArg
    ? []
    : [
        `@default ${isLiteralDefault(fallback) ? JSON.stringify(fallback) : `- ${fallback.derived}`}`,
      ];
  return docComment([spec.description, ...tag]);
}

/** The name of a field within its interface: `passwordLength` of `console.passwordLength`. */
const memberName = (field: string) => field.split(".").pop() ?? field;

/** The group a nested field belongs to, if any. */
const groupOf = (field: string): string | undefined =>
  field.includes(".") ? field.split(".")[0] : undefined;

/** One interface member for a setting: optional unless the component requires it. */
function member(spec: ArgSetting, resolved: boolean): string {
  const optional = spec.requiredArg || (resolved && hasValueByDefault(spec)) ? "" : "?";
  const type = (resolved ? spec.resolvedType : undefined) ?? spec.argType ?? typeText(spec.type);
  return `${fieldDoc(spec)}\nreadonly ${memberName(spec.field)}${optional}: ${type};`;
}

/** Whether the resolved settings always hold a value for the setting. */
function hasValueByDefault(spec: ArgSetting): boolean {
  return isLiteralDefault(spec.default) || "from" in spec.default;
}

/** The members of one interface: the top-level settings, or one group's. */
function members(types: ArgTypes, group: string | undefined, resolved: boolean): string[] {
  const lines: string[] = [];
  const placed = new Set<string>();
  for (const spec of Object.values(types.table)) {
    const of = groupOf(spec.field);
    if (resolved && spec.field === "bucket") {
      continue;
    }
    if (of === group) {
      lines.push(member(spec, resolved));
    } else if (group === undefined && of !== undefined && !placed.has(of)) {
      placed.add(of);
      const { interfaceName, description } = types.groups[of];
      lines.push(
        resolved
          ? `${docComment([description])}\nreadonly ${of}: Required<${interfaceName}>;`
          : `${docComment([description, "@default - the default of each of its settings"])}\n` +
              `readonly ${of}?: ${interfaceName};`,
      );
    }
  }
  return lines;
}

/** A generated file's text, formatted as the repository's Prettier config asks. */
export async function argTypesSource(types: ArgTypes): Promise<string> {
  const groups = Object.entries(types.groups).map(
    ([group, { interfaceName, description }]) =>
      `${docComment([description])}\nexport interface ${interfaceName} {\n` +
      `${members(types, group, false).join("\n")}\n}\n`,
  );
  const text = [
    `// Generated from ${types.tableFile} by npm run generate; edit the table, not this file.`,
    ...types.imports,
    "",
    ...groups,
    docComment([`Arguments of a \`${types.component}\`.`]),
    `export interface ${types.component}Args {\n${members(types, undefined, false).join("\n")}\n}`,
    "",
    docComment(["The arguments other than the bucket, with every default applied."]),
    `export interface ${types.resolved} {\n${members(types, undefined, true).join("\n")}\n}`,
    "",
  ].join("\n");
  const options = await resolveConfig(types.file);
  return format(text, { ...options, filepath: types.file });
}
