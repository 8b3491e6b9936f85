import type { CommitInfo } from "../../git/git-store.js";
import { renderCommit } from "../../render/render-commit.js";
import { repoBase } from "../../render/render-env.js";
import { renderPullSimple, type PullIssue } from "../../render/render-pull.js";
import type { RepoRecord } from "../../state/sandbox-state.js";
import { userOfIdentity } from "../acting-user.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { RestError, unprocessable, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";
import { compareRoutes } from "./compare-route.js";

const PAGE = 100;

/** Every commit `git log` would list (paging through the store), for GitHub-style pagination. */
const allCommits = async (ctx: RestContext, repo: RepoRecord, start: string, req: RestRequest): Promise<CommitInfo[]> => {
  const all: CommitInfo[] = [];
  const { path, since, until } = req.query;
  for (let page = 1; ; page++) {
    const batch = await ctx.git.listCommits(repo.owner, repo.name, { sha: start, path, since, until, perPage: PAGE, page });
    all.push(...batch);
    if (batch.length < PAGE) return all;
  }
};

/** `author`/`committer` filters match a GitHub login or an email address, as on GitHub. */
const matchesPerson = (ctx: RestContext, filter: string | undefined, person: CommitInfo["author"]): boolean => {
  if (!filter) return true;
  if (person.email.toLowerCase() === filter.toLowerCase()) return true;
  return userOfIdentity(ctx.state, person)?.login.toLowerCase() === filter.toLowerCase();
};

const listCommits = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const ref = req.query["sha"] || repo.defaultBranch;
  const start = await ctx.git.resolve(repo.owner, repo.name, ref);
  if (start === null) {
    if ((await ctx.git.listRefs(repo.owner, repo.name)).length === 0) throw new RestError(409, "Git Repository is empty.");
    throw new RestError(404, `No commit found for SHA: ${ref}`);
  }
  const commits = (await allCommits(ctx, repo, start, req)).filter(
    (c) => matchesPerson(ctx, req.query["author"], c.author) && matchesPerson(ctx, req.query["committer"], c.committer),
  );
  const page = paginate(commits, req.query, `${repoBase(ctx, repo).api}/commits`);
  return { status: 200, body: page.items.map((c) => renderCommit(ctx, repo, c)), headers: page.headers };
};

const getCommit = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const ref = req.params["ref"] ?? "";
  const sha = await ctx.git.resolve(repo.owner, repo.name, ref);
  const info = sha === null ? null : await ctx.git.getCommit(repo.owner, repo.name, sha);
  if (!info) throw unprocessable(`No commit found for SHA: ${ref}`);
  const files = await ctx.git.commitFilesChanged(repo.owner, repo.name, info.sha);
  return { status: 200, body: renderCommit(ctx, repo, info, files) };
};

/** Pull requests whose head is the commit, or that were merged as it (GitHub also walks history). */
const pullsForCommit = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const repoState = requireRepo(ctx, req.params);
  const { repo } = repoState;
  const given = req.params["commit_sha"] ?? "";
  const sha = (await ctx.git.resolve(repo.owner, repo.name, given)) ?? given;
  const pulls = repoState.issues.filter(
    (i): i is PullIssue => i.pull !== undefined && (i.pull.headSha === sha || i.pull.mergeCommitSha === sha),
  );
  const page = paginate(pulls, req.query, `${repoBase(ctx, repo).api}/commits/${given}/pulls`);
  return { status: 200, body: page.items.map((p) => renderPullSimple(ctx, repoState, p)), headers: page.headers };
};

export const commitsRoutes: RestRoute[] = [
  { method: "GET", path: "/repos/{owner}/{repo}/commits", handler: listCommits },
  { method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}", handler: getCommit },
  { method: "GET", path: "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", handler: pullsForCommit },
  ...compareRoutes,
];
