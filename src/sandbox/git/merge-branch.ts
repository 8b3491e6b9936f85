import type { CommitInfo, GitIdentity, MergeMethod, MergeResult } from "./git-store.js";
import { readCommits } from "./commit-log.js";
import { casRef, commitTree, isAncestor, mergeBase } from "./plumbing.js";
import { runGitRaw } from "./run-git.js";

export interface MergeRequest {
  /** Full ref of the base branch and the sha it was read at (the ref only moves from there). */
  baseRef: string;
  baseSha: string;
  headSha: string;
  method: MergeMethod;
  message: string;
  committer: GitIdentity;
}

/**
 * GitHub's merge button without a work tree. A head already contained in the base is a no-op
 * (ok, base sha). A base that moved while merging, like a content conflict, gives "conflict".
 */
export async function mergeBranch(gitDir: string, req: MergeRequest): Promise<MergeResult> {
  const { baseSha, headSha } = req;
  if (await isAncestor(gitDir, headSha, baseSha)) return { ok: true, sha: baseSha };
  const sha = await mergedSha(gitDir, req);
  if (sha === null) return { ok: false, reason: "conflict" };
  return (await casRef(gitDir, req.baseRef, sha, baseSha)) ? { ok: true, sha } : { ok: false, reason: "conflict" };
}

async function mergedSha(gitDir: string, req: MergeRequest): Promise<string | null> {
  const { baseSha, headSha, committer, message } = req;
  if (req.method === "rebase") return rebase(gitDir, baseSha, headSha, committer);
  const tree = await mergeTree(gitDir, baseSha, headSha);
  if (tree === null) return null;
  // "merge" always records both parents (GitHub's button never fast-forwards); squash keeps one.
  const parents = req.method === "merge" ? [baseSha, headSha] : [baseSha];
  return commitTree(gitDir, { tree, parents, message, author: committer, committer });
}

/** Tree of the three-way merge of two commits, or null on conflicts (or no common history). */
export async function mergeTree(gitDir: string, ours: string, theirs: string): Promise<string | null> {
  if ((await mergeBase(gitDir, ours, theirs)) === null) return null;
  const result = await runGitRaw(gitDir, ["merge-tree", "--write-tree", "--no-messages", ours, theirs], { okCodes: [1] });
  if (result.code === 1) return null;
  return result.stdout.toString("utf8").split("\n")[0]?.trim() ?? null;
}

/**
 * "Rebase and merge": a fast-forward when the base is behind the head; otherwise every
 * non-merge commit of the head is replayed onto the base, keeping its author and message.
 * A merge commit in the range is treated as a conflict, as replaying it is ambiguous.
 */
async function rebase(gitDir: string, baseSha: string, headSha: string, committer: GitIdentity): Promise<string | null> {
  if (await isAncestor(gitDir, baseSha, headSha)) return headSha;
  const commits = await readCommits(gitDir, ["--reverse", "--topo-order", `${baseSha}..${headSha}`]);
  let onto = baseSha;
  for (const commit of commits) {
    const next = await cherryPick(gitDir, onto, commit, committer);
    if (next === null) return null;
    onto = next;
  }
  return onto;
}

/**
 * git 2.39's merge-tree has no --merge-base, so a cherry-pick is expressed as a merge whose only
 * merge base is the picked commit's parent: a throwaway commit with the target's tree and that
 * parent, merged with the picked commit, gives target + (commit − parent).
 */
async function cherryPick(gitDir: string, onto: string, commit: CommitInfo, committer: GitIdentity): Promise<string | null> {
  const [parent, ...otherParents] = commit.parents;
  if (parent === undefined || otherParents.length > 0) return null;
  const ontoTree = (await readCommits(gitDir, ["-1", onto]))[0]?.tree;
  if (ontoTree === undefined) return null;
  const standIn = await commitTree(gitDir, { tree: ontoTree, parents: [parent], message: "rebase stand-in" });
  const tree = await mergeTree(gitDir, standIn, commit.sha);
  if (tree === null) return null;
  return commitTree(gitDir, { tree, parents: [onto], message: commit.message, author: commit.author, committer });
}
