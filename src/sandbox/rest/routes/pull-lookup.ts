import { mergeTree } from "../../git/merge-branch.js";
import type { CompareResult } from "../../git/git-store.js";
import type { PullFigures, PullIssue } from "../../render/render-pull.js";
import type { RepoState } from "../../state/sandbox-state.js";
import { intParam } from "../route-input.js";
import { notFound, type RestContext } from "../rest-route.js";

/** The pull request named by `{pull_number}`; a plain issue's number is a 404, as on GitHub. */
export const requirePull = (repoState: RepoState, params: Record<string, string>): PullIssue => {
  const number = intParam(params, "pull_number");
  const issue = repoState.issues.find((i) => i.number === number);
  if (!issue?.pull) throw notFound();
  return issue as PullIssue;
};

/**
 * The base a pull request is diffed against: the live base branch while open, the base sha
 * recorded when it closed (or merged) afterwards, so a merged PR still shows its own changes.
 */
const baseOf = async (ctx: RestContext, repoState: RepoState, issue: PullIssue): Promise<string> => {
  if (issue.state !== "open") return issue.pull.baseSha;
  const { owner, name } = repoState.repo;
  return (await ctx.git.resolve(owner, name, `refs/heads/${issue.pull.base}`)) ?? issue.pull.baseSha;
};

/** The pull request's commits and files: head against its merge base with the base (`base...head`). */
export const pullDiff = async (ctx: RestContext, repoState: RepoState, issue: PullIssue): Promise<CompareResult | null> => {
  const { owner, name } = repoState.repo;
  return ctx.git.compare(owner, name, await baseOf(ctx, repoState, issue), issue.pull.headSha);
};

const FAILED = new Set(["failure", "error", "timed_out", "cancelled", "action_required"]);

/** A failing check run or commit status on the head makes GitHub report `unstable`. */
const headFailing = (repoState: RepoState, sha: string): boolean =>
  repoState.checkRuns.some((c) => c.headSha === sha && c.conclusion !== null && FAILED.has(c.conclusion)) ||
  repoState.statuses.some((s) => s.sha === sha && FAILED.has(s.state));

/**
 * `mergeable` from a real three-way merge of base and head (git merge-tree), as GitHub's test
 * merge; null once the pull request is closed.
 */
const mergeability = async (ctx: RestContext, repoState: RepoState, issue: PullIssue, diff: CompareResult | null): Promise<Pick<PullFigures, "mergeable" | "mergeableState">> => {
  if (issue.state !== "open" || !diff) return { mergeable: null, mergeableState: "unknown" };
  const { owner, name } = repoState.repo;
  const base = await baseOf(ctx, repoState, issue);
  const clean = diff.behindBy === 0 || (await mergeTree(ctx.git.repoPath(owner, name), base, issue.pull.headSha)) !== null;
  if (!clean) return { mergeable: false, mergeableState: "dirty" };
  if (issue.pull.draft) return { mergeable: true, mergeableState: "draft" };
  return { mergeable: true, mergeableState: headFailing(repoState, issue.pull.headSha) ? "unstable" : "clean" };
};

/** The figures of GitHub's full pull request object. */
export const pullFigures = async (ctx: RestContext, repoState: RepoState, issue: PullIssue): Promise<PullFigures> => {
  const diff = await pullDiff(ctx, repoState, issue);
  const files = diff?.files ?? [];
  return {
    ...(await mergeability(ctx, repoState, issue, diff)),
    commits: diff?.commits.length ?? 0,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changedFiles: files.length,
  };
};
