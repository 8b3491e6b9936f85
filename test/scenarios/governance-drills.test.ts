import { afterEach, describe, expect, test } from "@jest/globals";
import { parseDrill } from "../../src/sandbox/drill/load-drill.js";
import { runDrill } from "../../src/sandbox/drill/run-drill.js";
import { readFile } from "node:fs/promises";
import { parse, stringify } from "yaml";
import { parseCommitTrailers } from "../../src/core/act/commit-trailers.js";
import { loadDrill } from "../../src/sandbox/drill/load-drill.js";
import { BOT, failedExpectations, onlyPullRequest, playDrill, writes } from "./support/rollback-result.js";
import { installationRestClient, openDrillSession, type DrillSession } from "./support/drill-session.js";

let session: DrillSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

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

  test("automate mode: no merge while CI runs; merged once it passes on the head, pinned to it, with the trailers", async () => {
    const drill = await loadDrill("drills/governance-automate-merges-after-checks.yml");
    // the same drill stopped while the check is still running: nothing is merged
    const running = await runDrill({ ...drill, events: drill.events.slice(0, 3), expect: {} });
    expect(onlyPullRequest(running).merged).toBe(false);
    expect(writes(running)).not.toContain(MERGE);

    session = await openDrillSession(drill);
    await session.player.play();
    const pull = session.seeded.repoState.issues.find((i) => i.pull)!;
    expect(pull.pull).toMatchObject({ merged: true, mergedBy: BOT });
    const octokit = await installationRestClient(session);
    const { data: merge } = await octokit.rest.repos.getCommit({ owner: "acme", repo: "shop", ref: "main" });
    expect(merge.parents).toHaveLength(2);
    const botSha = merge.parents[1]!.sha;
    expect(merge.commit.message.split("\n")[0]).toBe(`Merge pull request #${pull.number} from acme/${pull.pull!.head}`);
    const trailers = parseCommitTrailers(merge.commit.message);
    expect(trailers).toMatchObject({ incident: pull.pull!.head.replace("agenticops/", ""), action: "set-image-tag", runbook: "image-pin" });
    expect(trailers.policy).toMatch(/^allow \(.*automerge@[0-9a-f]{4}/);
    expect(trailers.other).toEqual({ "Agenticops-Merge": `automate ${botSha}`, "Agenticops-Approved-By": "dana" });
  });

  test("automate mode: a push while CI runs means the old commit is never merged, nor the new one", async () => {
    const { result } = await playDrill("governance-automate-push-aborts-merge.yml");
    expect(failedExpectations(result)).toEqual([]);
    const pr = onlyPullRequest(result);
    expect(pr.commits.map((c) => c.message.split("\n")[0])).toEqual([expect.stringMatching(/^Roll back production/), "scale to 4 replicas while rolling back"]);
    expect(result.checkRuns.filter((c) => c.name === "test").map((c) => [c.head_sha, c.conclusion])).toEqual([
      [pr.commits[0]!.sha, "success"],
      [pr.commits[1]!.sha, "success"],
    ]);
    expect(writes(result)).not.toContain(MERGE);
  });

  test("a team requirement: a write-access non-member's approval does not satisfy it, a member's does, and only then the bot merges", async () => {
    const drill = await loadDrill("drills/governance-team-approval.yml");
    const MEMBERSHIP = "GET /orgs/{org}/teams/{team_slug}/memberships/{username}";
    const lookups = (r: typeof before) => r.apiCalls.filter((c) => `${c.method} ${c.route}` === MEMBERSHIP).map((c) => `${c.path.replace(/^.*\/memberships\//, "")} ${c.status}`);

    // stopped after eve's approval: she is not on acme/sre, so the team's approval is missing
    const before = await runDrill({ ...drill, events: drill.events.slice(0, 3), expect: {} });
    expect(writes(before)).not.toContain(MERGE);
    expect(onlyPullRequest(before).merged).toBe(false);
    expect(new Set(lookups(before))).toEqual(new Set(["eve 404"]));
    const policy = before.checkRuns.filter((c) => c.name === "agenticops/policy").at(-1);
    expect(policy?.title).toBe("Allowed set-image-tag; approved by eve; still needs an approval from a member of acme/sre");
    expect(policy?.summary).toContain("- still needed: an approval from a member of acme/sre");

    session = await openDrillSession(drill);
    await session.player.play();
    const pull = session.seeded.repoState.issues.find((i) => i.pull)!;
    expect(pull.pull).toMatchObject({ merged: true, mergedBy: BOT });
    const calls = session.sandbox.log.apiCalls.map((c) => ({ call: `${c.method} ${c.route}`, path: c.path, status: c.status }));
    // only the approvers were looked up, never the bot, dana or olga (a member who did not review)
    const looked = calls.filter((c) => c.call === MEMBERSHIP).map((c) => `${c.path.replace(/^.*\/memberships\//, "")} ${c.status}`);
    expect(new Set(looked)).toEqual(new Set(["eve 404", "frank 200"]));
    const merges = calls.flatMap((c, i) => (c.call === MERGE ? [i] : []));
    expect(merges).toHaveLength(1);
    expect(merges[0]).toBeGreaterThan(calls.findIndex((c) => c.path.endsWith("/memberships/frank")));
    const octokit = await installationRestClient(session);
    const { data: merge } = await octokit.rest.repos.getCommit({ owner: "acme", repo: "shop", ref: "main" });
    const trailers = parseCommitTrailers(merge.commit.message);
    expect(trailers.other).toMatchObject({ "Agenticops-Merge": `automate ${merge.parents[1]!.sha}` });
    expect(trailers.other["Agenticops-Approved-By"]).toContain("frank");
  });
});
