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

describe("runbooks for alert incidents, in the sandbox", () => {
  test("a crash loop right after a deploy: one incident issue and one rollback pull request that reverts the deployed commit and links the issue", async () => {
    const result = await play("alerts-crashloop-after-deploy-rollback.yml");
    expect(failedExpectations(result)).toEqual([]);
    const [pull] = result.pullRequests;
    expect(pull!.head).toMatch(/^agenticops\/inc-[0-9a-f]{12}$/);
    expect(pull!.body).toContain("Refs #1");
    expect(pull!.commits.map((c) => c.message)).toEqual([expect.stringMatching(/Agenticops-Runbook: crashloop-after-deploy-rollback/)]);
    // the incident issue links its one pull request
    expect(result.issues[0]!.body).toContain("#2");
  });

  test("a scale-up beyond the repository's bound: denied before any write, reported once on the incident", async () => {
    const result = await play("alerts-scale-up-beyond-bound-denied.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(routes(result)).not.toContain("POST /repos/{owner}/{repo}/git/refs");
    expect(routes(result)).not.toContain("POST /repos/{owner}/{repo}/pulls");
  });

  test("an alert that resolves before the hold is over gets no pull request and no branch", async () => {
    const result = await play("alerts-self-resolved-no-pr.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(routes(result)).not.toContain("POST /repos/{owner}/{repo}/git/refs");
  });

  test.each(["alerts-oomkilled-raise-memory.yml", "alerts-step-budget-stops-loop.yml", "alerts-kill-switch-mid-incident.yml", "alerts-freeze-needs-approval.yml"])("%s", async (file) => {
    const result = await play(file);
    expect(failedExpectations(result)).toEqual([]);
    // never more than one remediation branch was created
    expect(routes(result).filter((r) => r === "POST /repos/{owner}/{repo}/git/refs")).toHaveLength(1);
  });
});
