import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { octokitGovernanceHost } from "../../src/adapters/github/octokit-governance-host.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { GovernanceHost } from "../../src/ports/governance-host.js";

const API = "https://api.github.com";
const R = "/repos/acme/shop";
const repo = { owner: "acme", name: "shop" };
const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
const SHA = "c".repeat(40);

let host: GovernanceHost;
let sent: unknown[];
beforeEach(() => {
  nock.disableNetConnect();
  sent = [];
  host = octokitGovernanceHost(new Octokit({ auth: { token: "installation-token" } }), { appId: 99 });
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("getPullRequest", () => {
  test("reads state, draft, author, head, base and labels; a 404 is null", async () => {
    nock(API)
      .get(`${R}/pulls/7`)
      .reply(200, { number: 7, html_url: "https://github.com/acme/shop/pull/7", title: "Roll back", state: "open", merged_at: null, draft: false, user: { login: "agenticops[bot]" }, head: { ref: "agenticops/inc-0123456789ab", sha: SHA }, base: { ref: "main" }, body: null, labels: [{ name: "agenticops" }] })
      .get(`${R}/pulls/8`)
      .reply(404, { message: "Not Found" });
    await expect(host.getPullRequest(repo, 7)).resolves.toEqual({
      number: 7,
      url: "https://github.com/acme/shop/pull/7",
      title: "Roll back",
      state: "open",
      merged: false,
      draft: false,
      author: "agenticops[bot]",
      headRef: "agenticops/inc-0123456789ab",
      headSha: SHA,
      baseRef: "main",
      body: "",
      labels: ["agenticops"],
    });
    await expect(host.getPullRequest(repo, 8)).resolves.toBeNull();
  });
});

describe("listChecks", () => {
  test("every latest check run and the latest status per context on the commit", async () => {
    nock(API)
      .get(`${R}/commits/${SHA}/check-runs`)
      .query({ filter: "latest", per_page: "100" })
      .reply(200, { total_count: 2, check_runs: [{ name: "test", status: "completed", conclusion: "success" }, { name: "e2e", status: "in_progress", conclusion: null }] })
      .get(`${R}/commits/${SHA}/status`)
      .query({ per_page: "100" })
      .reply(200, { state: "pending", statuses: [{ context: "ci/jenkins", state: "pending" }] });
    await expect(host.listChecks(repo, SHA)).resolves.toEqual([
      { name: "test", source: "check-run", status: "completed", conclusion: "success" },
      { name: "e2e", source: "check-run", status: "in_progress", conclusion: null },
      { name: "ci/jenkins", source: "status", status: "pending", conclusion: null },
    ]);
  });
});

describe("requiredChecks", () => {
  test("the union of branch protection's required checks and the rulesets' required_status_checks", async () => {
    nock(API)
      .get(`${R}/branches/main`)
      .reply(200, { name: "main", protected: true, protection: { enabled: true, required_status_checks: { enforcement_level: "everyone", contexts: ["test"], checks: [{ context: "test", app_id: 15368 }, { context: "lint", app_id: null }] } } })
      .get(`${R}/rules/branches/main`)
      .query({ per_page: "100" })
      .reply(200, [{ type: "pull_request", parameters: {} }, { type: "required_status_checks", parameters: { required_status_checks: [{ context: "e2e" }], strict_required_status_checks_policy: false } }]);
    await expect(host.requiredChecks(repo, "main")).resolves.toEqual(["test", "lint", "e2e"]);
  });

  test("nothing required or nothing readable is null: every check on the head then counts", async () => {
    nock(API)
      .get(`${R}/branches/main`)
      .reply(200, { name: "main", protected: false, protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } } })
      .get(`${R}/rules/branches/main`)
      .query({ per_page: "100" })
      .reply(403, { message: "Resource not accessible by integration" });
    await expect(host.requiredChecks(repo, "main")).resolves.toBeNull();
  });
});

