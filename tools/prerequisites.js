// What `npm test` needs before it can start (package.json's pretest): the Node.js that
// package.json's engines names, and the dependencies installed. Plain JavaScript, so that any
// Node.js runs it and says in one line what to do, where the test runner would print a stack
// trace from deep inside a module it cannot load.
"use strict";
const { existsSync, readFileSync } = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const { engines } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const required = Number(/^>=(\d+)/.exec(String(engines.node))[1]);
const major = Number(process.versions.node.split(".")[0]);
// The npm registry ships Node.js itself as node-<platform>-<arch>, which .ci/run installs.
const nodePackage = `node-${process.platform === "win32" ? "win" : process.platform}-${process.arch}`;

const problem =
  major < required
    ? `npm test needs Node.js ${required} or newer, and this is ${process.version}: run ` +
      `\`nvm install\` (it reads .nvmrc), or without nvm \`npm install --prefix ` +
      `.tools/node${required} ${nodePackage}@${required}\` and put ` +
      `.tools/node${required}/node_modules/${nodePackage}/bin first on PATH, as .ci/run does; ` +
      "then npm ci"
    : // npm ci and npm install write this file once the dependencies are in place.
      existsSync(path.join(root, "node_modules", ".package-lock.json"))
      ? undefined
      : "npm test needs the dependencies installed: run npm ci first";

if (problem !== undefined) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
}
