/**
 * The text of config/userArgTypes.ts: `BucketAccessUser`'s argument interfaces, each field with
 * the doc comment and `@default` the settings table declares, and the settings with every
 * default applied. Written by `npm run generate`; the component package's schema is analysed
 * from these interfaces, so its descriptions come from the table too.
 */
import { format, resolveConfig } from "prettier";
import { isLiteralDefault, ValueType } from "../config/keyTable";
import { USER_SETTING_GROUPS, USER_SETTINGS, UserSetting } from "../config/userSettings";
import { ROOT } from "./paths";
import { join } from "node:path";

/** Where the generated interfaces are written. */
export const USER_ARG_TYPES_FILE = join(ROOT, "config", "userArgTypes.ts");

type Group = keyof typeof USER_SETTING_GROUPS;

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
function fieldDoc(spec: UserSetting): string {
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
const groupOf = (field: string): Group | undefined =>
  field.includes(".") ? (field.split(".")[0] as Group) : undefined;

/** One interface member for a setting: optional unless the component requires it. */
function member(spec: UserSetting, resolved: boolean): string {
  const optional = spec.requiredArg || (resolved && hasValueByDefault(spec)) ? "" : "?";
  const type = spec.argType ?? typeText(spec.type);
  return `${fieldDoc(spec)}\nreadonly ${memberName(spec.field)}${optional}: ${type};`;
}

/** Whether the resolved settings always hold a value for the setting. */
function hasValueByDefault(spec: UserSetting): boolean {
  return isLiteralDefault(spec.default) || "from" in spec.default;
}

/** The members of one interface: the top-level settings, or one group's. */
function members(group: Group | undefined, resolved: boolean): string[] {
  const settings = Object.values(USER_SETTINGS) as readonly UserSetting[];
  const lines: string[] = [];
  const placed = new Set<Group>();
  for (const spec of settings) {
    const of = groupOf(spec.field);
    if (resolved && spec.field === "bucket") {
      continue;
    }
    if (of === group) {
      lines.push(member(spec, resolved));
    } else if (group === undefined && of !== undefined && !placed.has(of)) {
      placed.add(of);
      const { interfaceName, description } = USER_SETTING_GROUPS[of];
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

/** The generated file's text, formatted as the repository's Prettier config asks. */
export async function userArgTypesSource(): Promise<string> {
  const groups = Object.entries(USER_SETTING_GROUPS).map(
    ([group, { interfaceName, description }]) =>
      `${docComment([description])}\nexport interface ${interfaceName} {\n` +
      `${members(group as Group, false).join("\n")}\n}`,
  );
  const text = [
    "// Generated from config/userSettings.ts by npm run generate; edit the table, not this file.",
    'import type * as pulumi from "@pulumi/pulumi";',
    'import type { AccessLevel } from "../iam/accessLevels";',
    "",
    groups.join("\n\n"),
    "",
    docComment(["Arguments of a `BucketAccessUser`."]),
    `export interface BucketAccessUserArgs {\n${members(undefined, false).join("\n")}\n}`,
    "",
    docComment(["The arguments other than the bucket, with every default applied."]),
    `export interface ResolvedUserSettings {\n${members(undefined, true).join("\n")}\n}`,
    "",
  ].join("\n");
  const options = await resolveConfig(USER_ARG_TYPES_FILE);
  return format(text, { ...options, filepath: USER_ARG_TYPES_FILE });
}
