import { describe, expect, test } from "@jest/globals";
import { parseDrill } from "../../src/sandbox/drill/load-drill.js";
import { runDrill } from "../../src/sandbox/drill/run-drill.js";
import { readFile } from "node:fs/promises";
import { parse, stringify } from "yaml";
import { BOT, failedExpectations, onlyPullRequest, playDrill, writes } from "./support/rollback-result.js";

const MERGE = "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge";

describe("governance of the bot's pull requests, end to end in the sandbox", () => {
  test("an approval by someone who pushed to the bot's branch does not count: the new head's policy check says why", async () => {
    const { result } = await playDrill("governance-own-approval-ignored.yml");
    expect(failedExpectations(result)).toEqual([]);
    const pr = onlyPullRequest(result);
    const [botCommit, humanCommit] = pr.commits;
    const checks = result.checkRuns.filter((c) => c.name === "agenticops/policy");
    expect(checks.map((c) => [c.head_sha, c.conclusion])).toEqual([
      [botCommit!.sha, "success"],
      [humanCommit!.sha, "action_required"],
    ]);
    const onHead = checks[1]!;
    expect(onHead.title).toBe("Changed by dana after the policy decision: needs 1 more approval from a reviewer with write access who did not push");
    expect(onHead.summary).toContain("- not counted: `dana` — pushed commits to this pull request: an approval of one's own change does not count");
    expect(onHead.summary).toContain(`judged the bot's commit \`${botCommit!.sha.slice(0, 7)}\``);
    expect(result.apiCalls.map((c) => `${c.method} ${c.route}`)).not.toContain(MERGE);
    expect(pr.comments?.map((c) => c.user)).toEqual([BOT]);
  });

  test("CI that started before a human push finishes on the old commit; the policy check moves to the new head, nothing merges", async () => {
    const raw = parse(await readFile("drills/governance-own-approval-ignored.yml", "utf8")) as { events: unknown[]; expect: unknown; name: string };
    const [failure, push] = raw.events;
    raw.name = "ci-outlives-a-push";
    raw.events = [failure, { check: { on: "agent-pr", name: "test", status: "in_progress" } }, push, { check: { on: "agent-pr", name: "test", conclusion: "success" } }];
    raw.expect = { webhooks: { all_status: 200 }, api_calls: { none_failed: true } };
    const result = await runDrill(parseDrill(stringify(raw), "ci-outlives-a-push.yml"));
    expect(failedExpectations(result)).toEqual([]);
    const pr = onlyPullRequest(result);
    const [botCommit, humanCommit] = pr.commits;
    expect(result.webhooks.map((w) => `${w.event}.${w.action ?? ""}`)).toEqual(["workflow_run.completed", "check_run.created", "push.", "check_run.completed", "check_suite.completed"]);
    const test = result.checkRuns.find((c) => c.name === "test");
    expect(test).toMatchObject({ head_sha: botCommit!.sha, status: "completed", conclusion: "success" });
    const policy = result.checkRuns.filter((c) => c.name === "agenticops/policy").at(-1);
    expect(policy).toMatchObject({ head_sha: humanCommit!.sha, conclusion: "action_required" });
    expect(writes(result)).not.toContain(MERGE);
    expect(pr.merged).toBe(false);
  });
});
