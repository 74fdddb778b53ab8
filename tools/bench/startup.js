// One start of the program the way Pulumi's Node.js runtime starts it: ts-node registered with
// the options the runtime passes (see @pulumi/pulumi/cmd/run/run.js), then the program run
// under the mocks. Notes the time of the first resource the program registers and, once the
// run is over, prints {ms, rssMb}.
// Plain JavaScript: anything TypeScript would need ts-node registered before the options apply.
"use strict";
const mode = process.argv[2];
if (mode !== "type-check" && mode !== "project") {
  throw new Error("usage: node tools/bench/startup.js type-check|project");
}
require("ts-node").register({
  compiler: "typescript",
  // The runtime passes PULUMI_NODEJS_TRANSPILE_ONLY or the tsconfig's noCheck, both unset here:
  // undefined leaves it to the tsconfig's ts-node section. "type-check" is Pulumi's default
  // for a TypeScript project without one, as PULUMI_NODEJS_TRANSPILE_ONLY=false forces it.
  transpileOnly: mode === "type-check" ? false : undefined,
  project: "tsconfig.json",
  skipProject: false,
  compilerOptions: {},
});
const { registrationListeners } = require("../runner/mocks");
const { runProgram } = require("../runner/program");
let firstRegistrationMs;
registrationListeners.push((registration) => {
  if (registration.type !== "pulumi:pulumi:Stack" && firstRegistrationMs === undefined) {
    firstRegistrationMs = performance.now();
  }
});
runProgram("dev").then(
  () => {
    const rssMb = process.resourceUsage().maxRSS / 1024;
    return process.stdout.write(`${JSON.stringify({ ms: firstRegistrationMs, rssMb })}\n`);
  },
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  },
);
