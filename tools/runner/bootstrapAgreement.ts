/**
 * Reads a stack file of the project and every stack file of `bootstrap/` as the CLI would pass
 * them, and reports where they disagree: what `npm test` and `npm run plan` check before a stack
 * could fail at its first deployment.
 */
import { parseBootstrapConfig } from "../../bootstrap/config/bootstrapConfig";
import { stackDisagreements } from "../../bootstrap/config/stackAgreement";
import { parseStackConfig } from "../../config/stackConfig";
import { projectName, stackConfig, stackNames } from "./program";
import { BOOTSTRAP } from "../paths";

/**
 * Every disagreement between a stack's config (with overrides, as `--config` takes them) and
 * the bootstrap environments made for it, each line naming both files: either may be changed.
 * @param bootstrapOverrides by bootstrap stack, config key → value over its stack file (as
 *   `npm run plan`'s `--bootstrap-config` gives them)
 * @throws Error when either config is itself invalid
 */
export function bootstrapDisagreements(
  stack: string,
  overrides: Readonly<Record<string, unknown>> = {},
  bootstrapOverrides: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
): string[] {
  const project = projectName();
  const where = { project, stack };
  const settings = parseStackConfig(stackConfig(stack, overrides), where);
  const environments = stackNames(BOOTSTRAP).flatMap((bootstrapStack) => {
    const bootstrap = parseBootstrapConfig(
      stackConfig(bootstrapStack, bootstrapOverrides[bootstrapStack] ?? {}, BOOTSTRAP),
      projectName(BOOTSTRAP),
    );
    return bootstrap.environments
      .filter((environment) => environment.stack === stack)
      .map((environment) => ({
        file: `bootstrap/Pulumi.${bootstrapStack}.yaml`,
        environment,
        bootstrap,
      }));
  });
  const disagree = (file: string) => `Pulumi.${stack}.yaml and ${file} disagree`;
  if (environments.length === 0) {
    return stackDisagreements(where, settings, undefined, { githubActionsOidc: false }).map(
      (problem) => `${disagree("bootstrap/Pulumi.*.yaml")}: ${problem}`,
    );
  }
  return environments.flatMap(({ file, environment, bootstrap }) =>
    stackDisagreements(where, settings, environment, bootstrap).map(
      (problem) => `${disagree(file)}: ${problem}`,
    ),
  );
}
