/**
 * The oldest Pulumi CLI the program runs on: 3.226 is the first whose engine fires a
 * `replacementTrigger` only when the trigger's own value changes, not when a resource it
 * depends on changes, so an access key is replaced when its generation is bumped and never
 * as a side effect of another update. The README and docs/ name this version.
 */
export const MINIMUM_PULUMI_CLI = "3.226.0";
