import type { SuspectRange } from "../../schemas/suspect-range.js";
import { code, noMentions } from "./markdown.js";

const short = (sha: string): string => code(sha.slice(0, 7));
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
const run = (r: SuspectRange): string => (r.lastSuccess ? `[run #${r.lastSuccess.runNumber}](${r.lastSuccess.url})` : "an earlier run");
// Branch names come from the repository: shown as code so they cannot format or mention.
const onBranch = (r: SuspectRange): string => (r.branch ? ` on ${code(r.branch)}` : "");
const cut = (r: SuspectRange): string => (r.total > r.commits ? ` (the first ${r.commits} of ${r.total}: GitHub lists no more in one comparison)` : "");
const note = (r: SuspectRange): string => (r.reason ? ` Note: ${noMentions(r.reason)}.` : "");

const ranked = (r: SuspectRange): string => {
  switch (r.kind) {
    case "pull-request":
      return `Suspects were ranked from the ${plural(r.commits, "commit")} of pull request #${r.pullRequest ?? "?"} (${short(r.base ?? r.head)}..${short(r.head)})${cut(r)}.`;
    case "since-last-success":
      return `Suspects were ranked from the ${plural(r.commits, "commit")}${onBranch(r)} since ${short(r.base ?? r.head)}, where ${run(r)} of this workflow last passed, up to the failing ${short(r.head)}${cut(r)}.${note(r)}`;
    case "failing-commit":
      return `Suspects were ranked from the failing commit ${short(r.head)} alone: no earlier successful run of this workflow${onBranch(r)} was found.`;
    case "unchanged":
      return `No commit to suspect: ${short(r.head)} itself passed ${run(r)} of this workflow${onBranch(r)}, so the failure came without a code change (flaky, or something outside the repository changed).`;
    case "unavailable":
      return `No suspect commits: ${noMentions(r.reason ?? "the commits could not be listed")}.`;
  }
};

/**
 * Which commits the suspects were ranked from, in one or two sentences, and that none of them
 * earned a place when the table is empty: a reader must know what "no suspect" covered.
 */
export const renderSuspectRange = (r: SuspectRange, suspects: number): string => {
  const none = suspects === 0 && r.commits > 0 ? ` None of ${r.commits === 1 ? "it" : "them"} changes what the error names or a risky file.` : "";
  return `${ranked(r)}${none}`;
};
