/**
 * `npm run bench`: measures, in one run and side by side,
 * 1. `npm test`'s wall time against the floor under it, a Node.js process that only loads the
 *    Pulumi SDKs (`@pulumi/pulumi` and `@pulumi/aws`), and their ratio (target: 6.7x at most);
 * 2. program start to first registered resource, on Pulumi's default type-checking path and
 *    on the project's path (the tsconfig's ts-node transpileOnly), with peak memory;
 * 3. evaluation time and peak memory for 1 to 500 identities under the mocks.
 * Each measurement is a fresh process. Prints one JSON line per result, then a table. Writes
 * the table to tools/bench/results.md only when asked (`--write`), with the commit it measured, and
 * only from a tree whose program files are committed, so the results always name their code.
 * Measures only; asserts nothing.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { messageOf } from "../runner/errorText";
import { ROOT } from "../paths";

const RESULTS = join("tools", "bench", "results.md");

/** How much to measure: the full run for results, or a quick look (well under a minute). */
interface Plan {
  readonly testRuns: number;
  readonly startRuns: number;
  readonly scaleRuns: number;
  readonly identityCounts: readonly number[];
}

const FULL: Plan = { testRuns: 3, startRuns: 5, scaleRuns: 3, identityCounts: [1, 10, 100, 500] };
const QUICK: Plan = { testRuns: 1, startRuns: 1, scaleRuns: 1, identityCounts: [1, 10, 100] };

/** The ratio of npm test's wall time to the floor's that npm test is to stay within. */
const TEST_TO_FLOOR_TARGET = 6.7;

/** Node's compile cache, shared with npm test (its script sets the same directory). */
const COMPILE_CACHE = join(ROOT, "node_modules", ".cache", "node-compile-cache");

const USAGE = `usage: npm run bench -- [--quick] [--write]

Measures npm test against the floor of loading the Pulumi SDKs, program start on both start
paths and evaluation with 1 to 500 identities, each in fresh processes, and prints the results.

  --quick   one sample of each, up to 100 identities (about a minute instead of three to five)
  --write   also write the table to ${RESULTS} with the commit measured; refused when
            tracked files other than ${RESULTS} have uncommitted changes
  --help    print this help
`;

interface Sample {
  readonly ms: number;
  readonly rssMb: number;
}

/** A command line the benchmark does not take: exit code 2, as for the plan. */
class BenchUsageError extends Error {}

/** The options of a command line; throws on anything else. */
export function benchOptions(args: readonly string[]): {
  plan: Plan;
  write: boolean;
  help: boolean;
} {
  let values: { quick?: boolean; write?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        quick: { type: "boolean" },
        write: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchUsageError(`${messageOf(error)}\n\n${USAGE}`);
  }
  return {
    plan: values.quick === true ? QUICK : FULL,
    write: values.write === true,
    help: values.help === true,
  };
}

/** Why results may not be written: tracked files (besides the results) with changes. */
export function writeRefusal(write: boolean, changed: readonly string[]): string | undefined {
  return write && changed.length > 0
    ? `--write measures committed code only; commit or stash first:\n${changed.join("\n")}`
    : undefined;
}

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
}

/** The commit checked out, and the tracked files (other than the results) changed since. */
function checkout(): { commit: string; changed: string[] } {
  const changed = git("status", "--porcelain", "--untracked-files=no")
    .split("\n")
    .filter((line) => line !== "" && line.slice(3) !== RESULTS);
  return { commit: git("rev-parse", "--short=12", "HEAD"), changed };
}

/** Runs a child process and parses the JSON line it prints. */
function measure(args: readonly string[]): Sample & Record<string, number> {
  const stdout = execFileSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Sample & Record<string, number>;
}

/**
 * The floor under npm test: a Node.js process that loads the Pulumi SDKs and nothing else, no
 * TypeScript loader either, then prints its peak RSS. Code given to `node -e`, not a file: a
 * JavaScript file would be linted, and its require of the `@pulumi/aws` root would have the
 * type-aware lint read every AWS service's types, ~2 CPU s of npm test.
 */
const FLOOR_PROGRAM = [
  'require("@pulumi/pulumi");',
  'require("@pulumi/aws");',
  "process.stdout.write(JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024 }));",
].join(" ");

/** The floor: one start of a process that loads the Pulumi SDKs, its wall time and peak RSS. */
function measureFloor(): Sample {
  const started = performance.now();
  const stdout = execFileSync(process.execPath, ["-e", FLOOR_PROGRAM], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE },
  });
  const ms = performance.now() - started;
  return { ms, rssMb: (JSON.parse(stdout) as { rssMb: number }).rssMb };
}

/**
 * One `npm test`, as a developer runs it, timed from start to exit. Its peak RSS is that of
 * several processes at once, which no child's own figure gives: it is not reported.
 * @throws Error with npm test's output when it fails: a failing run measures nothing
 */
