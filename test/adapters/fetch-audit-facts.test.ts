import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { createRequire } from "node:module";
import nock from "nock";
import { Octokit } from "@octokit/rest";
import { fetchAuditFacts } from "../../src/adapters/github/fetch-audit-facts.js";
import { auditCommand, type AuditIo } from "../../src/cli/audit-command.js";
import { formatCommitMessage } from "../../src/core/act/commit-trailers.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { renderMarker } from "../../src/core/render/hidden-marker.js";

// GitHub's own response examples from its OpenAPI description, adjusted to one incident's story.
const spec = createRequire(import.meta.url)("@octokit/openapi/generated/api.github.com.json") as any;
const example = (name: string): any => structuredClone(spec.components.examples[name].value);
const user = (login: string): any => ({ ...example("pull-request").user, login });

const API = "https://api.github.com";
const INCIDENT = "inc-2f9c1d0a4b7e";
const BOT = "agenticops[bot]";
const REPO = { owner: "acme", name: "shop" };
const base = "/repos/acme/shop";

const pullRequest = (over: Record<string, unknown> = {}): any => ({
  ...example("pull-request"),
  number: 42,
  title: "Roll back deploy api@3f2a1c9 to 91be004",
  state: "closed",
  user: user(BOT),
  body: `Rollback.\n\n${renderMarker({ incident: INCIDENT, kind: "rollback-pr" })}`,
  created_at: "2024-05-01T14:03:10Z",
  closed_at: "2024-05-01T14:20:00Z",
  merged_at: "2024-05-01T14:20:00Z",
  merged: true,
  merged_by: user("alice"),
  head: { ...example("pull-request").head, ref: `agenticops/${INCIDENT}` },
  ...over,
});

const botMessage = formatCommitMessage("Roll back deploy api@3f2a1c9 to 91be004", "Health check failing.", {
  incident: INCIDENT,
  action: "revert-commits",
  runbook: "deploy-failed-rollback",
  policy: "allow (rollback-scope@3e1a, change-freeze@91c0)",
});
const commit = (sha: string, login: string, message: string, date: string): any => {
  const c = example("commit-items")[0];
  return { ...c, sha, author: user(login), commit: { ...c.commit, message, author: { ...c.commit.author, date } } };
};
const review = (login: string, state: string, at: string | undefined): any => ({ ...example("pull-request-review-items")[0], user: user(login), state, submitted_at: at, commit_id: "b".repeat(40) });
const comment = (login: string, body: string, at: string): any => ({ ...example("issue-comment-items")[0], user: user(login), body, created_at: at });
const issueEvent = (event: string, label: string, at: string): any => ({ ...example("issue-event-for-issue-items")[0], event, label: { name: label, color: "ededed" }, created_at: at, actor: user("alice") });
const issue = (number: number, incident: string, extra: Record<string, unknown> = {}): any => ({
  ...example("issue-items")[0],
  number,
  pull_request: undefined,
  body: `Deploy failed.\n\n${renderMarker({ incident, kind: "incident-issue" })}`,
  created_at: "2024-05-01T14:03:00Z",
  closed_at: null,
  ...extra,
});

/** The incident issue search: two pages, with another incident's issue and a PR in the way. */
const mockIssueSearch = (scope: nock.Scope, found: any[]): nock.Scope =>
  scope
    .get(`${base}/issues`).query({ labels: "agenticops", state: "all", per_page: "100" })
    .reply(200, [issue(40, "inc-ffffffffffff"), { ...issue(42, INCIDENT), pull_request: { url: `${API}${base}/pulls/42` } }], {
      link: `<${API}${base}/issues?labels=agenticops&state=all&per_page=100&page=2>; rel="next"`,
    })
    .get(`${base}/issues`).query({ labels: "agenticops", state: "all", per_page: "100", page: "2" })
    .reply(200, found);

/** The bot's policy check on the head, and a same-named run by another app that must be ignored. */
const checkRun = (id: number, slug: string, conclusion: string): any => ({
  ...example("check-run"),
  id,
  name: "agenticops/policy",
  head_sha: "b".repeat(40),
  status: "completed",
  conclusion,
  completed_at: "2024-05-01T14:15:02Z",
  output: { ...example("check-run").output, title: `${slug} says ${conclusion}` },
  app: { ...example("check-run").app, slug },
});

