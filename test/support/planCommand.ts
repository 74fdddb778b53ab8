/** `npm run plan` as the specs run it. */
import * as assert from "node:assert/strict";
import * as plans from "../../tools/plan";

/** Runs `npm run plan -- <args>` as the command does, in this process, collecting its output. */
export async function planCommand(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await plans.main(
    args,
    { write: (text: string) => (stdout += text) },
    { write: (text: string) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

/** The plan `npm run plan -- <args> --json` prints; fails the test unless the command succeeds. */
export async function jsonPlan(...args: string[]): Promise<plans.Plan> {
  const { code, stdout, stderr } = await planCommand(...args, "--json");
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as plans.Plan;
}
