/**
 * The committed programs as they run once prod's keys are rotated by Pulumi ESC: config
 * overrides for `runProgram`, shared by the ESC and rotator specs.
 */
import { isRecord } from "../../config/json";
import { BOOTSTRAP } from "../../tools/paths";
import { stackFileConfig } from "../../tools/runner/program";

/** prod's stack config: the stack creates no key of its own. */
export const ESC_MODE_PROD = { accessKey: false };

/** The bootstrap's committed config, prod's environment with ESC rotation on. */
function withProdEscRotation(): { readonly environments: Record<string, unknown> } {
  const environments = stackFileConfig("admin", BOOTSTRAP)[
    "iam-bucket-access-bootstrap:environments"
  ];
  if (!isRecord(environments) || !isRecord(environments.prod)) {
    throw new Error("bootstrap/Pulumi.admin.yaml sets no environments.prod");
  }
  return { environments: { ...environments, prod: { ...environments.prod, escRotation: true } } };
}

/** The bootstrap's config: the committed environments, prod with its ESC rotator role. */
export const ESC_MODE_BOOTSTRAP = withProdEscRotation();
