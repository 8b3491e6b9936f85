import { userOfIdentity } from "../rest/acting-user.js";
import type { CommitInfo, FileChange, GitIdentity } from "../git/git-store.js";
import type { RepoRecord } from "../state/sandbox-state.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";
import { renderUser } from "./render-user.js";

/** GitHub's timestamps: UTC, seconds precision. */
export const gitDate = (date: string): string => new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Path segments escaped for URLs, slashes kept. */
export const urlPath = (path: string): string => path.split("/").map(encodeURIComponent).join("/");

const gitUser = (identity: Required<GitIdentity>): Record<string, unknown> => ({
  name: identity.name,
  email: identity.email,
  date: gitDate(identity.date),
});

/** The linked account of a git identity; `{}` when none, as the spec's `empty-object` allows. */
const linkedUser = (ctx: RenderEnv, identity: GitIdentity): Record<string, unknown> => {
  const user = userOfIdentity(ctx.state, identity);
  return user ? renderUser(user, ctx.apiUrl, ctx.origin) : {};
};

export const UNSIGNED = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

/** GitHub's `diff-entry` for a file changed in `commitSha` (the commit whose side the links show). */
export const renderDiffEntry = (ctx: RenderEnv, repo: RepoRecord, change: FileChange, commitSha: string): Record<string, unknown> => {
  const { api, html } = repoBase(ctx, repo);
  const path = urlPath(change.filename);
  return {
    sha: change.sha,
    filename: change.filename,
    status: change.status,
    additions: change.additions,
    deletions: change.deletions,
    changes: change.changes,
    blob_url: `${html}/blob/${commitSha}/${path}`,
    raw_url: `${html}/raw/${commitSha}/${path}`,
    contents_url: `${api}/contents/${path}?ref=${commitSha}`,
    ...(change.patch === undefined ? {} : { patch: change.patch }),
    ...(change.previous_filename === undefined ? {} : { previous_filename: change.previous_filename }),
  };
};

/** GitHub's `commit` (the REST commit, not the git object); `files` adds `stats` and `files`. */
export const renderCommit = (ctx: RenderEnv, repo: RepoRecord, info: CommitInfo, files?: FileChange[]): Record<string, unknown> => {
  const { api, html } = repoBase(ctx, repo);
  const rendered: Record<string, unknown> = {
    url: `${api}/commits/${info.sha}`,
    sha: info.sha,
    node_id: nodeId("Commit", `${repo.id}:${info.sha}`),
    html_url: `${html}/commit/${info.sha}`,
    comments_url: `${api}/commits/${info.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${info.sha}`,
      author: gitUser(info.author),
      committer: gitUser(info.committer),
      message: info.message.replace(/\n+$/, ""),
      tree: { sha: info.tree, url: `${api}/git/trees/${info.tree}` },
      comment_count: 0,
      verification: UNSIGNED,
    },
    author: linkedUser(ctx, info.author),
    committer: linkedUser(ctx, info.committer),
    parents: info.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
  };
  if (files === undefined) return rendered;
  const additions = files.reduce((n, f) => n + f.additions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  return {
    ...rendered,
    stats: { additions, deletions, total: additions + deletions },
    files: files.map((f) => renderDiffEntry(ctx, repo, f, info.sha)),
  };
};
