/**
 * The iam-bucket-access guardrails pack: `pulumi preview --policy-pack policy
 * --policy-pack-config <file>`, the file naming the stack's `accountId` (docs/guardrails.md).
 * Only registers the rules; the PolicyPack constructor starts the analyzer server, so tests
 * import `policies.ts` instead of this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { GUARDRAILS } from "./policies";

new PolicyPack("iam-bucket-access-guardrails", { policies: GUARDRAILS });
