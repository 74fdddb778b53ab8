// The floor under npm test: a Node.js process that loads the Pulumi SDKs the program and the
// specs load, and nothing else. Prints {rssMb} when loaded; the benchmark times the process.
// Plain JavaScript, so that no TypeScript loader is part of the floor.
"use strict";
require("@pulumi/pulumi");
require("@pulumi/aws");
process.stdout.write(`${JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
