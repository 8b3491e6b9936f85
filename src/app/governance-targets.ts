import { BOT_BRANCH_PREFIX } from "../core/act/bot-pull-request.js";
import { POLICY_CHECK_NAME } from "../core/render/render-policy-check.js";
import type { HeadChecksEvent } from "../schemas/head-checks-event.js";

/** Which of the bot's pull requests a check result may concern: by number when GitHub says, else by branch. */
export interface GovernanceTargets {
  numbers: number[];
  branches: string[];
}

const onBotBranch = (ref: string | null | undefined): ref is string => typeof ref === "string" && ref.startsWith(BOT_BRANCH_PREFIX);

const fromRefs = (pulls: { number: number; head: { ref: string } }[], branch: string | null | undefined): GovernanceTargets => {
  const numbers = pulls.filter((p) => onBotBranch(p.head.ref)).map((p) => p.number);
  return numbers.length > 0 ? { numbers, branches: [] } : { numbers: [], branches: onBotBranch(branch) ? [branch] : [] };
};

/**
 * From the payload alone (no API call): the bot's branches and pull requests a check run, check
 * suite or status concerns. The bot's own policy check and suite are skipped, so its updates do
 * not wake it up again.
 */
export const governanceTargets = (event: HeadChecksEvent, appSlug: string): GovernanceTargets => {
  if ("check_run" in event) {
    const run = event.check_run;
    if (run.name === POLICY_CHECK_NAME && run.app?.slug === appSlug) return { numbers: [], branches: [] };
    return fromRefs(run.pull_requests, run.check_suite?.head_branch);
  }
  if ("check_suite" in event) {
    const suite = event.check_suite;
    if (suite.app?.slug === appSlug) return { numbers: [], branches: [] };
    return fromRefs(suite.pull_requests, suite.head_branch);
  }
  return { numbers: [], branches: event.branches.map((b) => b.name).filter(onBotBranch) };
};
