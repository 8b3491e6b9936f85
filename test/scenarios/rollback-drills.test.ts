import { describe, expect, test } from "@jest/globals";
import { parseCommitTrailers } from "../../src/core/act/commit-trailers.js";
import type { SimulatedPullRequest } from "../../src/schemas/simulation-result.js";
import {
  BOT,
  CREATE_REF,
  PULLS,
  countCalls,
  failedExpectations,
  fileAt,
  incidentOfBranch,
  linesOf,
  loggedPushes,
  markerIncident,
  onlyPullRequest,
  patchLines,
  playDrill,
  shellBlock,
  writes,
  type Played,
} from "./support/rollback-result.js";

const POLICY = /^allow \(mode@[0-9a-f]{4}, protected-paths@[0-9a-f]{4}, kill-switch@[0-9a-f]{4}, allowed-actions@[0-9a-f]{4}, rollback-scope@[0-9a-f]{4}, bounds@[0-9a-f]{4}, step-budget@[0-9a-f]{4}, rate-limit@[0-9a-f]{4}, approvals@[0-9a-f]{4}\)$/;

/** The single bot commit of a rollback pull request, with its Agenticops trailers checked. */
const botCommit = (pr: SimulatedPullRequest, action: string) => {
  expect(pr.commits).toHaveLength(1);
  const commit = pr.commits[0]!;
  const trailers = parseCommitTrailers(commit.message);
  expect(trailers).toMatchObject({ incident: incidentOfBranch(pr.head), action, runbook: action === "set-image-tag" ? "image-pin" : "deploy-failed-rollback" });
  expect(trailers.policy).toMatch(POLICY);
  return commit;
};

/** A revert: pushed once by real git to the PR's branch, never through the Git Data API. */
const expectOneRevertPush = ({ result, pushes }: Played, pr: SimulatedPullRequest) => {
  expect(pushes).toEqual([{ branch: pr.head, result: "created" }]);
  expect(countCalls(result, CREATE_REF)).toBe(0);
};

/**
 * Each file of the PR goes from the failing version back to the version at `good`, line for line.
 * The drills' files are a few lines long, so one hunk shows each of them whole.
 */
const expectInverse = (played: Played, pr: SimulatedPullRequest, good: number, bad: number) => {
  for (const file of pr.files) {
    const lines = patchLines(file.patch ?? "");
    expect(lines.other).toEqual([]);
    expect(lines.before).toEqual(linesOf(fileAt(played.drill, bad, file.filename)));
    expect(lines.after).toEqual(linesOf(fileAt(played.drill, good, file.filename)));
  }
};

/** A handoff: no branch was written by any path, and the issue lists the exact commands in order. */
const expectHandoff = (played: Played) => {
  const { result, pushes } = played;
  expect(pushes).toEqual([]);
  expect(loggedPushes(result)).toEqual([]);
  expect(countCalls(result, CREATE_REF)).toBe(0);
  expect(result.pullRequests).toEqual([]);
  expect(result.issues).toHaveLength(1);
  const body = result.issues[0]!.body;
  const incident = markerIncident(body);
  const failing = /\*\*Commit:\*\* ([0-9a-f]{40})/.exec(body)?.[1];
  expect(failing).toBeDefined();
  expect(shellBlock(body)).toEqual([
    "git fetch origin",
    `git switch -c agenticops/${incident} origin/main`,
    `git revert --no-edit ${failing}`,
    "# resolve any conflict, `git add` the files, then `git revert --continue`",
    `git push -u origin agenticops/${incident}`,
  ]);
  return body;
};

