import { beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { answerCommand, type CommandRequest } from "../../src/core/answer-command.js";
import type { CompiledSignatures } from "../../src/core/diagnose/compile-signatures.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import type { WorkflowRunRef } from "../../src/ports/comment-host.js";
import type { Logger } from "../../src/ports/logger.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";

const repo = { owner: "acme", name: "web" };
const HEAD = "c".repeat(40);
const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const jestLog = ["FAIL src/cart.test.ts", "  ● cart › totals keep cents", "    Expected: 10.5", "    Received: 11", "Tests:       1 failed, 41 passed, 42 total", ""].join("\n");
const run = (id: number, extra: Partial<WorkflowRunRef> = {}): WorkflowRunRef => ({
  id, name: "CI", url: `https://github.com/acme/web/actions/runs/${id}`, headSha: "a".repeat(40), headBranch: "main", status: "completed", conclusion: "failure", ...extra,
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
