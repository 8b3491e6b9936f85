import type { CommitInfo } from "./git-store.js";
import { runGit } from "./run-git.js";

/** Ten NUL-separated fields per commit; `-z` ends each commit with one more NUL. */
const LOG_FORMAT = "--format=%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B";
const FIELDS = 10;

/** Runs `git log` with the given revision/limit arguments and parses every commit it prints. */
export async function readCommits(gitDir: string, args: string[]): Promise<CommitInfo[]> {
  const text = await runGit(gitDir, ["log", "-z", "--no-decorate", "--no-show-signature", LOG_FORMAT, ...args]);
  return parseLog(text);
}

export function parseLog(text: string): CommitInfo[] {
  const tokens = text.split("\0");
  const commits: CommitInfo[] = [];
  for (let i = 0; i + FIELDS <= tokens.length; i += FIELDS) {
    const [sha = "", tree = "", parents = "", an = "", ae = "", ad = "", cn = "", ce = "", cd = "", message = ""] =
      tokens.slice(i, i + FIELDS);
    if (!sha) break;
    commits.push({
      sha,
      tree,
      parents: parents ? parents.split(" ") : [],
      author: { name: an, email: ae, date: githubDate(ad) },
      committer: { name: cn, email: ce, date: githubDate(cd) },
      // GitHub returns the message without git's trailing newline.
      message: message.replace(/\n+$/, ""),
    });
  }
  return commits;
}

/** GitHub prints commit dates in UTC without milliseconds: `2024-05-01T12:00:00Z`. */
function githubDate(isoWithOffset: string): string {
  const ms = Date.parse(isoWithOffset);
  return Number.isNaN(ms) ? isoWithOffset : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
