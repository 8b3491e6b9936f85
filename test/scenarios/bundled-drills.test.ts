import { describe, expect, test } from "@jest/globals";
import { loadDrill } from "../../src/sandbox/drill/load-drill.js";
import { runDrill } from "../../src/sandbox/drill/run-drill.js";
import type { SimulationResult } from "../../src/schemas/simulation-result.js";

const play = async (file: string): Promise<SimulationResult> => runDrill(await loadDrill(`drills/${file}`));
const failedExpectations = (r: SimulationResult) => r.expectations.filter((e) => !e.passed);

describe("bundled drills, played end to end in the sandbox", () => {
  test("a failed deploy delivered twice opens exactly one incident issue with the explaining log lines", async () => {
    const result = await play("failed-deploy-incident.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(result.webhooks).toHaveLength(2);
    expect(new Set(result.webhooks.map((w) => w.delivery)).size).toBe(1);
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0]!;
    expect(issue.body).toContain('error: deployment "shop" exceeded its progress deadline');
    expect(issue.body).toMatch(/<!-- agenticops:v1 \{"incident":"inc-[0-9a-f]{12}","kind":"incident-issue","detectedAt":"[^"]+","environment":"production"\} -->/);
    // the bot authenticated as an installation and only read the job log through the 302 redirect route
    const routes = result.apiCalls.map((c) => `${c.method} ${c.route}`);
    expect(routes).toContain("POST /app/installations/{installation_id}/access_tokens");
    expect(routes).toContain("GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs");
    expect(routes.filter((r) => r === "POST /repos/{owner}/{repo}/issues")).toHaveLength(1);
  });

  test("a repository without .github/agenticops.yml gets no writes at all", async () => {
    const result = await play("no-config-no-action.yml");
    expect(failedExpectations(result)).toEqual([]);
    const writes = result.apiCalls.filter((c) => c.method !== "GET" && !c.path.endsWith("/access_tokens"));
    expect(writes).toEqual([]);
  });

  test("latency, a 502 and a secondary rate limit are survived with one diagnosis comment and no duplicate", async () => {
    const result = await play("ci-failure-under-rate-limits.yml");
    expect(failedExpectations(result)).toEqual([]);
    const creates = result.apiCalls.filter((c) => c.method === "POST" && c.route === "/repos/{owner}/{repo}/commits/{commit_sha}/comments");
    expect(creates.map((c) => c.status)).toEqual([403, 201]);
    const jobLists = result.apiCalls.filter((c) => c.route === "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs");
    expect(jobLists.map((c) => c.status)).toEqual([502, 200]);
    expect(result.apiCalls.some((c) => c.method === "POST" && c.route === "/repos/{owner}/{repo}/issues")).toBe(false);
    expect(result.issues).toHaveLength(0);
  });

  test("a default-branch CI failure ranks the commits since CI last passed and links the seeded past incident", async () => {
    const result = await play("ci-default-branch-suspects.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ number: 1, seeded: true, state: "closed", labels: ["agenticops"] })]);
    const routes = result.apiCalls.map((c) => `${c.method} ${c.route}`);
    // the suspect range costs one runs call and one compare call, nothing per commit
    expect(routes.filter((r) => r === "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs")).toHaveLength(1);
    expect(routes.filter((r) => r === "GET /repos/{owner}/{repo}/compare/{base}...{head}")).toHaveLength(1);
    expect(routes.filter((r) => r === "GET /repos/{owner}/{repo}/commits/{ref}")).toHaveLength(0);
    const [comment] = result.commitComments;
    expect(comment?.body).toMatch(/\| `[0-9a-f]{7}` \| feat: round cart totals for display \| eve \| [^|]*only commit in the range \|/);
  });
});
