/** Assertions the specs share. */
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert/strict";
import type { PolicyDocument } from "../iam/policyDocument";
import { registrations } from "./mocks";

/** The inputs the engine received for the one registration of a type; fails on none or several. */
export function inputsOfOnly(type: string): Readonly<Record<string, unknown>> {
  const matches = registrations.filter((r) => r.type === type);
  assert.equal(matches.length, 1, `${matches.length} registrations of ${type}`);
  return matches[0].inputs;
}

/** A stack output that must be an Output; fails the test otherwise. */
export function outputOf(
  outputs: Readonly<Record<string, unknown>>,
  name: string,
): pulumi.Output<unknown> {
  const value = outputs[name];
  if (!pulumi.Output.isInstance(value)) {
    throw new Error(`stack output ${name} is not an Output: ${String(value)}`);
  }
  return value;
}

/** A policy document as the engine received it (its JSON text), parsed for assertions. */
export function parsedPolicy(json: unknown): PolicyDocument {
  return JSON.parse(String(json)) as PolicyDocument;
}
