import { beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { answerCommand, type CommandRequest } from "../../src/core/answer-command.js";
import type { CompiledSignatures } from "../../src/core/diagnose/compile-signatures.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import type { WorkflowRunRef } from "../../src/ports/comment-host.js";
import type { Logger } from "../../src/ports/logger.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";
import { FakeDeployHistory, run as historyRun } from "./support/fake-deploy-history.js";

const repo = { owner: "acme", name: "web" };
const HEAD = "c".repeat(40);
const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const jestLog = ["FAIL src/cart.test.ts", "  ● cart › totals keep cents", "    Expected: 10.5", "    Received: 11", "Tests:       1 failed, 41 passed, 42 total", ""].join("\n");
const run = (id: number, extra: Partial<WorkflowRunRef> = {}): WorkflowRunRef => ({
  id, name: "CI", url: `https://github.com/acme/web/actions/runs/${id}`, headSha: "a".repeat(40), headBranch: "main", status: "completed", conclusion: "failure",
  workflowId: 77, runNumber: id, event: "push", pullRequests: [], ...extra,
});
const request = (body: string, change: { author?: string; authorIsBot?: boolean; pull?: boolean; id?: number } = {}): CommandRequest => ({
  repo,
  repoHtmlUrl: "https://github.com/acme/web",
  defaultBranch: "main",
  issue: { number: 4, isPullRequest: change.pull ?? false },
  comment: { id: change.id ?? 900, body, author: change.author ?? "dana", authorIsBot: change.authorIsBot ?? false },
  botLogin: "agenticops[bot]",
});

let signatures: CompiledSignatures;
let host: InMemoryCodeHost;
const answer = (body: string, change: Parameters<typeof request>[1] = {}, dryRun = false) =>
  answerCommand(request(body, change), { host, log: silent, kit: { signatures, ranker: null, knownSecrets: [] } }, dryRun);
const reply = () => host.comments.at(-1)?.body ?? "";

beforeAll(async () => {
  signatures = await loadSignatures();
});
beforeEach(() => {
  host = new InMemoryCodeHost();
  host.permissions.set("dana", "write").set("mia", "maintain").set("eve", "read");
  host.runs = [run(10), run(11, { conclusion: "success" }), run(12, { headSha: HEAD, headBranch: "fix" })];
  host.pulls.set(4, HEAD);
  host.jobs = [{ id: 7, name: "test", conclusion: "failure", url: "https://github.com/acme/web/actions/runs/10/job/7", failedStep: "npm test" }];
  host.logs.set(7, jestLog);
});

describe("answerCommand", () => {
  test.each([
    ["the bot itself", { author: "agenticops[bot]" }],
    ["another bot", { author: "dependabot[bot]", authorIsBot: true }],
  ])("comments by %s are ignored", async (_who, change) => {
    expect(await answer("/agenticops diagnose", change)).toEqual({ kind: "ignored", reason: "comment by a bot" });
    expect(host.commentWrites).toEqual([]);
  });

  test("a comment without a command is ignored", async () => {
    expect(await answer("LGTM")).toEqual({ kind: "ignored", reason: "no command" });
  });

  test("a writer's diagnose with a run id replies with the diagnosis of that run, on the same issue", async () => {
    const outcome = await answer("/agenticops diagnose 10");
    expect(outcome).toMatchObject({ kind: "answered", answer: "diagnosis", reply: { kind: "created", target: { kind: "issue", number: 4 } } });
    expect(reply()).toMatch(/^\[`CI`\]\(https:\/\/github\.com\/acme\/web\/actions\/runs\/10\) failed at `aaaaaaa` on `main`: \*\*test-failure\*\*/);
    expect(reply()).toContain("● cart › totals keep cents");
    expect(reply()).toContain("in reply to a command");
    expect(readMarker(reply())?.kind).toBe("diagnosis-comment");
  });

  test("maintainers may run it too; the run can be given as a URL of this repository", async () => {
    expect(await answer("/agenticops diagnose https://github.com/acme/web/actions/runs/10/job/7", { author: "mia" })).toMatchObject({ answer: "diagnosis" });
  });

  test("without an argument on a pull request: the newest failed run of its head commit", async () => {
    await answer("/agenticops diagnose", { pull: true });
    expect(reply()).toContain("actions/runs/12");
  });

  test("without an argument on an issue: the newest failed run of the default branch", async () => {
    await answer("/agenticops diagnose");
    expect(reply()).toContain("actions/runs/10");
  });

  test("a reader is refused politely, and nothing is read", async () => {
    const outcome = await answer("/agenticops diagnose 10", { author: "eve" });
    expect(outcome).toMatchObject({ answer: "refused" });
    expect(reply()).toContain("can only be run by people with write access to this repository");
    expect(host.logReads).toEqual([]);
  });

  test("a stranger with a bad argument is refused, not told what was wrong with it", async () => {
    expect(await answer("/agenticops diagnose https://github.com/evil/web/actions/runs/1", { author: "nobody" })).toMatchObject({ answer: "refused" });
  });

  test("a run of another repository is rejected with the reason", async () => {
    expect(await answer("/agenticops diagnose https://github.com/evil/web/actions/runs/1")).toMatchObject({ answer: "invalid" });
    expect(reply()).toContain("only runs of acme/web can be diagnosed here");
  });

  test.each([
    ["/agenticops diagnose 99", "acme/web has no Actions run 99"],
    ["/agenticops diagnose 11", "run 11 (`CI`) concluded success"],
  ])("%s: nothing to diagnose", async (body, why) => {
    expect(await answer(body)).toMatchObject({ answer: "no-run" });
    expect(reply()).toContain(`There is nothing to diagnose: ${why}.`);
  });

  test("no failed run on the default branch", async () => {
    host.runs = [];
    await answer("/agenticops diagnose");
    expect(reply()).toContain("no run failed on main");
  });

  test("an unknown command gets the list of commands, from anyone", async () => {
    expect(await answer("/agenticops explain", { author: "eve" })).toMatchObject({ answer: "help" });
    expect(reply()).toContain("I don't know the command `explain`");
    expect(reply()).toContain("`/agenticops diagnose [run URL or id]`");
  });

  test("a redelivered command does not reply twice; another command comment gets its own reply", async () => {
    await answer("/agenticops diagnose 10");
    expect(await answer("/agenticops diagnose 10")).toMatchObject({ reply: { kind: "unchanged" } });
    await answer("/agenticops diagnose 10", { id: 901 });
    expect(host.commentWrites.map((w) => w.op)).toEqual(["createComment", "createComment"]);
  });

  test("a dry run answers but writes nothing", async () => {
    expect(await answer("/agenticops diagnose 10", {}, true)).toMatchObject({ answer: "diagnosis", reply: { kind: "created" } });
    expect(host.commentWrites).toEqual([]);
  });
});

describe("suspect commits in a diagnose reply", () => {
  const GOOD = "9".repeat(40);
  const FAILING = "a".repeat(40);
  const withHistory = (body: string, history: FakeDeployHistory, change: Parameters<typeof request>[1] = {}) =>
    answerCommand(request(body, change), { host, log: silent, kit: { signatures, ranker: null, knownSecrets: [] }, history }, false);

  test("a default-branch run ranks the commits since the workflow's last success there: one runs call, one compare", async () => {
    const history = new FakeDeployHistory();
    history.runs = [historyRun(10, FAILING, "failure", 10), historyRun(9, GOOD, "success", 9)];
    history.comparisons.set(`${GOOD}...${FAILING}`, {
      status: "ahead",
      totalCommits: 1,
      commits: [{ sha: FAILING, tree: "e".repeat(40), parents: [GOOD], message: "fix: round cart totals", author: "eve", date: "2026-11-23T09:00:00Z" }],
      files: [{ path: "src/cart.ts", status: "modified", previousPath: null, additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b", blobSha: "8".repeat(40) }],
    });
    await withHistory("/agenticops diagnose 10", history);
    expect(history.calls).toEqual(["runs 77 main", "compare 9999999...aaaaaaa"]);
    expect(reply()).toMatch(/\| `aaaaaaa` \| fix: round cart totals \| eve \| .*only commit in the range/);
    expect(reply()).toContain("Suspects were ranked from the 1 commit on `main` since `9999999`, where [run #9](https://github.com/acme/shop/actions/runs/9) of this workflow last passed, up to the failing `aaaaaaa`.");
  });

  test("a pull request's run ranks the pull request's commits with one compare", async () => {
    const history = new FakeDeployHistory();
    host.runs = [run(12, { headSha: HEAD, headBranch: "fix", event: "pull_request", pullRequests: [{ number: 4, baseSha: GOOD }] })];
    history.comparisons.set(`${GOOD}...${HEAD}`, {
      status: "ahead",
      totalCommits: 1,
      commits: [{ sha: HEAD, tree: "e".repeat(40), parents: [GOOD], message: "fix: cents", author: "eve", date: "2026-11-23T09:00:00Z" }],
      files: [{ path: "src/cart.ts", status: "modified", previousPath: null, additions: 1, deletions: 1, patch: null, blobSha: "8".repeat(40) }],
    });
    await withHistory("/agenticops diagnose", history, { pull: true });
    expect(history.calls).toEqual(["compare 9999999...ccccccc"]);
    expect(reply()).toContain("Suspects were ranked from the 1 commit of pull request #4 (`9999999`..`ccccccc`).");
  });

  test("without an earlier success the failing commit alone is ranked, and the reply says so", async () => {
    const history = new FakeDeployHistory();
    history.runs = [historyRun(10, FAILING, "failure", 10)];
    history.commits.set(FAILING, { sha: FAILING, tree: "e".repeat(40), parents: [], message: "initial import", author: "dana", date: "2026-11-23T09:00:00Z", files: [] });
    await withHistory("/agenticops diagnose 10", history);
    expect(history.calls).toEqual(["runs 77 main", "commit aaaaaaa"]);
    expect(reply()).toContain("Suspects were ranked from the failing commit `aaaaaaa` alone: no earlier successful run of this workflow on `main` was found.");
  });
});
