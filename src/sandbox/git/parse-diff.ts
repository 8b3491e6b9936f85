import type { FileChange } from "./git-store.js";

/** One entry of `git diff-tree -r -M -z --raw --no-abbrev`. */
export interface RawEntry {
  /** A, D, M, T (type change), R (rename) — copies are not detected. */
  status: string;
  oldSha: string;
  newSha: string;
  path: string;
  oldPath?: string;
}

export interface NumstatEntry {
  /** null for binary files, which numstat reports as `-`. */
  additions: number | null;
  deletions: number | null;
}

const ZERO_SHA = /^0+$/;

/** Parses `--raw -z` output: `:<modes> <shas> <status>\0<path>\0` (two paths for renames). */
export function parseRawZ(text: string): RawEntry[] {
  const tokens = text.split("\0");
  const entries: RawEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const meta = tokens[i];
    if (!meta?.startsWith(":")) continue;
    const [, , oldSha = "", newSha = "", statusField = ""] = meta.slice(1).split(" ");
    const status = statusField.charAt(0);
    if (status === "R" || status === "C") {
      entries.push({ status, oldSha, newSha, oldPath: tokens[i + 1] ?? "", path: tokens[i + 2] ?? "" });
      i += 2;
    } else {
      entries.push({ status, oldSha, newSha, path: tokens[i + 1] ?? "" });
      i += 1;
    }
  }
  return entries;
}

/** Parses `--numstat -z`: `<add>\t<del>\t<path>\0`, or `<add>\t<del>\t\0<old>\0<new>\0` for renames. */
export function parseNumstatZ(text: string): NumstatEntry[] {
  const tokens = text.split("\0");
  const entries: NumstatEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(tokens[i] ?? "");
    if (!match) continue;
    entries.push({ additions: toCount(match[1]), deletions: toCount(match[2]) });
    if (match[3] === "") i += 2;
  }
  return entries;
}

function toCount(field: string | undefined): number | null {
  return field === undefined || field === "-" ? null : Number(field);
}

/**
 * Splits `-p` output into one text per `diff --git` section and keeps only the hunks (from the
 * first `@@`), which is what GitHub's `patch` field holds. Sections without hunks (binary, pure
 * renames, mode changes, empty files) give `undefined`.
 */
export function splitPatches(text: string): (string | undefined)[] {
  const sections = text.split(/^(?=diff --git )/m).filter((s) => s.startsWith("diff --git "));
  return sections.map((section) => {
    const start = section.search(/^@@/m);
    return start === -1 ? undefined : section.slice(start).replace(/\n$/, "");
  });
}

const STATUS: Record<string, FileChange["status"]> = {
  A: "added",
  D: "removed",
  M: "modified",
  T: "modified",
  R: "renamed",
};

/**
 * Joins the three views of one diff, which git prints in the same order. A type change (file ↔
 * symlink) is printed by `-p` as a deletion plus a creation, so it takes two patch sections; its
 * patch is left out rather than guessed.
 */
export function buildFileChanges(raw: RawEntry[], numstat: NumstatEntry[], patches: (string | undefined)[]): FileChange[] {
  const expectedSections = raw.reduce((n, e) => n + (e.status === "T" ? 2 : 1), 0);
  const patchesAligned = expectedSections === patches.length;
  let section = 0;
  return raw.map((entry, index) => {
    const stats = numstat[index];
    const additions = stats?.additions ?? 0;
    const deletions = stats?.deletions ?? 0;
    const patch = entry.status === "T" || !patchesAligned ? undefined : patches[section];
    section += entry.status === "T" ? 2 : 1;
    const change: FileChange = {
      filename: entry.path,
      status: STATUS[entry.status] ?? "modified",
      additions,
      deletions,
      changes: additions + deletions,
      sha: entry.status === "D" || ZERO_SHA.test(entry.newSha) ? entry.oldSha : entry.newSha,
    };
    if (patch !== undefined) change.patch = patch;
    if (entry.oldPath !== undefined) change.previous_filename = entry.oldPath;
    return change;
  });
}