const mockThreads = (scope: nock.Scope): nock.Scope =>
  scope
    .get(`${base}/commits/${"b".repeat(40)}/check-runs`).query({ check_name: "agenticops/policy", filter: "latest", per_page: "10" })
    .reply(200, { total_count: 2, check_runs: [checkRun(9, "impostor", "success"), checkRun(8, "agenticops", "action_required")] })
    .get(`${base}/pulls/42/commits`).query(true)
    .reply(200, [commit("a".repeat(40), BOT, botMessage, "2024-05-01T14:03:05Z"), commit("b".repeat(40), "bob", "bump probe timeout", "2024-05-01T14:10:00Z")])
    .get(`${base}/pulls/42/reviews`).query(true)
    .reply(200, [review("alice", "APPROVED", "2024-05-01T14:15:00Z")])
    .get(`${base}/issues/42/comments`).query(true)
    .reply(200, [comment("bob", "pushing a probe fix", "2024-05-01T14:09:00Z")])
    .get(`${base}/issues/42/events`).query(true)
    .reply(200, [issueEvent("labeled", "rollback", "2024-05-01T14:16:00Z"), issueEvent("closed", "ignored", "2024-05-01T14:20:00Z")])
    .get(`${base}/issues/41/comments`).query(true)
    .reply(200, [comment(BOT, "Rollback proposed in #42.", "2024-05-01T14:03:12Z")])
    .get(`${base}/issues/41/events`).query(true)
    .reply(404, { message: "Not Found" });

const quiet = () => {};
const octokit = () => new Octokit({ auth: "test-token", baseUrl: API, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("fetchAuditFacts", () => {
  test("an incident id: finds the bot's PR by branch and the issue by marker, then every thread", async () => {
    const gh = nock(API)
      .get(`${base}/pulls`).query({ head: `acme:agenticops/${INCIDENT}`, state: "all", per_page: "100" })
      .reply(200, [{ ...example("pull-request-simple-items")[0], number: 17 }, { ...example("pull-request-simple-items")[0], number: 42 }])
      .get(`${base}/pulls/42`).reply(200, pullRequest());
    mockIssueSearch(gh, [issue(41, INCIDENT)]);
    mockThreads(gh);

    const facts = await fetchAuditFacts(octokit(), REPO, { kind: "incident", incident: INCIDENT });

    expect(gh.pendingMocks()).toEqual([]);
    expect(facts).toEqual({
      incident: INCIDENT,
      pullRequest: {
        number: 42, title: "Roll back deploy api@3f2a1c9 to 91be004", state: "closed", merged: true,
        createdAt: "2024-05-01T14:03:10Z", closedAt: "2024-05-01T14:20:00Z", mergedAt: "2024-05-01T14:20:00Z",
        mergedBy: "alice", author: BOT, headBranch: `agenticops/${INCIDENT}`, body: pullRequest().body,
      },
      policyCheck: { headSha: "b".repeat(40), status: "completed", conclusion: "action_required", title: "agenticops says action_required", completedAt: "2024-05-01T14:15:02Z" },
      commits: [
        { sha: "a".repeat(40), message: botMessage, author: BOT, date: "2024-05-01T14:03:05Z" },
        { sha: "b".repeat(40), message: "bump probe timeout", author: "bob", date: "2024-05-01T14:10:00Z" },
      ],
      reviews: [{ user: "alice", state: "APPROVED", submittedAt: "2024-05-01T14:15:00Z", commitId: "b".repeat(40) }],
      comments: [
        { user: "bob", body: "pushing a probe fix", createdAt: "2024-05-01T14:09:00Z", on: "pr" },
        { user: BOT, body: "Rollback proposed in #42.", createdAt: "2024-05-01T14:03:12Z", on: "issue" },
      ],
      issue: { number: 41, createdAt: "2024-05-01T14:03:00Z", closedAt: null, body: issue(41, INCIDENT).body },
      labelEvents: [{ actor: "alice", label: "rollback", action: "labeled", createdAt: "2024-05-01T14:16:00Z", on: "pr" }],
    });
  });

  test("a PR number: the incident comes from the PR's marker", async () => {
    const gh = nock(API).get(`${base}/pulls/42`).reply(200, pullRequest({ head: { ...example("pull-request").head, ref: "some-other-branch" } }));
    mockIssueSearch(gh, [issue(41, INCIDENT)]);
    mockThreads(gh);
    const facts = await fetchAuditFacts(octokit(), REPO, { kind: "pull-request", number: 42 });
    expect(facts?.incident).toBe(INCIDENT);
    expect(facts?.issue?.number).toBe(41);
    expect(gh.pendingMocks()).toEqual([]);
  });

  test("an unknown incident is null; a PR the bot did not open is a NOT_FOUND error", async () => {
    const gh = nock(API)
      .get(`${base}/pulls`).query(true).reply(200, [])
      .get(`${base}/pulls/7`).reply(200, pullRequest({ number: 7, body: "a human PR", head: { ...example("pull-request").head, ref: "feature/x" } }))
      .get(`${base}/pulls/7/commits`).query(true).reply(200, [commit("c".repeat(40), "bob", "feat: x", "2024-05-01T10:00:00Z")]);
    mockIssueSearch(gh, []);
    expect(await fetchAuditFacts(octokit(), REPO, { kind: "incident", incident: INCIDENT })).toBeNull();
    const error = await fetchAuditFacts(octokit(), REPO, { kind: "pull-request", number: 7 }).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "NOT_FOUND")).toBe(true);
    expect(gh.pendingMocks()).toEqual([]);
  });

  test("API failures are CODE_HOST_FAILED with the call and status", async () => {
    nock(API).get(`${base}/pulls/42`).reply(500, { message: "boom" });
    const error = await fetchAuditFacts(octokit(), REPO, { kind: "pull-request", number: 42 }).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toBe("GitHub API call failed: get pull request #42 (status 500)");
  });
});

