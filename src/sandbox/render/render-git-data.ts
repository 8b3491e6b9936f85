import type { CommitInfo, TreeEntry } from "../git/git-store.js";
import type { RepoRecord } from "../state/sandbox-state.js";
import { gitDate, UNSIGNED } from "./render-commit.js";
import { wrappedBase64 } from "./render-content.js";
import { nodeId, repoBase, type RenderEnv } from "./render-env.js";

/** GitHub's `git-ref` for a full ref name (`refs/heads/main`). */
export const renderGitRef = (ctx: RenderEnv, repo: RepoRecord, ref: string, sha: string): Record<string, unknown> => {
  const { api } = repoBase(ctx, repo);
  return {
    ref,
    node_id: nodeId("Ref", `${repo.id}:${ref}`),
    url: `${api}/git/${ref}`,
    object: { type: "commit", sha, url: `${api}/git/commits/${sha}` },
  };
};

/** GitHub's `git-commit` (the git object). */
export const renderGitCommit = (ctx: RenderEnv, repo: RepoRecord, info: CommitInfo): Record<string, unknown> => {
  const { api, html } = repoBase(ctx, repo);
  const person = (p: CommitInfo["author"]) => ({ name: p.name, email: p.email, date: gitDate(p.date) });
  return {
    sha: info.sha,
    node_id: nodeId("Commit", `${repo.id}:${info.sha}`),
    url: `${api}/git/commits/${info.sha}`,
    html_url: `${html}/commit/${info.sha}`,
    author: person(info.author),
    committer: person(info.committer),
    tree: { sha: info.tree, url: `${api}/git/trees/${info.tree}` },
    message: info.message.replace(/\n+$/, ""),
    parents: info.parents.map((sha) => ({ sha, url: `${api}/git/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
    verification: UNSIGNED,
  };
};

/** GitHub's `git-tree`. */
export const renderGitTree = (ctx: RenderEnv, repo: RepoRecord, sha: string, entries: TreeEntry[]): Record<string, unknown> => {
  const { api } = repoBase(ctx, repo);
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    tree: entries.map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.type === "blob" ? { size: e.size ?? 0 } : {}),
      url: `${api}/git/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`,
    })),
    truncated: false,
  };
};

/** GitHub's `blob`, always base64 like GitHub's JSON form. */
export const renderBlob = (ctx: RenderEnv, repo: RepoRecord, sha: string, content: Buffer): Record<string, unknown> => ({
  sha,
  node_id: nodeId("Blob", `${repo.id}:${sha}`),
  size: content.length,
  url: `${repoBase(ctx, repo).api}/git/blobs/${sha}`,
  content: wrappedBase64(content),
  encoding: "base64",
});
