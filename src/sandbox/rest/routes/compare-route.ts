import { diffFiles } from "../../git/diff-files.js";
import type { CompareResult } from "../../git/git-store.js";
import { renderCommit, renderDiffEntry } from "../../render/render-commit.js";
import { repoBase } from "../../render/render-env.js";
import type { RepoRecord } from "../../state/sandbox-state.js";
import { requireRepo } from "../require-repo.js";
import { notFound, type RestContext, type RestRequest, type RestResponse, type RestRoute } from "../rest-route.js";

export interface BaseHead {
  base: string;
  head: string;
  /** `base..head`: files are the direct diff of the two commits, not of head against the merge base */
  direct: boolean;
}

/** `main...feature`, `main..feature`, with optional `owner:` (or `owner:repo:`) prefixes of this repository. */
export const parseBaseHead = (basehead: string, repo: RepoRecord): BaseHead | null => {
  const triple = basehead.indexOf("...");
  const direct = triple < 0;
  const at = direct ? basehead.indexOf("..") : triple;
  if (at <= 0) return null;
  const base = ownRef(basehead.slice(0, at), repo);
  const head = ownRef(basehead.slice(at + (direct ? 2 : 3)), repo);
  return base && head ? { base, head, direct } : null;
};

const ownRef = (side: string, repo: RepoRecord): string | null => {
  const parts = side.split(":");
  const ref = parts.pop() ?? "";
  const [owner, name] = parts;
  if (owner !== undefined && owner.toLowerCase() !== repo.owner.toLowerCase()) return null;
  if (name !== undefined && name.toLowerCase() !== repo.name.toLowerCase()) return null;
  return ref === "" ? null : ref;
};

const compare = async (req: RestRequest, ctx: RestContext): Promise<RestResponse> => {
  const { repo } = requireRepo(ctx, req.params);
  const basehead = req.params["basehead"] ?? "";
  const parsed = parseBaseHead(basehead, repo);
  if (!parsed) throw notFound();
  const [baseSha, headSha] = await Promise.all([ctx.git.resolve(repo.owner, repo.name, parsed.base), ctx.git.resolve(repo.owner, repo.name, parsed.head)]);
  const result = baseSha && headSha ? await ctx.git.compare(repo.owner, repo.name, baseSha, headSha) : null;
  if (!baseSha || !headSha || !result) throw notFound();
  const files = parsed.direct ? await diffFiles(ctx.git.repoPath(repo.owner, repo.name), baseSha, headSha) : result.files;
  return { status: 200, body: await renderComparison(ctx, repo, basehead, baseSha, headSha, { ...result, files }) };
};

/** GitHub's `commit-comparison`. */
const renderComparison = async (ctx: RestContext, repo: RepoRecord, basehead: string, baseSha: string, headSha: string, result: CompareResult): Promise<Record<string, unknown>> => {
  const { api, html } = repoBase(ctx, repo);
  const [baseCommit, mergeBaseCommit] = await Promise.all([
    ctx.git.getCommit(repo.owner, repo.name, baseSha),
    ctx.git.getCommit(repo.owner, repo.name, result.mergeBase),
  ]);
  if (!baseCommit || !mergeBaseCommit) throw notFound();
  return {
    url: `${api}/compare/${basehead}`,
    html_url: `${html}/compare/${basehead}`,
    permalink_url: `${html}/compare/${repo.owner}:${baseSha}...${repo.owner}:${headSha}`,
    diff_url: `${html}/compare/${basehead}.diff`,
    patch_url: `${html}/compare/${basehead}.patch`,
    base_commit: renderCommit(ctx, repo, baseCommit),
    merge_base_commit: renderCommit(ctx, repo, mergeBaseCommit),
    status: result.status,
    ahead_by: result.aheadBy,
    behind_by: result.behindBy,
    total_commits: result.commits.length,
    commits: result.commits.map((c) => renderCommit(ctx, repo, c)),
    files: result.files.map((f) => renderDiffEntry(ctx, repo, f, headSha)),
  };
};

/**
 * Both spellings GitHub's description has: a router prefers `{base}...{head}` for single-segment
 * names and falls back to `{basehead}` (branch names with slashes, two-dot comparisons).
 */
export const compareRoutes: RestRoute[] = [
  { method: "GET", path: "/repos/{owner}/{repo}/compare/{basehead}", handler: compare },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/compare/{base}...{head}",
    handler: (req, ctx) => compare({ ...req, params: { ...req.params, basehead: `${req.params["base"] ?? ""}...${req.params["head"] ?? ""}` } }, ctx),
  },
];