describe("auditCommand", () => {
  const run = async (args: string[], env: Record<string, string | undefined>) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: AuditIo = { env, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
    return { code: await auditCommand(args, io), out: out.join(""), err: err.join("") };
  };

  test("without a token: exit 2 and says which variable to set", async () => {
    const r = await run([INCIDENT, "--repo", "acme/shop"], {});
    expect(r).toMatchObject({ code: 2, out: "" });
    expect(r.err).toMatch(/GITHUB_TOKEN \(or GH_TOKEN\) is not set/);
  });

  test("usage errors exit 2", async () => {
    for (const args of [[], [INCIDENT], ["nonsense", "--repo", "acme/shop"], [INCIDENT, "--repo", "acme"], ["https://github.com/acme/shop/pull/42", "--repo", "acme/other"]]) {
      expect((await run(args, { GITHUB_TOKEN: "t" })).code).toBe(2);
    }
  });

  test("an unknown incident: exit 1, on the --api-url host with GH_TOKEN", async () => {
    const ghe = "https://ghe.example.com/api/v3";
    const gh = nock(ghe, { reqheaders: { authorization: "token from-gh" } })
      .get(`${base}/pulls`).query(true).reply(200, [])
      .get(`${base}/issues`).query(true).reply(200, []);
    const r = await run([INCIDENT, "--repo=acme/shop", "--api-url", ghe], { GH_TOKEN: "from-gh" });
    expect(r).toEqual({ code: 1, out: "", err: `no pull request or issue found for incident ${INCIDENT} in acme/shop\n` });
    expect(gh.pendingMocks()).toEqual([]);
  });

  test("a PR URL: prints the timeline, or JSON with --json", async () => {
    for (const json of [false, true]) {
      const gh = nock(API).get(`${base}/pulls/42`).reply(200, pullRequest());
      mockIssueSearch(gh, [issue(41, INCIDENT)]);
      mockThreads(gh);
      const r = await run(["https://github.com/acme/shop/pull/42", ...(json ? ["--json"] : [])], { GITHUB_TOKEN: "t" });
      expect(r.code).toBe(0);
      if (json) {
        const parsed = JSON.parse(r.out);
        expect(parsed).toMatchObject({ incident: INCIDENT, repo: "acme/shop", pullRequest: 42, issue: 41 });
        expect(parsed.events.map((e: any) => e.kind)).toEqual(["issue-opened", "commit", "pr-opened", "comment", "comment", "human-push", "review", "policy-check", "labeled", "merged"]);
        expect(parsed.governance).toMatchObject({ headSha: "b".repeat(40), approvals: { counted: ["alice"], ignored: [] }, overrides: [], policyCheck: { conclusion: "action_required" } });
      } else {
        expect(r.out.split("\n")[0]).toBe(`${INCIDENT} in acme/shop (PR #42, issue #41)`);
        expect(r.out).toMatch(/2024-05-01T14:10:00Z {2}human-push +bob +bump probe timeout/);
        expect(r.out).toMatch(/2024-05-01T14:15:00Z {2}review +alice +approved at bbbbbbb \(counts\)/);
        expect(r.out.trimEnd().split("\n").slice(-3)).toEqual([
          "approvals on bbbbbbb: alice counts",
          "overrides: none",
          "policy check on bbbbbbb: action_required — agenticops says action_required",
        ]);
      }
      expect(gh.pendingMocks()).toEqual([]);
    }
  });
});
