import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { octokitChangePublisher } from "../../src/adapters/github/octokit-change-publisher.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { ChangePublisher } from "../../src/ports/change-publisher.js";

const API = "https://api.github.com";
const R = "/repos/acme/shop";
const repo = { owner: "acme", name: "shop" };
const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
const sha = (c: string) => c.repeat(40);
const BRANCH = "agenticops/inc-0123456789ab";
const author = { name: "agenticops[bot]", email: "99+agenticops[bot]@users.noreply.github.com" };
const change = { branch: BRANCH, parent: sha("f"), baseTree: sha("7"), message: "Roll back\n\nAgenticops-Incident: inc-0123456789ab\n", files: [{ path: "k8s/deployment.yaml", text: "image: shop:1.4.2\n" }], author };
const pull = (number: number, state: string, merged_at: string | null) => ({ number, html_url: `https://github.com/acme/shop/pull/${number}`, state, merged_at, head: { sha: sha("c") }, body: null });

let publisher: ChangePublisher;
let bodies: unknown[];
const capture = (body: unknown) => {
  bodies.push(body);
  return true;
};
beforeEach(() => {
  nock.disableNetConnect();
  bodies = [];
  publisher = octokitChangePublisher(new Octokit({ auth: { token: "installation-token" } }));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("readFile", () => {
  test("decodes the file at the ref and keeps its blob sha", async () => {
    nock(API)
      .get(`${R}/contents/k8s%2Fdeployment.yaml`)
      .query({ ref: "main" })
      .reply(200, { type: "file", encoding: "base64", sha: sha("9"), content: Buffer.from("image: shop:1.5.0\n").toString("base64") });
    await expect(publisher.readFile(repo, "k8s/deployment.yaml", "main")).resolves.toEqual({ path: "k8s/deployment.yaml", text: "image: shop:1.5.0\n", blobSha: sha("9") });
  });

  test("absent (404) or a directory is null; a server error is CODE_HOST_FAILED", async () => {
    nock(API).get(`${R}/contents/gone.yaml`).query(true).reply(404, { message: "Not Found" });
    nock(API).get(`${R}/contents/k8s`).query(true).reply(200, [{ type: "file", path: "k8s/a.yaml" }]);
    nock(API).get(`${R}/contents/boom.yaml`).query(true).reply(500, { message: "boom" });
    await expect(publisher.readFile(repo, "gone.yaml", "main")).resolves.toBeNull();
    await expect(publisher.readFile(repo, "k8s", "main")).resolves.toBeNull();
    const error = await publisher.readFile(repo, "boom.yaml", "main").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toBe("GitHub API call failed: read boom.yaml@main (status 500)");
  });
});

describe("commitToNewBranch", () => {
  const treeAndCommit = () =>
    nock(API)
      .post(`${R}/git/trees`, capture)
      .reply(201, { sha: sha("8") })
      .post(`${R}/git/commits`, capture)
      .reply(201, { sha: sha("e") });

  test("tree on the base tree, commit on the parent, then the branch ref", async () => {
    const scope = treeAndCommit().post(`${R}/git/refs`, capture).reply(201, { ref: `refs/heads/${BRANCH}` });
    await expect(publisher.commitToNewBranch(repo, change)).resolves.toEqual({ kind: "created", sha: sha("e") });
    expect(scope.isDone()).toBe(true);
    expect(bodies).toEqual([
      { base_tree: sha("7"), tree: [{ path: "k8s/deployment.yaml", mode: "100644", type: "blob", content: "image: shop:1.4.2\n" }] },
      { message: change.message, tree: sha("8"), parents: [sha("f")], author, committer: author },
      { ref: `refs/heads/${BRANCH}`, sha: sha("e") },
    ]);
  });

  test("the ref exists (422): \"exists\", and nothing more is called", async () => {
    const scope = treeAndCommit().post(`${R}/git/refs`).reply(422, { message: "Reference already exists" });
    const unmatched: unknown[] = [];
    const record = (req: unknown) => void unmatched.push(req);
    nock.emitter.on("no match", record);
    await expect(publisher.commitToNewBranch(repo, change)).resolves.toEqual({ kind: "exists" });
    await new Promise((r) => setTimeout(r, 20));
    nock.emitter.removeListener("no match", record);
    expect(scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
  });

  test("any other ref failure is CODE_HOST_FAILED naming the branch", async () => {
    treeAndCommit().post(`${R}/git/refs`).reply(403, { message: "Resource not accessible by integration" });
    const error = await publisher.commitToNewBranch(repo, change).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
    expect((error as Error).message).toBe(`GitHub API call failed: create branch ${BRANCH} (status 403)`);
  });

  test("a failed tree stops before any commit or ref", async () => {
    nock(API).post(`${R}/git/trees`).reply(500, { message: "boom" });
    const error = await publisher.commitToNewBranch(repo, change).catch((e: unknown) => e);
    expect((error as Error).message).toBe("GitHub API call failed: create tree (status 500)");
  });
});

describe("pull requests", () => {
  test("findPullRequests asks for every state from owner:branch and maps state and merge", async () => {
    nock(API)
      .get(`${R}/pulls`)
      .query({ head: `acme:${BRANCH}`, state: "all", per_page: "10" })
      .reply(200, [pull(3, "open", null), pull(2, "closed", "2026-11-23T15:00:00Z"), pull(1, "closed", null)]);
    const prs = await publisher.findPullRequests(repo, BRANCH);
    expect(prs.map((p) => [p.number, p.state, p.merged])).toEqual([
      [3, "open", false],
      [2, "closed", true],
      [1, "closed", false],
    ]);
    expect(prs[0]).toEqual({ number: 3, url: "https://github.com/acme/shop/pull/3", state: "open", merged: false, headSha: sha("c"), body: "" });
  });

  test("createPullRequest sends title, body, head and base, and does not let forks modify it", async () => {
    nock(API).post(`${R}/pulls`, capture).reply(201, { ...pull(4, "open", null), body: "the body" });
    const created = await publisher.createPullRequest(repo, { title: "Roll back", body: "the body", head: BRANCH, base: "main" });
    expect(created).toMatchObject({ number: 4, state: "open", body: "the body" });
    expect(bodies).toEqual([{ title: "Roll back", body: "the body", head: BRANCH, base: "main", maintainer_can_modify: false }]);
  });

  test("labels, reviewers and comments go to their endpoints with the expected bodies", async () => {
    const scope = nock(API)
      .post(`${R}/issues/4/labels`, capture)
      .reply(200, [])
      .post(`${R}/pulls/4/requested_reviewers`, capture)
      .reply(201, {})
      .post(`${R}/issues/4/comments`, capture)
      .reply(201, {});
    await publisher.addLabels(repo, 4, ["agenticops", "rollback", "severity/high"]);
    await publisher.requestReviewers(repo, 4, { users: ["alice"], teams: ["sre"] });
    await publisher.comment(repo, 4, "handed over");
    expect(scope.isDone()).toBe(true);
    expect(bodies).toEqual([{ labels: ["agenticops", "rollback", "severity/high"] }, { reviewers: ["alice"], team_reviewers: ["sre"] }, { body: "handed over" }]);
  });

  test("listComments follows the Link header across pages, oldest first", async () => {
    const page2 = `${API}/repositories/1/issues/4/comments?per_page=100&page=2`;
    nock(API)
      .get(`${R}/issues/4/comments`)
      .query({ per_page: "100" })
      .reply(200, [{ body: "first" }, { body: null }], { link: `<${page2}>; rel="next", <${page2}>; rel="last"` })
      .get("/repositories/1/issues/4/comments")
      .query({ per_page: "100", page: "2" })
      .reply(200, [{ body: "third" }]);
    await expect(publisher.listComments(repo, 4)).resolves.toEqual(["first", "", "third"]);
  });
});

describe("policy facts", () => {
  const listed = (number: number, ref: string, created_at: string) => ({ ...pull(number, "open", null), head: { sha: sha("c"), ref }, created_at });

  test("recent pull requests: one page, newest first, only the prefix's branches since the given time", async () => {
    let query: unknown;
    nock(API)
      .get(`${R}/pulls`)
      .query((q) => {
        query = q;
        return true;
      })
      .reply(200, [
        listed(9, "agenticops/inc-bbbbbbbbbbbb", "2026-11-23T14:00:00Z"),
        listed(8, "feature/x", "2026-11-23T13:50:00Z"),
        listed(7, "agenticops/inc-aaaaaaaaaaaa", "2026-11-23T13:10:00Z"),
        listed(6, "agenticops/inc-cccccccccccc", "2026-11-23T12:00:00Z"),
      ]);
    const recent = await publisher.listRecentPullRequests(repo, new Date("2026-11-23T13:05:00Z"), "agenticops/");
    expect(query).toEqual({ state: "all", sort: "created", direction: "desc", per_page: "100" });
    expect(recent).toEqual([
      { number: 9, head: "agenticops/inc-bbbbbbbbbbbb", createdAt: "2026-11-23T14:00:00Z" },
      { number: 7, head: "agenticops/inc-aaaaaaaaaaaa", createdAt: "2026-11-23T13:10:00Z" },
    ]);
  });

  test("an open item with the label: one request for one result", async () => {
    nock(API).get(`${R}/issues`).query({ labels: "agenticops/stop", state: "open", per_page: "1" }).reply(200, [{ number: 3, labels: [{ name: "agenticops/stop" }] }]);
    nock(API).get(`${R}/issues`).query({ labels: "ops/halt", state: "open", per_page: "1" }).reply(200, []);
    await expect(publisher.hasOpenItemWithLabel(repo, "agenticops/stop")).resolves.toBe(true);
    await expect(publisher.hasOpenItemWithLabel(repo, "ops/halt")).resolves.toBe(false);
  });

  test("a failure is CODE_HOST_FAILED: the gate cannot run on facts it could not read", async () => {
    nock(API).get(`${R}/issues`).query(true).reply(502, { message: "bad gateway" });
    const error = await publisher.hasOpenItemWithLabel(repo, "agenticops/stop").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
  });
});
