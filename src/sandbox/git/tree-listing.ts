import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { TreeEntry } from "./git-store.js";

/** Parses `git ls-tree -z -l`: `<mode> <type> <sha> <size|->\t<path>\0`. */
export function parseLsTree(text: string): TreeEntry[] {
  return text
    .split("\0")
    .filter((line) => line.length > 0)
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode = "", type = "", sha = "", size = "-"] = line.slice(0, tab).trim().split(/\s+/);
      const entry: TreeEntry = {
        path: line.slice(tab + 1),
        mode: mode as TreeEntry["mode"],
        type: type as TreeEntry["type"],
        sha,
      };
      if (size !== "-") entry.size = Number(size);
      return entry;
    });
}

/**
 * `heads/x` or `refs/heads/x` → `refs/heads/x`, checked against git's ref-name rules so a bad
 * name is a clear error instead of a git failure (or a path outside refs/).
 */
export function toFullRef(ref: string): string {
  const full = ref.startsWith("refs/") ? ref : `refs/${ref}`;
  const parts = full.split("/");
  const invalid =
    parts.length < 3 ||
    parts.some((p) => p === "" || p.startsWith(".") || p.endsWith(".lock")) ||
    /\.\.|@\{|[~^:?*[\\]/.test(full) ||
    [...full].some((ch) => ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f) ||
    full.endsWith(".");
  if (invalid) {
    throw new AgenticOpsError("GIT_FAILED", `invalid ref name "${ref}"`, {
      hint: "Use a ref like refs/heads/my-branch, without spaces, '..', '~', '^', ':' or '\\'.",
      details: { ref },
    });
  }
  return full;
}
