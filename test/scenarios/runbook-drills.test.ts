import { describe, expect, test } from "@jest/globals";
import { loadDrill } from "../../src/sandbox/drill/load-drill.js";
import { runDrill } from "../../src/sandbox/drill/run-drill.js";
import type { SimulationResult } from "../../src/schemas/simulation-result.js";

const play = async (file: string): Promise<SimulationResult> => runDrill(await loadDrill(`drills/${file}`));
const failedExpectations = (r: SimulationResult) => r.expectations.filter((e) => !e.passed);
const routes = (r: SimulationResult) => r.apiCalls.map((c) => `${c.method} ${c.route}`);

describe("runbooks carried out by the app, in the sandbox", () => {
  test("a flaky CI failure is re-run once through the gate; the failed re-run is left to humans", async () => {
    const result = await play("ci-flaky-rerun-once.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(routes(result).filter((r) => r === "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs")).toHaveLength(1);
    // the gate read its facts (recent bot pull requests, the kill-switch label) before the re-run
    expect(routes(result)).toContain("GET /repos/{owner}/{repo}/pulls");
  });
});
