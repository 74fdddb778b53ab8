import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GUARDRAILS } from "../policy/policies";
import { ROOT } from "../tools/paths";

/** The rule name and level of each row of a Markdown table whose first column names a rule. */
function ruleRows(file: string): [string, string][] {
  return [
    ...readFileSync(join(ROOT, file), "utf8").matchAll(
      /^\| `([a-z0-9-]+)` \| (mandatory|advisory|remediate|disabled) \|/gm,
    ),
  ].map((match) => [match[1], match[2]]);
}

describe("the pack's table", () => {
  const rules = GUARDRAILS.map((policy) => [policy.name, policy.enforcementLevel]);

  it("in docs/guardrails.md list every rule with its enforcement level, in the pack's order", () => {
    assert.deepEqual(ruleRows("docs/guardrails.md"), rules);
  });
});
