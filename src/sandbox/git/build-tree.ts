import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { runGit } from "./run-git.js";

/** One change to a tree, applied to a temporary index. */
export type TreeEdit =
  /** A blob (or a gitlink with mode 160000); without a mode, keeps the existing one or 100644. */
  | { kind: "blob"; path: string; sha: string; mode?: string }
  /** Removes a file, or a whole directory. */
  | { kind: "delete"; path: string }
  /** Replaces whatever is at `path` with the content of an existing tree. */
  | { kind: "tree"; path: string; sha: string };

const REMOVE = `0 ${"0".repeat(40)}`;

/**
 * Builds a tree from `baseTree` (or from nothing) plus edits, without a work tree: a throwaway
 * index (GIT_INDEX_FILE) is filled with `read-tree`, edited with `update-index --index-info`, and
 * written with `write-tree`. Plumbing only, so concurrent calls never share state.
 */
export async function buildTree(gitDir: string, baseTree: string | null, edits: TreeEdit[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sandbox-index-"));
  const env = { GIT_INDEX_FILE: join(dir, "index"), GIT_LITERAL_PATHSPECS: "1" };
  try {
    await runGit(gitDir, baseTree ? ["read-tree", baseTree] : ["read-tree", "--empty"], { env });
    const normalized = edits.map((edit) => ({ ...edit, path: normalizeRepoPath(edit.path) }));
    const lines = [...(await removals(gitDir, env, normalized)), ...(await additions(gitDir, env, normalized))];
    if (lines.length > 0) {
      await runGit(gitDir, ["update-index", "-z", "--index-info"], { env, input: lines.map((l) => `${l}\0`).join("") });
    }
    return (await runGit(gitDir, ["write-tree"], { env })).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Index entries at or below every deleted or replaced-by-tree path. */
async function removals(gitDir: string, env: Record<string, string>, edits: TreeEdit[]): Promise<string[]> {
  const paths = edits.filter((e) => e.kind !== "blob").map((e) => e.path);
  if (paths.length === 0) return [];
  const listed = await runGit(gitDir, ["ls-files", "-z", "--", ...paths], { env });
  return splitZ(listed).map((path) => `${REMOVE}\t${path}`);
}

async function additions(gitDir: string, env: Record<string, string>, edits: TreeEdit[]): Promise<string[]> {
  const modes = await currentModes(gitDir, env, edits);
  const lines: string[] = [];
  for (const edit of edits) {
    if (edit.kind === "blob") lines.push(`${edit.mode ?? modes.get(edit.path) ?? "100644"} ${edit.sha}\t${edit.path}`);
    if (edit.kind !== "tree") continue;
    const listed = await runGit(gitDir, ["ls-tree", "-r", "-z", edit.sha]);
    for (const entry of splitZ(listed)) {
      const [meta = "", path = ""] = entry.split("\t");
      const [mode = "", , sha = ""] = meta.split(" ");
      lines.push(`${mode} ${sha}\t${edit.path}/${path}`);
    }
  }
  return lines;
}

/** Modes of files about to be overwritten, so an executable stays executable. */
async function currentModes(gitDir: string, env: Record<string, string>, edits: TreeEdit[]): Promise<Map<string, string>> {
  const paths = edits.filter((e) => e.kind === "blob" && e.mode === undefined).map((e) => e.path);
  const modes = new Map<string, string>();
  if (paths.length === 0) return modes;
  const listed = await runGit(gitDir, ["ls-files", "-s", "-z", "--", ...paths], { env });
  for (const entry of splitZ(listed)) {
    const [meta = "", path = ""] = entry.split("\t");
    modes.set(path, meta.split(" ")[0] ?? "100644");
  }
  return modes;
}

function splitZ(text: string): string[] {
  return text.split("\0").filter((s) => s.length > 0);
}

/** A repository-relative path as git stores it; rejects anything that could escape the tree. */
export function normalizeRepoPath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  const parts = trimmed.split("/");
  if (trimmed === "" || parts.some((p) => p === "" || p === "." || p === ".." || p === ".git")) {
    throw new AgenticOpsError("GIT_FAILED", `invalid path "${path}"`, {
      hint: "Use a relative path like src/app.ts, without empty, '.', '..' or '.git' segments.",
      details: { path },
    });
  }
  return trimmed;
}
