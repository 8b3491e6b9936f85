import { pino } from "pino";
import { loadDrills } from "../sandbox/drill/load-drill.js";
import { runDrill } from "../sandbox/drill/run-drill.js";
import type { SimulationResult } from "../schemas/simulation-result.js";
import { renderSimulationSummary } from "./render-simulation-summary.js";

const USAGE = "usage: agenticops simulate <drill.yml | dir ...> [--json] [--log-level=debug|info|warn|error]";
const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

/**
 * `agenticops simulate`: plays each drill in a fresh sandbox with the app in this process.
 * Exit code 0 when every expectation held, 1 otherwise. `--json` prints one object per drill
 * (an object for one drill, an array for several): the public SimulationResult interface.
 */
export const simulateCommand = async (args: string[]): Promise<number> => {
  const json = args.includes("--json");
  const level = args.find((a) => a.startsWith("--log-level="))?.slice("--log-level=".length);
  const paths = args.filter((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--json" && !(a.startsWith("--log-level=") && LEVELS.includes(level ?? "")));
  if (paths.length === 0 || unknown.length > 0) {
    process.stderr.write(`${unknown.length > 0 ? `unknown option ${unknown.join(", ")}\n` : ""}${USAGE}\n`);
    return 2;
  }
  const drills = await loadDrills(paths);
  const results: SimulationResult[] = [];
  for (const drill of drills) {
    // the app's logs go to stderr so `--json` output stays one clean document
    const result = await runDrill(drill, level ? { logger: pino({ level }, pino.destination(2)) } : {});
    results.push(result);
    if (!json) process.stdout.write(`${renderSimulationSummary(result)}\n`);
  }
  if (json) process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
  else {
    const failed = results.filter((r) => !r.passed).length;
    process.stdout.write(`${results.length} drill${results.length === 1 ? "" : "s"} played: ${results.length - failed} passed, ${failed} failed\n`);
  }
  return results.every((r) => r.passed) ? 0 : 1;
};
