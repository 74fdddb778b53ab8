/**
 * `npm test`: every `check:*` script of package.json (specs; type check and lint; format), side
 * by side in as many lanes as the machine has CPUs, each lane taking the next script in
 * package.json's order when its last one ends. The specs come first and take longest, so one lane
 * runs them while the others run the rest. Each check's output is held back and printed whole
 * when it fails; a passing check prints one line with its time and its last line of output.
 * Exit code 1 when any check fails.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { delimiter, join } from "node:path";
import { ROOT } from "./paths";

const PREFIX = "check:";

/** A check: its name (the script's, without `check:`) and its shell command. */
export interface Check {
  readonly name: string;
  readonly command: string;
}

/** How a check ended. */
export interface CheckResult extends Check {
  readonly passed: boolean;
  readonly seconds: number;
  readonly output: string;
}

/** The `check:*` scripts of a package.json, in their order there. */
export function checksOf(scripts: Readonly<Record<string, string>>): Check[] {
  return Object.entries(scripts)
    .filter(([name]) => name.startsWith(PREFIX))
    .map(([name, command]) => ({ name: name.slice(PREFIX.length), command }));
}

/** What is printed for a finished check: one line when it passed, its whole output when not. */
export function reportOf(result: CheckResult, width: number): string {
  const lines = result.output.trimEnd().split("\n");
  const head = `${result.passed ? "ok  " : "FAIL"} ${result.name.padEnd(width)} ${result.seconds.toFixed(1).padStart(5)} s`;
  if (result.passed) {
    const last = lines[lines.length - 1].trim();
    return last === "" ? `${head}\n` : `${head}  ${last}\n`;
  }
  return `${head}  ${result.command}\n${lines.map((line) => `  ${line}`).join("\n")}\n`;
}

/**
 * Runs one check as npm would run the script: a shell, with the project's bins on PATH. Node's
 * compile cache keeps the bytecode of every module loaded, a second off each later start.
 */
function run(check: Check): Promise<CheckResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(check.command, {
      cwd: ROOT,
      shell: true,
      env: {
        NODE_COMPILE_CACHE: join(ROOT, "node_modules", ".cache", "node-compile-cache"),
        ...process.env,
        PATH: `${join(ROOT, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) =>
      resolve({
        ...check,
        passed: code === 0,
        seconds: (performance.now() - started) / 1000,
        output,
      }),
    );
  });
}

/** Runs the checks in lanes, calling back as each one ends; resolves to all of them, in order. */
export async function runInLanes<T>(
  checks: readonly Check[],
  lanes: number,
  runOne: (check: Check) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < checks.length) {
      const index = next++;
      results[index] = await runOne(checks[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, checks.length) }, lane));
  return results;
}

/**
 * Runs the checks, printing each as it ends and then the outcome; resolves to the exit code:
 * 0 when every check passed, 1 otherwise.
 */
export async function runChecks(
  checks: readonly Check[],
  lanes: number,
  out: { write(text: string): unknown },
): Promise<number> {
  const width = Math.max(...checks.map((check) => check.name.length));
  const started = performance.now();
  const results = await runInLanes(checks, lanes, async (check) => {
    const result = await run(check);
    out.write(reportOf(result, width));
    return result;
  });
  const failed = results.filter((result) => !result.passed).map((result) => result.name);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out.write(
    failed.length === 0
      ? `all ${results.length} checks passed in ${seconds} s\n`
      : `failed: ${failed.join(", ")} (${seconds} s)\n`,
  );
  return failed.length === 0 ? 0 : 1;
}

if (require.main === module) {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  void runChecks(checksOf(scripts), availableParallelism(), process.stdout).then(
    (code) => (process.exitCode = code),
  );
}
