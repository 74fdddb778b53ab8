/**
 * One evaluation of the program with N identities under the mocks: prints {n, ms, rssMb,
 * resources}. The modules are loaded before timing, so the time is evaluation alone.
 */
import "../../components";
import { runProgram } from "../runner/program";

async function main(): Promise<void> {
  const n = Number(process.argv[2]);
  const identities = Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`app-${i}`, { prefixes: [`app-${i}/`] }]),
  );
  const started = performance.now();
  const { registrations } = await runProgram("dev", { identities });
  const ms = performance.now() - started;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ n, ms, rssMb, resources: registrations.length })}\n`);
}

void main();