function measureNpmTest(): number {
  const started = performance.now();
  try {
    execFileSync("npm", ["test"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm test failed, so it measures nothing:\n${stdout}${stderr}`, {
      cause: error,
    });
  }
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Prints one result line and returns it. */
function report(name: string, n: number, samples: readonly Sample[]) {
  const result = {
    name,
    n,
    ms: Math.round(median(samples.map((s) => s.ms))),
    rssMb: Math.round(Math.max(...samples.map((s) => s.rssMb))),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result;
}

/**
 * How the time per identity changes from one count of identities to a larger one, in words:
 * it grows, stays, or shrinks (start-up spread over more identities).
 */
export function perIdentityTrend(
  first: { readonly n: number; readonly ms: number },
  last: { readonly n: number; readonly ms: number },
): string {
  const ratio = last.ms / last.n / (first.ms / first.n);
  const change =
    ratio.toFixed(2) === "1.00"
      ? "stays the same"
      : ratio > 1
        ? `grows ${ratio.toFixed(2)}x`
        : `shrinks to ${ratio.toFixed(2)}x`;
  return `Per-identity time from ${first.n} to ${last.n} identities ${change}.`;
}

/** Measures as planned; returns the results table. */
function measureAll(plan: Plan, commit: string): string {
  const loadBefore = loadavg()[0];
  const floorSamples: Sample[] = [];
  const testMs: number[] = [];
  // Alternate the two so that machine noise hits both alike.
  for (let run = 0; run < plan.testRuns; run++) {
    floorSamples.push(measureFloor());
    testMs.push(measureNpmTest());
  }
  const floor = report(
    "floor: require @pulumi/pulumi and @pulumi/aws",
    plan.testRuns,
    floorSamples,
  );
  const npmTest = { name: "npm test", n: plan.testRuns, ms: Math.round(median(testMs)) };
  process.stdout.write(`${JSON.stringify(npmTest)}\n`);
  const ratio = npmTest.ms / floor.ms;
  const loadAfter = loadavg()[0];

  const start = { "type-check": [] as Sample[], project: [] as Sample[] };
  // Alternate the two paths so that machine noise hits both alike.
  for (let run = 0; run < plan.startRuns; run++) {
    for (const mode of ["type-check", "project"] as const) {
      start[mode].push(measure([join("tools", "bench", "startup.js"), mode]));
    }
  }
  const typeCheck = report(
    "start: Pulumi default (type check)",
    plan.startRuns,
    start["type-check"],
  );
  const project = report("start: project (transpile only)", plan.startRuns, start.project);

  const scale = plan.identityCounts.map((n) => {
    const samples = Array.from({ length: plan.scaleRuns }, () =>
      measure(["-r", "./tools/typescriptLoader.js", join("tools", "bench", "scale.ts"), String(n)]),
    );
    return { ...report(`evaluate: ${n} identities`, n, samples), resources: samples[0].resources };
  });
  const [first, last] = [scale[1] ?? scale[0], scale[scale.length - 1]];

  return [
    `Measured ${new Date().toISOString().slice(0, 10)} at commit ${commit} on ${cpus().length} CPUs, ` +
      `Node.js ${process.version}; medians of ${plan.testRuns} (npm test, floor), ` +
      `${plan.startRuns} (start) and ${plan.scaleRuns} (evaluate) fresh processes, peak RSS the ` +
      `highest. Load average (1 min) ${loadBefore.toFixed(1)} before npm test and the floor, ` +
      `${loadAfter.toFixed(1)} after.`,
    "",
    "| npm test against the floor | ms | peak RSS MB |",
    "| --- | ---: | ---: |",
    `| Floor: a Node.js process that requires @pulumi/pulumi and @pulumi/aws | ${floor.ms} | ${floor.rssMb} |`,
    `| npm test: type check, lint, format, every spec | ${npmTest.ms} | |`,
    `| Ratio (target ${TEST_TO_FLOOR_TARGET}x at most) | ${ratio.toFixed(1)}x | |`,
    "",
    "| Start to first registered resource | ms | peak RSS MB |",
    "| --- | ---: | ---: |",
    `| Pulumi's default path (ts-node type check) | ${typeCheck.ms} | ${typeCheck.rssMb} |`,
    `| Project path (tsconfig ts-node transpileOnly) | ${project.ms} | ${project.rssMb} |`,
    `| Ratio | ${(typeCheck.ms / project.ms).toFixed(1)}x | ${(typeCheck.rssMb / project.rssMb).toFixed(1)}x |`,
    "",
    "| Identities | Resources | Evaluate ms | ms per identity | peak RSS MB |",
    "| ---: | ---: | ---: | ---: | ---: |",
    ...scale.map(
      (row) =>
        `| ${row.n} | ${row.resources} | ${row.ms} | ${(row.ms / row.n).toFixed(1)} | ${row.rssMb} |`,
    ),
    "",
    perIdentityTrend(first, last),
  ].join("\n");
}

function main(args: readonly string[]): number {
  try {
    const options = benchOptions(args);
    if (options.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const { commit, changed } = checkout();
    const refusal = writeRefusal(options.write, changed);
    if (refusal !== undefined) {
      throw new Error(refusal);
    }
    const table = measureAll(
      options.plan,
      changed.length === 0 ? commit : `${commit} with uncommitted changes`,
    );
    process.stdout.write(`\n${table}\n`);
    if (options.write) {
      writeFileSync(join(ROOT, RESULTS), `# Benchmark results\n\n${table}\n`);
      process.stdout.write(`\nwrote ${RESULTS}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`bench: ${messageOf(error)}\n`);
    return error instanceof BenchUsageError ? 2 : 1;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
