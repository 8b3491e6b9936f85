import { beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { respondToFailedRun } from "../../src/core/respond-to-failed-run.js";
import type { DiagnosisKit } from "../../src/core/diagnose/diagnose-run.js";
import type { CompiledSignatures } from "../../src/core/diagnose/compile-signatures.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import type { HypothesisRanker } from "../../src/ports/hypothesis-ranker.js";
import type { Logger } from "../../src/ports/logger.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { WorkflowRunEvent } from "../../src/schemas/workflow-run-event.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";
import { FakeDeployHistory, run } from "./support/fake-deploy-history.js";
import { workflowRunPayload } from "./support/workflow-run-payload.js";

const SECRET = "whsec-5f2b9c0e41d7a8";
const ciRun = { name: "CI", path: ".github/workflows/ci.yml", conclusion: "failure" };
const event = (run: Record<string, unknown> = {}) => WorkflowRunEvent.parse(workflowRunPayload({ ...ciRun, ...run }));
const config = RepoConfig.parse({ deploys: [{ workflow: "deploy", environment: "production" }] });
const meta = (dryRun = false) => ({ deliveryId: "d-1", receivedAt: "2026-11-23T14:05:00.000Z", dryRun });
const jestLog = (received = "11") =>
  [
    "2026-11-23T10:00:00.0000000Z > web@1.0.0 test",
    "2026-11-23T10:00:03.0000000Z FAIL src/cart.test.ts",
    "2026-11-23T10:00:03.0000000Z   ● cart › totals keep cents",
    "2026-11-23T10:00:03.0000000Z     expect(received).toBe(expected) // Object.is equality",
    "2026-11-23T10:00:03.0000000Z     Expected: 10.5",
    `2026-11-23T10:00:03.0000000Z     Received: ${received}`,
    `2026-11-23T10:00:03.0000000Z     at token ${SECRET}`,
    "2026-11-23T10:00:03.1000000Z Tests:       1 failed, 41 passed, 42 total",
    "2026-11-23T10:00:03.2000000Z ##[error]Process completed with exit code 1.",
    "",
  ].join("\n");

let signatures: CompiledSignatures;
let host: InMemoryCodeHost;
let ports: { host: InMemoryCodeHost; log: Logger; kit: DiagnosisKit };
const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
beforeAll(async () => {
  signatures = await loadSignatures();
});
beforeEach(() => {
  host = new InMemoryCodeHost();
  host.jobs = [{ id: 7, name: "test", conclusion: "failure", url: "https://github.com/octo-org/octo-repo/actions/runs/1/job/7", failedStep: "npm test" }];
  host.logs.set(7, jestLog());
  ports = { host, log: silent, kit: { signatures, ranker: null, knownSecrets: [SECRET] } };
});

describe("respondToFailedRun", () => {
  test.each([["success"], ["cancelled"], [null]])("a run concluding %s is ignored without reading or writing", async (conclusion) => {
    const outcome = await respondToFailedRun(event({ conclusion }), config, meta(), ports);
    expect(outcome.kind).toBe("ignored");
    expect(host.logReads).toEqual([]);
    expect(host.commentWrites).toEqual([]);
  });

  test("a failed deploy is left to the rollback path", async () => {
    const outcome = await respondToFailedRun(event({ name: "deploy", path: ".github/workflows/deploy.yml" }), config, meta(), ports);
    expect(outcome).toEqual({ kind: "ignored", reason: "a failed deploy is handled by the rollback path" });
    expect(host.commentWrites).toEqual([]);
  });

  test("a failed run without pull requests gets one diagnosis comment on its commit, and no issue", async () => {
    const run = event();
    const outcome = await respondToFailedRun(run, config, meta(), ports);
    expect(outcome).toMatchObject({ kind: "reported", comments: [{ kind: "created", target: { kind: "commit", sha: run.workflow_run.head_sha } }] });
    expect(host.issues).toEqual([]);
    const [comment] = host.comments;
    const [summary, ...rest] = comment!.body.split("\n\n");
    expect(summary).toBe(`[\`CI\`](${run.workflow_run.html_url}) failed at \`${run.workflow_run.head_sha.slice(0, 7)}\` on \`${run.workflow_run.head_branch}\`: **test-failure** ${summary!.split("**test-failure** ")[1]}`);
    expect(summary).toMatch(/\(\d+%\) `[^`]+`$/);
    const body = rest.join("\n\n");
    expect(body).toContain('<details><summary>Log excerpt: <a href="https://github.com/octo-org/octo-repo/actions/runs/1/job/7">test › npm test</a>');
    expect(body).toMatch(/```text\n[^]*● cart › totals keep cents[^]*Expected: 10\.5\n\s*Received: 11[^]*```/);
    expect(body).toContain("**test-failure** (confidence");
    expect(readMarker(comment!.body)).toEqual({ incident: expect.stringMatching(/^inc-[0-9a-f]{12}$/), kind: "diagnosis-comment" });
    expect(comment!.body).not.toContain(SECRET);
    expect(comment!.body).toContain("at token [REDACTED:known-secret]");
  });

  test("a run of pull requests gets one comment on each, each with its own marker", async () => {
    await respondToFailedRun(event({ pull_requests: [{ number: 3 }, { number: 5 }] }), config, meta(), ports);
    expect(host.commentWrites).toEqual([
      { op: "createComment", target: { kind: "issue", number: 3 } },
      { op: "createComment", target: { kind: "issue", number: 5 } },
    ]);
    const [a, b] = host.comments.map((c) => readMarker(c.body)?.incident);
    expect(a).not.toBe(b);
  });

  test("a re-run of the same workflow updates the comment in place; a redelivery changes nothing", async () => {
    const first = event({ pull_requests: [{ number: 3 }] });
    await respondToFailedRun(first, config, meta(), ports);
    await respondToFailedRun(first, config, { ...meta(), deliveryId: "d-2" }, ports);
    host.logs.set(7, jestLog("12"));
    const rerun = event({ pull_requests: [{ number: 3 }], id: 999, run_attempt: 2, head_sha: "b".repeat(40) });
    const outcome = await respondToFailedRun(rerun, config, meta(), ports);
    expect(outcome).toMatchObject({ comments: [{ kind: "updated" }] });
    expect(host.commentWrites.map((w) => w.op)).toEqual(["createComment", "updateComment"]);
    expect(host.comments).toHaveLength(1);
    expect(host.comments[0]!.body).toContain("Received: 12");
  });

  test("another workflow failing on the same pull request gets its own comment", async () => {
    await respondToFailedRun(event({ pull_requests: [{ number: 3 }] }), config, meta(), ports);
    await respondToFailedRun(event({ pull_requests: [{ number: 3 }], name: "lint", path: ".github/workflows/lint.yml" }), config, meta(), ports);
    expect(host.comments).toHaveLength(2);
  });

  test("without failed jobs the comment says no logs were available", async () => {
    host.jobs = [];
    await respondToFailedRun(event(), config, meta(), ports);
    expect(host.comments[0]!.body).toContain("_No failed job logs were available._");
    expect(host.comments[0]!.body).toContain("**unknown**");
  });

  test("a ranker's hypotheses and tokens reach the comment", async () => {
    const ranker: HypothesisRanker = {
      rank: async () => ({
        kind: "ranked",
        result: { hypotheses: [{ cause: "flaky", summary: "rounding depends on the locale", confidence: 0.7 }], runbookId: null, rationale: "", tokensIn: 321, tokensOut: 45, model: "m" },
      }),
    };
    await respondToFailedRun(event(), config, meta(), { ...ports, kit: { ...ports.kit, ranker } });
    expect(host.comments[0]!.body).toContain("**flaky** (70%)");
    expect(host.comments[0]!.body).toContain("ranked by an LLM (321 tokens in, 45 out)");
  });

  test("a dry run diagnoses but writes nothing", async () => {
    const outcome = await respondToFailedRun(event(), config, meta(true), ports);
    expect(outcome).toMatchObject({ kind: "reported", comments: [{ kind: "created" }] });
    expect(host.logReads).toHaveLength(1);
    expect(host.commentWrites).toEqual([]);
  });
});

describe("suspects of a failing pull request build", () => {
  test("the pull request's commits (base..head, one compare) are ranked, with why", async () => {
    const history = new FakeDeployHistory();
    const run = event({ pull_requests: [{ number: 3, base: { sha: "c".repeat(40) } }] });
    history.comparisons.set(`${"c".repeat(40)}...${run.workflow_run.head_sha}`, {
      status: "ahead",
      totalCommits: 1,
      commits: [{ sha: "d".repeat(40), tree: "e".repeat(40), parents: ["c".repeat(40)], message: "fix: rounding in cart totals", author: "eve", date: "2026-11-23T09:00:00Z" }],
      files: [{ path: "src/cart.test.ts", status: "modified", previousPath: null, additions: 1, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b", blobSha: "f".repeat(40) }],
    });
    await respondToFailedRun(run, config, meta(), { ...ports, history });
    expect(history.calls.filter((c) => c.startsWith("compare"))).toHaveLength(1);
    const body = host.comments[0]!.body;
    expect(body).toContain("| suspect | subject | author | why |");
    expect(body).toMatch(/\| `ddddddd` \| fix: rounding in cart totals \| eve \| .*src\/cart\.test\.ts/);
    expect(body).toContain("Suspects were ranked from the 1 commit of pull request #3 (`ccccccc`..");
  });

  test("without a base SHA (or a failing compare) the diagnosis simply has no suspects", async () => {
    const history = new FakeDeployHistory();
    await respondToFailedRun(event({ pull_requests: [{ number: 3 }] }), config, meta(), { ...ports, history });
    expect(history.calls).toEqual([]);
    expect(host.comments[0]!.body).not.toContain("| suspect |");
  });
});

describe("suspects of a failing branch build (push to the default branch)", () => {
  const GOOD = "a".repeat(40);
  const push = () => event({ event: "push", head_branch: "master", run_number: 42, workflow_id: 77 });
  const rangeCommit = (c: string, message: string, author: string) => ({ sha: c.repeat(40), tree: "e".repeat(40), parents: [GOOD], message, author, date: "2026-11-23T09:00:00Z" });

  test("the commits since the workflow's last success on the branch are ranked: one runs call, one compare", async () => {
    const history = new FakeDeployHistory();
    const failing = push().workflow_run;
    history.runs = [run(42, failing.head_sha, "failure"), run(41, "b".repeat(40), "failure"), run(40, GOOD, "success")];
    history.comparisons.set(`${GOOD}...${failing.head_sha}`, {
      status: "ahead",
      totalCommits: 2,
      commits: [rangeCommit("b", "docs: readme", "ann"), rangeCommit("d", "refactor: cart.test helpers", "eve")],
      files: [],
    });
    await respondToFailedRun(push(), config, meta(), { ...ports, history });
    expect(history.calls).toEqual([`runs 77 master`, `compare aaaaaaa...${failing.head_sha.slice(0, 7)}`]);
    const body = host.comments[0]!.body;
    expect(host.comments[0]!.target).toEqual({ kind: "commit", sha: failing.head_sha });
    expect(body).toMatch(/\| `ddddddd` \| refactor: cart\.test helpers \| eve \|/);
    expect(body).toContain("Suspects were ranked from the 2 commits on `master` since `aaaaaaa`, where [run #40](https://github.com/acme/shop/actions/runs/1040) of this workflow last passed");
  });

  test("without an earlier success the failing commit alone is ranked from one commit call, and the comment says so", async () => {
    const history = new FakeDeployHistory();
    const failing = push().workflow_run;
    history.runs = [run(42, failing.head_sha, "failure")];
    history.commits.set(failing.head_sha, {
      ...rangeCommit("0", "test: cart totals keep cents", "eve"),
      sha: failing.head_sha,
      files: [{ path: "src/cart.test.ts", status: "added", previousPath: null, additions: 9, deletions: 0, patch: "@@ -0,0 +1 @@\n+it('totals keep cents')", blobSha: "9".repeat(40) }],
    });
    await respondToFailedRun(push(), config, meta(), { ...ports, history });
    expect(history.calls).toEqual(["runs 77 master", `commit ${failing.head_sha.slice(0, 7)}`]);
    const body = host.comments[0]!.body;
    expect(body).toMatch(new RegExp(`\\| \`${failing.head_sha.slice(0, 7)}\` \\| test: cart totals keep cents \\| eve \\| .*src/cart\\.test\\.ts`));
    expect(body).toContain(`Suspects were ranked from the failing commit \`${failing.head_sha.slice(0, 7)}\` alone: no earlier successful run of this workflow on \`master\` was found.`);
  });
});
