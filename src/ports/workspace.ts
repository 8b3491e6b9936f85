/**
 * A local git checkout the core can ask to revert commits in, without knowing about git itself.
 * Implemented with simple-git in src/adapters/git; clones over HTTPS with the installation token.
 */
export interface GitAuthor {
  name: string;
  email: string;
}

export type RevertOutcome =
  | { kind: "reverted"; /** the commits reverted, in the order applied (newest first) */ reverted: string[] }
  | { kind: "conflict"; /** the commit whose revert conflicted */ commit: string; files: string[] }
  | { kind: "empty"; /** reverting changed nothing (already reverted on the base) */ reverted: string[] };

export interface RevertTarget {
  sha: string;
  /** number of parents; merge commits are reverted against their first parent (`-m 1`) */
  parents: number;
}

export interface WorkspaceSession {
  /** HEAD of the checkout (the base branch tip until something is committed) */
  head(): Promise<string>;
  /** Revert the targets newest first into the index and work tree, without committing. */
  revert(targets: RevertTarget[]): Promise<RevertOutcome>;
  /** One commit of everything staged, with the given message (trailers included) and identity. */
  commit(message: string, author: GitAuthor): Promise<string>;
  /**
   * Push HEAD to a new branch; atomic: fails with "exists" when the branch already exists
   * (`--force-with-lease=<ref>:` with an empty expected value), so concurrent duplicates lose.
   */
  pushNewBranch(branch: string): Promise<"created" | "exists">;
  close(): Promise<void>;
}

export interface Workspace {
  /**
   * A blobless clone of `baseBranch`, deep enough to reach `since` (the last good commit). With
   * `paths`, only those files are checked out (sparse): a revert never needs the rest of the tree.
   */
  open(options: { cloneUrl: string; token: string; baseBranch: string; since: string; paths?: string[] }): Promise<WorkspaceSession>;
}
