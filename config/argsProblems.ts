/**
 * How every input problem of the project is found and told: a rule says what is allowed, and a
 * problem names the input (a component argument or a config key), the value and that rule, in
 * one shape: `<label>: got <JSON value>; expected <rule>`. Pure.
 */

/** A rule: the text of what is allowed, or undefined when the value keeps it. */
export type Rule<T> = (value: T) => string | undefined;

/** What one field's values must keep: the value as a whole, and each item of a list. */
export interface FieldRules<T> {
  readonly rule?: Rule<T>;
  readonly itemRule?: Rule<string>;
}

/**
 * Every rule a value breaks, each with the value it is about: each bad item of a list first,
 * then the value as a whole. Config keys and component arguments are checked by this one way.
 */
export function brokenRules<T>(
  rules: FieldRules<T> | undefined,
  value: T,
): { readonly value: unknown; readonly expected: string }[] {
  const items: unknown[] = Array.isArray(value) ? value : [];
  const whole = rules?.rule?.(value);
  return [
    ...items.flatMap((item) => {
      const expected = typeof item === "string" ? rules?.itemRule?.(item) : undefined;
      return expected === undefined ? [] : [{ value: item, expected }];
    }),
    ...(whole === undefined ? [] : [{ value, expected: whole }]),
  ];
}

/** One broken rule: the dotted field of the arguments, the value given and what is allowed. */
export interface ArgsProblem {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
}

/** How every input error reads: `<label>: got <JSON value>; expected <rule>`. */
export function describeProblem(label: string, value: unknown, expected: string): string {
  return `${label}: got ${JSON.stringify(value) ?? "nothing"}; expected ${expected}`;
}

/**
 * Throws one error listing every problem of a component's arguments, labelled `args.<field>`;
 * returns when there are none. Components call it before registering themselves.
 */
export function throwOnArgsProblems(component: string, problems: readonly ArgsProblem[]): void {
  if (problems.length > 0) {
    throw new Error(
      `invalid ${component}:\n` +
        problems
          .map((problem) =>
            describeProblem(`args.${problem.field}`, problem.value, problem.expected),
          )
          .join("\n"),
    );
  }
}

/** A count of one or more: a key generation, a number of days. */
export const checkWholeNumberOfOneOrMore: Rule<number> = (value) =>
  Number.isSafeInteger(value) && value >= 1 ? undefined : "a whole number of 1 or more";
