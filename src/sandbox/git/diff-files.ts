import type { FileChange } from "./git-store.js";
import { buildFileChanges, parseNumstatZ, parseRawZ, splitPatches } from "./parse-diff.js";
import { runGit } from "./run-git.js";

/** The tree of a commit without parents, so a root commit diffs as "everything added". */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

const DIFF_OPTS = ["-r", "-M", "--no-color", "--no-ext-diff", "--no-textconv"];

/** Files changed from one tree-ish to another, with GitHub's status, counts and patch. */
export async function diffFiles(gitDir: string, from: string, to: string): Promise<FileChange[]> {
  const [raw, numstat, patch] = await Promise.all([
    runGit(gitDir, ["diff-tree", ...DIFF_OPTS, "-z", "--raw", "--no-abbrev", from, to]),
    runGit(gitDir, ["diff-tree", ...DIFF_OPTS, "-z", "--numstat", from, to]),
    runGit(gitDir, ["diff-tree", ...DIFF_OPTS, "-p", from, to]),
  ]);
  return buildFileChanges(parseRawZ(raw), parseNumstatZ(numstat), splitPatches(patch));
}
