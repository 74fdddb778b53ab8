/**
 * Where the repository's projects are. Imports nothing heavier than `node:path`, so that tools
 * started on their own (`npm test`'s runner, the benchmark) find the repository without loading
 * Pulumi and the mocks.
 */
import { join } from "node:path";

/** The repository's root: the main project. */
export const ROOT = join(__dirname, "..");

/** The bootstrap project. */
export const BOOTSTRAP = join(ROOT, "bootstrap");
