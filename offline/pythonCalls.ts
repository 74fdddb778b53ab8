/**
 * Reads the calls a Python program makes into a generated Pulumi SDK, as plain values keyed the
 * way the package schema names them, so the program can be checked against the schema without a
 * Python interpreter. It reads the literal forms examples use: text, numbers, True and False,
 * lists, enum members and nested `…Args(…)` calls.
 */

/** One call into the SDK: the class called and its keyword arguments, in schema terms. */
export interface SdkCall {
  /** The class, e.g. `BucketAccessUser` or `ConsoleSettingsArgs`. */
  readonly name: string;
  /** The logical name for a resource (the first positional argument), if any. */
  readonly resourceName?: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** `user_name` → `userName`: how Python SDKs name schema properties. */
function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** `READ_WRITE` → `ReadWrite`: how Python SDKs name schema enum members. */
export function enumMemberName(upper: string): string {
  return upper
    .toLowerCase()
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** Splits text at top-level commas (outside brackets and quotes). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = "";
  for (const char of text) {
    if (quote !== undefined) {
      quote = char === quote ? undefined : quote;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if ("([{".includes(char)) {
      depth += 1;
    } else if (")]}".includes(char)) {
      depth -= 1;
    } else if (char === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += char;
  }
  return [...parts, current.trim()].filter((part) => part !== "");
}

/** The text between a call's parentheses, from the one opening at `start`. */
function argumentsFrom(source: string, start: number): string {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    depth += source[i] === "(" ? 1 : source[i] === ")" ? -1 : 0;
    if (depth === 0) {
      return source.slice(start + 1, i);
    }
  }
  throw new Error("a call without its closing parenthesis");
}

/**
 * The value of a literal Python expression of an example.
 * @param module the SDK module's name in the program, e.g. `iam_bucket_access`
 * @param enumValue the value of `<module>.<Enum>.<MEMBER>`, from the schema
 */
function literal(
  expression: string,
  module: string,
  enumValue: (enumName: string, member: string) => string | undefined,
): unknown {
  const text = expression.trim();
  if (/^(["']).*\1$/s.test(text)) {
    return text.slice(1, -1);
  }
  if (text === "True" || text === "False") {
    return text === "True";
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  if (text.startsWith("[")) {
    return splitTopLevel(text.slice(1, -1)).map((item) => literal(item, module, enumValue));
  }
  const member = new RegExp(`^${module}\\.(\\w+)\\.([A-Z0-9_]+)$`).exec(text);
  if (member !== null) {
    return enumValue(member[1], enumMemberName(member[2]));
  }
  const call = new RegExp(`^${module}\\.(\\w+)\\(`).exec(text);
  if (call !== null) {
    return keywordValues(argumentsFrom(text, call[0].length - 1), module, enumValue).values;
  }
  throw new Error(`an expression the example check does not read: ${text}`);
}

/** A call's positional name and keyword arguments. */
function keywordValues(
  args: string,
  module: string,
  enumValue: (enumName: string, member: string) => string | undefined,
): { resourceName?: string; values: Record<string, unknown> } {
  const values: Record<string, unknown> = {};
  let resourceName: string | undefined;
  for (const part of splitTopLevel(args)) {
    const keyword = /^(\w+)\s*=(?!=)\s*([\s\S]*)$/.exec(part);
    if (keyword === null) {
      resourceName = String(literal(part, module, enumValue));
    } else {
      values[camelCase(keyword[1])] = literal(keyword[2], module, enumValue);
    }
  }
  return { resourceName, values };
}

/** Every call a program makes into the SDK module, nested `…Args(…)` calls included. */
export function sdkCalls(
  source: string,
  module: string,
  enumValue: (enumName: string, member: string) => string | undefined,
): SdkCall[] {
  return [...source.matchAll(new RegExp(`${module}\\.(\\w+)\\(`, "g"))].map((match) => ({
    name: match[1],
    ...keywordValues(
      argumentsFrom(source, (match.index ?? 0) + match[0].length - 1),
      module,
      enumValue,
    ),
  }));
}