describe("merge", () => {
  const put = (status: number, body: Record<string, unknown>) =>
    nock(API)
      .put(`${R}/pulls/7/merge`, (b) => {
        sent.push(b);
        return true;
      })
      .reply(status, body);
  const merge = { sha: SHA, title: "Merge pull request #7 from acme/agenticops/inc-0123456789ab", message: "Roll back\n\nAgenticops-Incident: inc-0123456789ab\n" };

  test("sends the head SHA, so GitHub refuses if the branch moved, and the message with the trailers", async () => {
    put(200, { sha: "e".repeat(40), merged: true, message: "Pull Request successfully merged" });
    await expect(host.merge(repo, 7, merge)).resolves.toEqual({ kind: "merged", sha: "e".repeat(40) });
    expect(sent).toEqual([{ sha: SHA, merge_method: "merge", commit_title: merge.title, commit_message: merge.message }]);
  });

  test("409 is a moved head, 405 is not mergeable, anything else a typed failure", async () => {
    put(409, { message: "Head branch was modified. Review and try the merge again." });
    await expect(host.merge(repo, 7, merge)).resolves.toEqual({ kind: "head-moved" });
    put(405, { message: "Pull Request is not mergeable" });
    await expect(host.merge(repo, 7, merge)).resolves.toMatchObject({ kind: "not-mergeable" });
    put(500, { message: "boom" });
    const error = await host.merge(repo, 7, merge).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
  });
});

describe("listCommits and listReviews", () => {
  test("a commit's author is its GitHub login, else its git name; reviews keep the commit they saw", async () => {
    nock(API)
      .get(`${R}/pulls/7/commits`)
      .query({ per_page: "100" })
      .reply(200, [
        { sha: "a".repeat(40), author: { login: "agenticops[bot]" }, commit: { message: "Roll back", author: { name: "agenticops[bot]" } } },
        { sha: "b".repeat(40), author: null, commit: { message: "fix", author: { name: "Dana Dev" } } },
      ])
      .get(`${R}/pulls/7/reviews`)
      .query({ per_page: "100" })
      .reply(200, [{ user: { login: "eve" }, state: "APPROVED", commit_id: "b".repeat(40), submitted_at: "2026-11-23T14:10:00Z" }]);
    await expect(host.listCommits(repo, 7)).resolves.toEqual([
      { sha: "a".repeat(40), author: "agenticops[bot]", message: "Roll back" },
      { sha: "b".repeat(40), author: "Dana Dev", message: "fix" },
    ]);
    await expect(host.listReviews(repo, 7)).resolves.toEqual([{ user: "eve", state: "APPROVED", commitId: "b".repeat(40), submittedAt: "2026-11-23T14:10:00Z" }]);
  });
});

describe("listFiles, readDefaultBranchFile and hasOpenItemWithLabel", () => {
  test("changed paths, a default-branch file or null, and whether any open item carries a label", async () => {
    nock(API)
      .get(`${R}/pulls/7/files`)
      .query({ per_page: "100" })
      .reply(200, [{ filename: "k8s/deployment.yaml", status: "modified" }])
      .get(`${R}/contents/.github%2FCODEOWNERS`)
      .reply(200, { type: "file", encoding: "base64", sha: "9".repeat(40), content: Buffer.from("/k8s/ @olga\n").toString("base64") })
      .get(`${R}/contents/CODEOWNERS`)
      .reply(404, { message: "Not Found" })
      .get(`${R}/issues`)
      .query({ labels: "agenticops/stop", state: "open", per_page: "1" })
      .reply(200, [{ number: 3 }]);
    await expect(host.listFiles(repo, 7)).resolves.toEqual(["k8s/deployment.yaml"]);
    await expect(host.readDefaultBranchFile(repo, ".github/CODEOWNERS")).resolves.toBe("/k8s/ @olga\n");
    await expect(host.readDefaultBranchFile(repo, "CODEOWNERS")).resolves.toBeNull();
    await expect(host.hasOpenItemWithLabel(repo, "agenticops/stop")).resolves.toBe(true);
  });
});

describe("teamMembership", () => {
  const membership = (login: string) => nock(API).get(`/orgs/acme/teams/sre/memberships/${login}`);

  test("an active membership is a member, a pending one or a 404 is not, a 403 is unknown", async () => {
    membership("frank").reply(200, { url: `${API}/teams/1/memberships/frank`, role: "maintainer", state: "active" });
    membership("gina").reply(200, { url: `${API}/teams/1/memberships/gina`, role: "member", state: "pending" });
    membership("eve").reply(404, { message: "Not Found" });
    membership("hal").reply(403, { message: "Resource not accessible by integration" });
    await expect(host.teamMembership("acme", "sre", "frank")).resolves.toBe("member");
    await expect(host.teamMembership("acme", "sre", "gina")).resolves.toBe("not-member");
    await expect(host.teamMembership("acme", "sre", "eve")).resolves.toBe("not-member");
    await expect(host.teamMembership("acme", "sre", "hal")).resolves.toBe("unknown");
  });

  test("a server error is a typed failure naming the team and the user", async () => {
    membership("frank").reply(500, { message: "boom" });
    const error = await host.teamMembership("acme", "sre", "frank").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toContain("frank in acme/sre");
  });
});
