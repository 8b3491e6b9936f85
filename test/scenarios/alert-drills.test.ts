import { describe, expect, test } from "@jest/globals";
import { loadDrill } from "../../src/sandbox/drill/load-drill.js";
import { runDrill } from "../../src/sandbox/drill/run-drill.js";
import type { SimulationResult } from "../../src/schemas/simulation-result.js";
import { failedExpectations, writes } from "./support/rollback-result.js";

const play = async (file: string): Promise<SimulationResult> => runDrill(await loadDrill(`drills/${file}`));

describe("alert drills, played end to end in the sandbox", () => {
  test("an HA pair's doubled firing, repeat and resolved posts make one issue: created, then closed once with one comment", async () => {
    const result = await play("alerts-ha-pair-no-duplicates.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(result.webhooks.map((w) => w.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(writes(result)).toEqual([
      "POST /repos/{owner}/{repo}/issues",
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    ]);
    const [issue] = result.issues;
    expect(issue?.body).toContain("all 2 alerts resolved");
    expect(issue?.comments.map((c) => c.user)).toEqual(["agenticops[bot]"]);
  });

  test("an alert no route matches is answered 202, logged with its labels, and costs no GitHub request", async () => {
    const result = await play("alerts-no-route.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(result.webhooks.map((w) => [w.event, w.status])).toEqual([["alert:alertmanager", 202]]);
    expect(result.apiCalls).toEqual([]);
  });

  test("refused posts (401, 400 naming the path, 415) change nothing", async () => {
    const result = await play("alerts-unauthenticated-and-malformed.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(result.webhooks.map((w) => w.status)).toEqual([401, 401, 400, 400, 415]);
    expect(result.apiCalls).toEqual([]);
    expect(result.issues).toEqual([]);
  });

  test("truncated Alertmanager posts: the issue counts what was left out, and the next post updates it in place", async () => {
    const result = await play("alerts-truncated.yml");
    expect(failedExpectations(result)).toEqual([]);
    expect(writes(result)).toEqual(["POST /repos/{owner}/{repo}/issues", "PATCH /repos/{owner}/{repo}/issues/{issue_number}"]);
    expect(result.issues[0]?.body).toContain("> 30 more alerts were not sent by Alertmanager (its `max_alerts` limit), so they are not listed here.");
    expect(result.issues[0]?.body).not.toContain("12 more alerts");
  });
});
