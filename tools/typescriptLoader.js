// How Node.js loads the project's TypeScript for the specs and the tools: sucrase strips the
// types and turns imports into require calls, keeping every line where it was (so a stack trace
// points at the right line without source maps). Its output for each file is kept in
// node_modules/.cache/sucrase under a digest of sucrase's version, this loader and the file's
// text, so a file is transformed again only once it changes; sucrase/register has no such cache.
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const { addHook } = require("pirates");
const { transform } = require("sucrase");
const { version } = require("sucrase/package.json");

const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "sucrase");
const OPTIONS = { transforms: ["imports", "typescript"] };
// This file is in the digest too, so a change to how it transforms is never hidden by the cache.
const SALT = `${version}\0${readFileSync(__filename, "utf8")}\0`;

/**
 * @param {string} code a TypeScript file's text
 * @param {string} filePath its path
 * @returns {string} the JavaScript Node.js runs
 */
function transformed(code, filePath) {
  const digest = createHash("sha256").update(SALT).update(code).digest("hex");
  const cached = path.join(CACHE, `${digest}.js`);
  try {
    return readFileSync(cached, "utf8");
  } catch {
    const output = transform(code, { ...OPTIONS, filePath }).code;
    mkdirSync(CACHE, { recursive: true });
    // Renamed into place whole, so a process reading it at the same time never sees half.
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, output);
    renameSync(partial, cached);
    return output;
  }
}

addHook(transformed, { exts: [".ts"] });