describe("rollback drills: what a reviewer checks beyond each drill's expect", () => {
  test("image pin: one line changes, byte for byte, with trailers, CODEOWNERS review, the policy check and ≤ 18 API calls", async () => {
    const played = await playDrill("rollback-image-pin.yml");
    const { result, drill } = played;
    expect(failedExpectations(result)).toEqual([]);
    const pr = onlyPullRequest(result);
    expect(pr.files).toHaveLength(1);
    const lines = patchLines(pr.files[0]!.patch ?? "");
    expect(lines).toMatchObject({ other: [] });
    expect(lines.removed).toHaveLength(1);
    expect(lines.added).toHaveLength(1);
    const [minus, plus] = [lines.removed[0]!, lines.added[0]!];
    // the removed line is the failing commit's line verbatim, comment included
    expect(linesOf(fileAt(drill, 1, "k8s/deployment.yaml"))).toContain(minus);
    expect(minus).toBe("          image: ghcr.io/acme/shop:1.5.0   # release train 15");
    const at = minus.indexOf("1.5.0");
    expect(plus.slice(0, at)).toBe(minus.slice(0, at));
    expect(plus.slice(at, at + 5)).toBe("1.4.2");
    expect(plus.slice(at + 5)).toBe(minus.slice(at + 5));
    expect(plus).toContain("# release train 15");

    const commit = botCommit(pr, "set-image-tag");
    expect(commit.message.split("\n")[0]).toMatch(/^Roll back production: shop 1\.5\.0 → 1\.4\.2/);
    expect(pr.requestedReviewers).toEqual(["dana"]); // CODEOWNERS: /k8s/ @dana (eve owns *.ts)
    // 15 to open the pull request, 2 for the gate's facts (recent bot pull requests, the kill-switch
    // label), plus the agenticops/policy check run on the bot's commit
    expect(result.apiCalls.length).toBeLessThanOrEqual(18);
    expect(result.checkRuns).toEqual([expect.objectContaining({ name: "agenticops/policy", head_sha: commit.sha, conclusion: "success" })]);
    expect(played.clones).toBe(0); // a pin needs no clone: Git Data API only
    expect(countCalls(result, CREATE_REF)).toBe(1);
  });

  test("revert one commit: trailers, exactly the inverse of the bad commit, one bot commit pushed once", async () => {
    const played = await playDrill("rollback-revert-commit.yml");
    expect(failedExpectations(played.result)).toEqual([]);
    const pr = onlyPullRequest(played.result);
    const commit = botCommit(pr, "revert-commits");
    expect(commit.message).toMatch(/^Revert [0-9a-f]{7} "feat: read the port from config"\.$/m);
    expect(pr.files.map((f) => f.filename)).toEqual(["src/server.ts"]);
    expectInverse(played, pr, 0, 1);
    expect(pr.requestedReviewers).toEqual(["eve"]); // CODEOWNERS: src/ @eve
    expectOneRevertPush(played, pr);
  });

  test("revert two commits: both undone, newest first, in a single bot commit", async () => {
    const played = await playDrill("rollback-revert-two-commits.yml");
    expect(failedExpectations(played.result)).toEqual([]);
    const pr = onlyPullRequest(played.result);
    const commit = botCommit(pr, "revert-commits");
    const reverted = [...commit.message.matchAll(/Revert ([0-9a-f]{7}) "([^"]+)"/g)].map((m) => m[2]!.replace(/\s+/g, " "));
    expect(reverted).toEqual(["feat: add /refunds", "feat: larger bodies"]);
    expect(pr.files.map((f) => f.filename).sort()).toEqual(["src/limits.ts", "src/routes.ts"]);
    expectInverse(played, pr, 0, 2);
    expectOneRevertPush(played, pr);
  });

  test("merge commit: only the merge is reverted, against its first parent; main's own change stays", async () => {
    const played = await playDrill("rollback-revert-merge-commit.yml");
    expect(failedExpectations(played.result)).toEqual([]);
    const pr = onlyPullRequest(played.result);
    const commit = botCommit(pr, "revert-commits");
    const reverted = [...commit.message.matchAll(/Revert ([0-9a-f]{7}) "([^"]+)"/g)].map((m) => m[2]);
    expect(reverted).toEqual(["Merge pull request #7 from acme/feature/cache"]);
    expect(commit.message.replace(/\s+/g, " ")).toContain("(a merge, against its first parent)");
    // the feature branch changed src/cache.ts only; "docs: name the service" (main) is not undone
    expect(pr.files.map((f) => f.filename)).toEqual(["src/cache.ts"]);
    expectInverse(played, pr, 0, 3);
    expectOneRevertPush(played, pr);
  });

  test("revert conflict: no branch pushed, the issue gives the exact commands in order", async () => {
    const played = await playDrill("rollback-revert-conflict.yml");
    expect(failedExpectations(played.result)).toEqual([]);
    const body = expectHandoff(played);
    expect(body).toContain("conflicts with later changes in `src/pool.ts`");
    expect(played.clones).toBe(1); // it tried the revert in a clone, and stopped at the conflict
  });

  test("workflow change: the bot does not even try; the issue gives the exact commands in order", async () => {
    const played = await playDrill("rollback-workflow-change-handoff.yml");
    expect(failedExpectations(played.result)).toEqual([]);
    const body = expectHandoff(played);
    expect(body).toContain("`.github/workflows/deploy.yml`");
    expect(played.clones).toBe(0);
  });

  test("duplicates: six deliveries, one pull request, one push", async () => {
    const played = await playDrill("rollback-duplicate-deliveries.yml");
    const { result } = played;
    expect(failedExpectations(result)).toEqual([]);
    expect(result.webhooks).toHaveLength(6);
    expect(result.webhooks.every((w) => w.status === 200)).toBe(true);
    expect(countCalls(result, PULLS)).toBe(1);
    expectOneRevertPush(played, onlyPullRequest(result));
  });

  test.each(["rollback-stale-after-newer-success.yml", "no-config-no-action.yml"])("%s: zero writes", async (file) => {
    const played = await playDrill(file);
    expect(failedExpectations(played.result)).toEqual([]);
    expect(writes(played.result)).toEqual([]);
    expect(played.pushes).toEqual([]);
    expect(played.clones).toBe(0);
    expect(played.result.pullRequests).toEqual([]);
    expect(played.result.issues).toEqual([]);
  });

  test("human takes over: one comment, by the bot; the human's commit stays on top; no second push", async () => {
    const played = await playDrill("rollback-human-takes-over.yml");
    const { result } = played;
    expect(failedExpectations(result)).toEqual([]);
    const pr = onlyPullRequest(result);
    expect(pr.comments).toHaveLength(1);
    expect(pr.comments?.[0]?.user).toBe(BOT);
    expect(pr.commits.map((c) => c.message.split("\n")[0])).toEqual([expect.stringMatching(/^Revert 1 commit to roll back production to [0-9a-f]{7}$/), "keep the flag but default it off"]);
    expect(parseCommitTrailers(pr.commits[0]!.message).action).toBe("revert-commits");
    expect(parseCommitTrailers(pr.commits[1]!.message).incident).toBeUndefined();
    expect(pr.files.find((f) => f.filename === "src/flags.ts")?.patch).toContain('+export const newCheckout = process.env.NEW_CHECKOUT === "1";');
    expect(played.pushes).toHaveLength(1);
    expect(countCalls(result, PULLS)).toBe(1);
  });

  test("closed is remembered: a day later, no second pull request and no second branch", async () => {
    const played = await playDrill("rollback-closed-is-remembered.yml");
    const { result } = played;
    expect(failedExpectations(result)).toEqual([]);
    expect(result.pullRequests).toHaveLength(1);
    expect(countCalls(result, PULLS)).toBe(1);
    expect(played.pushes).toEqual([{ branch: result.pullRequests[0]!.head, result: "created" }]);
    expect(played.clones).toBe(1);
    expect(countCalls(result, CREATE_REF)).toBe(0);
    // the second delivery only read: its last write is the first delivery's review request or label
    const secondDelivery = result.apiCalls.slice(result.apiCalls.findLastIndex((c) => c.route === "/repos/{owner}/{repo}/contents/{path}" && c.path.includes("agenticops.yml")));
    expect(secondDelivery.filter((c) => c.method !== "GET")).toEqual([]);
  });
});
