/**
 * The properties an interface or class declares, read from its TypeScript source by the
 * compiler's parser alone (no type check): what the component specs hold the package's schema
 * against, so that the schema is compared with the components and not with itself.
 */
import * as ts from "typescript";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../tools/paths";

/**
 * One declared property: its name, whether it may be absent, its type as written, and the text
 * of its doc comment's `@default` tag, if it has one.
 */
export interface DeclaredMember {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
  readonly documentedDefault?: string;
}

/**
 * The properties of an exported interface or class, in declaration order.
 * @param file the source, relative to the repository
 * @throws Error when the file declares no interface or class of that name
 */
export function typeScriptMembers(file: string, declaration: string): DeclaredMember[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const found = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration | ts.ClassDeclaration =>
      (ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) &&
      statement.name?.text === declaration,
  );
  if (found === undefined) {
    throw new Error(`${file} declares no interface or class ${declaration}`);
  }
  const members: ts.Node[] = [...found.members];
  return members
    .filter(
      (member): member is ts.PropertySignature | ts.PropertyDeclaration =>
        ts.isPropertySignature(member) || ts.isPropertyDeclaration(member),
    )
    .map((member) => {
      const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === "default");
      return {
        name: member.name.getText(source),
        optional: member.questionToken !== undefined,
        type: member.type?.getText(source) ?? "",
        ...(tag === undefined
          ? {}
          : { documentedDefault: (ts.getTextOfJSDocComment(tag.comment) ?? "").trim() }),
      };
    });
}
