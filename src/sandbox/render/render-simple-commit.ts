import type { CommitInfo } from "../git/git-store.js";

const utc = (date: string): string => new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");

/** GitHub's `simple-commit` (the `head_commit` of workflow runs and check suites). */
export const renderSimpleCommit = (commit: CommitInfo): Record<string, unknown> => ({
  id: commit.sha,
  tree_id: commit.tree,
  message: commit.message.replace(/\n+$/, ""),
  timestamp: utc(commit.committer.date),
  author: { name: commit.author.name, email: commit.author.email },
  committer: { name: commit.committer.name, email: commit.committer.email },
});
