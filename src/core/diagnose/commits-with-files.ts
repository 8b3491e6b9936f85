import type { Comparison } from "../../ports/deploy-history.js";
import type { CommitWithFiles } from "./rank-suspects.js";

/**
 * A comparison's commits for suspect ranking. A compare lists files for the whole range only, so
 * a single-commit range's files are that commit's; longer ranges are ranked on their messages and
 * the error (per-commit files would cost one API call per commit).
 */
export const commitsWithFiles = (comparison: Comparison | null): CommitWithFiles[] =>
  comparison === null ? [] : comparison.commits.map((c) => ({ ...c, files: comparison.commits.length === 1 ? comparison.files : [] }));
