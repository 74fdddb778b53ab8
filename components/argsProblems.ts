/**
 * How every input problem of the project is found and told: a rule says what is allowed, and a
 * problem names the input (a component argument or a config key), the value and that rule, in
 * one shape: `<label>: got <JSON value>; expected <rule>`. Pure.
 */

/** A rule: the text of what is allowed, or undefined when the value keeps it. */
export type Rule<T> = (value: T) => string | undefined;

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
