import type { RevertTarget } from "../../ports/workspace.js";

/** The exact commands a human runs to do the revert the bot could not: same branch name, same order. */
export const revertCommands = (branch: string, base: string, targets: RevertTarget[]): string[] => [
  "git fetch origin",
  `git switch -c ${branch} origin/${base}`,
  ...targets.map((t) => `git revert --no-edit${t.parents > 1 ? " -m 1" : ""} ${t.sha}`),
  "# resolve any conflict, `git add` the files, then `git revert --continue`",
  `git push -u origin ${branch}`,
];
