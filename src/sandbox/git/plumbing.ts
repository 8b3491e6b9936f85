import type { GitIdentity } from "./git-store.js";
import { identityEnv, runGit, runGitRaw, tryGit } from "./run-git.js";

export const ZERO_SHA = "0".repeat(40);

/** Full sha of the commit (or tree/blob with `peel`) a revision names; null when unknown. */
export async function revParse(gitDir: string, rev: string, peel: "commit" | "tree" | "object" = "commit"): Promise<string | null> {
  // A leading dash would be read as an option; no ref or sha starts with one.
  if (rev === "" || rev.startsWith("-")) return null;
  const out = await tryGit(gitDir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{${peel}}`]);
  return out === null ? null : out.trim();
}

/** Type of an object (`blob`, `tree`, `commit`, `tag`), or null when it does not exist. */
export async function objectType(gitDir: string, sha: string): Promise<string | null> {
  if (!/^[0-9a-f]{4,40}$/i.test(sha)) return null;
  const out = await tryGit(gitDir, ["cat-file", "-t", sha]);
  return out === null ? null : out.trim();
}

export async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGitRaw(gitDir, ["merge-base", "--is-ancestor", ancestor, descendant], { okCodes: [1] });
  return result.code === 0;
}

export async function mergeBase(gitDir: string, a: string, b: string): Promise<string | null> {
  const out = await tryGit(gitDir, ["merge-base", a, b]);
  return out === null ? null : out.trim();
}

export interface NewCommit {
  tree: string;
  parents: string[];
  message: string;
  author?: GitIdentity;
  committer?: GitIdentity;
}

/** Writes a commit object; the message goes through stdin so any text is safe. */
export async function commitTree(gitDir: string, commit: NewCommit): Promise<string> {
  const args = ["commit-tree", commit.tree, ...commit.parents.flatMap((p) => ["-p", p])];
  const message = commit.message.endsWith("\n") ? commit.message : `${commit.message}\n`;
  const env = identityEnv(commit.author, commit.committer);
  return (await runGit(gitDir, args, { input: message, env })).trim();
}

/**
 * Compare-and-swap of a ref: moves `ref` to `sha` only if it still points at `expected`
 * (ZERO_SHA = must not exist). Returns false when another writer got there first.
 */
export async function casRef(gitDir: string, ref: string, sha: string, expected: string): Promise<boolean> {
  const result = await runGitRaw(gitDir, ["update-ref", ref, sha, expected], { okCodes: "any" });
  return result.code === 0;
}
