import { simpleGit } from "simple-git";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { CommitWithFiles } from "../../core/diagnose/rank-suspects.js";
import type { ChangedFile } from "../../ports/deploy-history.js";

/** More commits than this between good and bad are not worth ranking one by one. */
export const MAX_RANGE_COMMITS = 50;
// A huge generated file's patch says nothing the ranking can use and costs memory.
const MAX_PATCH_CHARS = 64 * 1024;
const FIELD = "\x1f";
const RECORD = "\x1e";
const ZERO_SHA = "0".repeat(40);
const STATUS: Record<string, string> = { A: "added", D: "removed", M: "modified", R: "renamed", C: "copied", T: "changed" };

export interface LocalRange {
  dir: string;
  good: string;
  bad: string;
  /** at most this many of the newest commits (default MAX_RANGE_COMMITS) */
  max?: number;
}

const failed = (what: string, error: unknown): AgenticOpsError =>
  new AgenticOpsError("GIT_FAILED", `${what}: ${error instanceof Error ? error.message.trim() : String(error)}`, {
    cause: error,
    hint: "pass --repo as a git checkout that has both commits (git fetch first), and --good/--bad as commits, branches or tags",
  });

/** `--good`/`--bad` become arguments of git: never let one read as an option. */
const checkRevision = (name: string, value: string): void => {
  if (value === "" || value.startsWith("-") || /\s|\.\./.test(value)) {
    throw new AgenticOpsError("GIT_FAILED", `--${name} "${value}" is not a commit, branch or tag`, { hint: "give a commit sha, branch or tag name" });
  }
};

interface RawEntry {
  status: string;
  path: string;
  previousPath: string | null;
  blobSha: string;
}

/** `:100644 100644 <old> <new> R087\told\tnew` → status, paths and the new blob. */
const parseRaw = (line: string): RawEntry | null => {
  const [meta = "", first = "", second] = line.slice(1).split("\t");
  const [, , , newBlob = ZERO_SHA, code = "M"] = meta.split(" ");
  const letter = code.charAt(0);
  const moved = letter === "R" || letter === "C";
  if (!first) return null;
  return { status: STATUS[letter] ?? "modified", path: moved && second ? second : first, previousPath: moved ? first : null, blobSha: newBlob };
};

/** The hunks of each file's patch, in the order git printed the files (the raw lines' order). */
const splitPatches = (text: string): string[] =>
  text
    .split(/^diff --git /m)
    .slice(1)
    .map((chunk) => {
      const start = chunk.indexOf("\n@@");
      const hunks = start < 0 ? "" : chunk.slice(start + 1).replace(/\n$/, "");
      return hunks.length > MAX_PATCH_CHARS ? hunks.slice(0, MAX_PATCH_CHARS) : hunks;
    });

/** Files of `git show --raw --numstat --patch`: raw lines, numstat lines, then the patches. */
export const parseShowOutput = (text: string): ChangedFile[] => {
  const patchStart = text.search(/^diff --git /m);
  const head = (patchStart < 0 ? text : text.slice(0, patchStart)).split("\n");
  const raw = head.filter((l) => l.startsWith(":")).map(parseRaw);
  const numstat = head.filter((l) => /^(\d+|-)\t(\d+|-)\t/.test(l)).map((l) => l.split("\t"));
  const patches = patchStart < 0 ? [] : splitPatches(text.slice(patchStart));
  return raw.flatMap((entry, i) => {
    if (!entry) return [];
    const [adds = "0", dels = "0"] = numstat[i] ?? [];
    const count = (n: string): number => (n === "-" ? 0 : Number(n));
    const patch = patches[i];
    return [{ ...entry, additions: count(adds), deletions: count(dels), patch: patch ? patch : null }];
  });
};

const parseLog = (text: string) =>
  text
    .split(RECORD)
    .map((r) => r.replace(/^\n/, ""))
    .filter((r) => r.trim() !== "")
    .map((record) => {
      const [sha = "", tree = "", parents = "", author = "", date = "", message = ""] = record.split(FIELD);
      return { sha, tree, parents: parents.split(" ").filter(Boolean), author, date, message: message.trim() };
    });

/**
 * The commits in `good..bad` of a local repository, oldest first, with their changed files and
 * patches: what the suspect ranking reads. Only the newest `max` commits are read.
 */
export const readLocalRange = async (range: LocalRange): Promise<CommitWithFiles[]> => {
  checkRevision("good", range.good);
  checkRevision("bad", range.bad);
  const git = simpleGit({ baseDir: range.dir });
  const format = ["%H", "%T", "%P", "%an", "%aI", "%B"].join(FIELD) + RECORD;
  let log: string;
  try {
    log = await git.raw(["log", `-n${range.max ?? MAX_RANGE_COMMITS}`, `--format=${format}`, `${range.good}..${range.bad}`, "--"]);
  } catch (error) {
    throw failed(`cannot list the commits ${range.good}..${range.bad} in ${range.dir}`, error);
  }
  const commits = parseLog(log).reverse();
  const out: CommitWithFiles[] = [];
  for (const commit of commits) {
    let show: string;
    try {
      // the first parent's diff, as GitHub shows a merge commit's changes in a comparison
      show = await git.raw(["-c", "core.quotePath=false", "show", "--format=", "--raw", "--no-abbrev", "--numstat", "--patch", "-M", "--diff-merges=first-parent", "--no-color", "--no-ext-diff", commit.sha, "--"]);
    } catch (error) {
      throw failed(`cannot read commit ${commit.sha}`, error);
    }
    out.push({ ...commit, files: parseShowOutput(show) });
  }
  return out;
};
