/**
 * Text derived from inputs by a slow, deterministic step, kept in a cacache store (npm's own
 * cache library: atomic writes, checked contents) under `node_modules/.cache/<store>`, keyed by
 * a digest of everything the step reads: the step runs again only once an input changes.
 */
import * as cacache from "cacache";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { ROOT } from "./paths";

/** A digest of named inputs: each name and its text. */
export function inputsDigest(inputs: Readonly<Record<string, string>>): string {
  const hash = createHash("sha256");
  for (const [name, text] of Object.entries(inputs)) {
    hash.update(`${name}\0${text}\0`);
  }
  return hash.digest("hex");
}

/**
 * The step's text for inputs of this digest: the kept one, or the step's, kept in place of any
 * earlier (a store holds the result for the latest inputs only).
 */
export async function derivedText(
  store: string,
  digest: string,
  derive: () => Promise<string> | string,
): Promise<string> {
  const dir = join(ROOT, "node_modules", ".cache", store);
  const key = `${store}-${digest}`;
  // A missing or damaged entry alike means: derive again.
  const kept = await cacache.get(dir, key).catch(() => undefined);
  if (kept !== undefined) {
    return kept.data.toString("utf8");
  }
  const text = await derive();
  await cacache.rm.all(dir);
  await cacache.put(dir, key, text);
  return text;
}
