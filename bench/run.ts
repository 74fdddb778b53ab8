/**
 * `npm run bench`: measures, in one run and side by side,
 * 1. program start to first registered resource, on Pulumi's default type-checking path and
 *    on the project's path (the tsconfig's ts-node transpileOnly), with peak memory;
 * 2. evaluation time and peak memory for 1, 10, 100 and 500 identities under the mocks.
 * Each measurement is a fresh process. Prints one JSON line per result, then a table, and
 * writes the table to bench/results.md. Measures only; asserts nothing.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const START_RUNS = 5;
const SCALE_RUNS = 3;
const IDENTITY_COUNTS = [1, 10, 100, 500];

interface Sample {
  readonly ms: number;
  readonly rssMb: number;
}

/** Runs a child process and parses the JSON line it prints. */
function measure(args: readonly string[]): Sample & Record<string, number> {
  const stdout = execFileSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
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

function main(): void {
  const start = { "type-check": [] as Sample[], project: [] as Sample[] };
  // Alternate the two paths so that machine noise hits both alike.
  for (let run = 0; run < START_RUNS; run++) {
    for (const mode of ["type-check", "project"] as const) {
      start[mode].push(measure([join("bench", "startup.js"), mode]));
    }
  }
  const typeCheck = report("start: Pulumi default (type check)", START_RUNS, start["type-check"]);
  const project = report("start: project (transpile only)", START_RUNS, start.project);

  const scale = IDENTITY_COUNTS.map((n) => {
    const samples = Array.from({ length: SCALE_RUNS }, () =>
      measure(["-r", "ts-node/register/transpile-only", join("bench", "scale.ts"), String(n)]),
    );
    return { ...report(`evaluate: ${n} identities`, n, samples), resources: samples[0].resources };
  });
  const perIdentity = (n: number) => {
    const row = scale.find((r) => r.n === n);
    return row === undefined ? NaN : row.ms / n;
  };
  const growth = perIdentity(500) / perIdentity(10);

  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} CPUs, Node.js ${process.version}; ` +
      `medians of ${START_RUNS} (start) and ${SCALE_RUNS} (evaluate) fresh processes, peak RSS the highest.`,
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
    `Per-identity time from 10 to 500 identities grows ${growth.toFixed(2)}x.`,
  ].join("\n");
  process.stdout.write(`\n${table}\n`);
  writeFileSync(join(ROOT, "bench", "results.md"), `# Benchmark results\n\n${table}\n`);
}

main();
