/** Git data of the sandbox's repositories: real bare repositories on disk, driven by the git CLI. */
export interface GitIdentity {
  name: string;
  email: string;
  /** ISO 8601; defaults to now */
  date?: string;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: Required<GitIdentity>;
  committer: Required<GitIdentity>;
  message: string;
}

export interface FileChange {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed";
  additions: number;
  deletions: number;
  changes: number;
  /** unified diff hunk text as GitHub returns it (no `diff --git` header); absent for binary */
  patch?: string;
  previous_filename?: string;
  /** blob sha of the new version (or of the old one for removed files) */
  sha: string;
}

export interface TreeEntry {
  path: string;
  mode: "100644" | "100755" | "040000" | "160000" | "120000";
  type: "blob" | "tree" | "commit";
  sha: string;
  size?: number;
}

export interface PathContent {
  type: "file" | "dir";
  /** blob sha for files, tree sha for directories */
  sha: string;
  path: string;
  /** file content (files only) */
  content?: Buffer;
  /** directory entries (dirs only) */
  entries?: TreeEntry[];
}

export interface CommitFilesSpec {
  message: string;
  author?: GitIdentity;
  committer?: GitIdentity;
  /** path → content; `null` deletes the file */
  files: Record<string, string | null>;
}

export type RefUpdateResult = "ok" | "exists" | "not-found" | "not-fast-forward";

export interface ListCommitsOptions {
  /** branch, tag or sha to start from; default branch when omitted */
  sha?: string;
  path?: string;
  since?: string;
  until?: string;
  perPage?: number;
  page?: number;
}

export interface CompareResult {
  status: "ahead" | "behind" | "identical" | "diverged";
  aheadBy: number;
  behindBy: number;
  mergeBase: string;
  /** base..head, oldest first (as GitHub's compare) */
  commits: CommitInfo[];
  files: FileChange[];
}

export type MergeMethod = "merge" | "squash" | "rebase";
export type MergeResult = { ok: true; sha: string } | { ok: false; reason: "conflict" | "not-found" };

export interface GitStore {
  /** Absolute path of the repository's bare directory (for git http-backend). */
  repoPath(owner: string, name: string): string;
  createRepo(owner: string, name: string, defaultBranch: string): Promise<void>;
  /** Commit files on top of `branch` (creating the branch when missing) without a work tree. */
  commitFiles(owner: string, name: string, branch: string, spec: CommitFilesSpec): Promise<string>;
  /** Resolve a branch, tag, full ref or (abbreviated) sha to a commit sha; null when unknown. */
  resolve(owner: string, name: string, ref: string): Promise<string | null>;
  /** Full refs (`refs/heads/x`, `refs/tags/y`) with their shas, optionally under a prefix. */
  listRefs(owner: string, name: string, prefix?: string): Promise<{ ref: string; sha: string }[]>;
  /** Atomic: `create` fails with "exists" when the ref exists; non-force updates must fast-forward. */
  updateRef(owner: string, name: string, ref: string, sha: string, opts: { create?: boolean; force?: boolean }): Promise<RefUpdateResult>;
  deleteRef(owner: string, name: string, ref: string): Promise<RefUpdateResult>;
  getCommit(owner: string, name: string, sha: string): Promise<CommitInfo | null>;
  listCommits(owner: string, name: string, opts: ListCommitsOptions): Promise<CommitInfo[]>;
  compare(owner: string, name: string, base: string, head: string): Promise<CompareResult | null>;
  /** Files changed by a single commit against its first parent. */
  commitFilesChanged(owner: string, name: string, sha: string): Promise<FileChange[]>;
  readPath(owner: string, name: string, ref: string, path: string): Promise<PathContent | null>;
  createBlob(owner: string, name: string, content: Buffer): Promise<string>;
  getBlob(owner: string, name: string, sha: string): Promise<Buffer | null>;
  createTree(owner: string, name: string, baseTree: string | undefined, entries: { path: string; mode: string; type: string; sha?: string | null; content?: string }[]): Promise<string>;
  getTree(owner: string, name: string, sha: string, recursive: boolean): Promise<TreeEntry[] | null>;
  createCommit(owner: string, name: string, commit: { message: string; tree: string; parents: string[]; author?: GitIdentity; committer?: GitIdentity }): Promise<string>;
  /** Merge `head` into `base` branch the way GitHub's merge button does; moves the base ref. */
  merge(owner: string, name: string, base: string, head: string, method: MergeMethod, message: string, committer: GitIdentity): Promise<MergeResult>;
}
