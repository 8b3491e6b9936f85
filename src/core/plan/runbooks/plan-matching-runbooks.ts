import type { Runbook } from "../../../schemas/runbook.js";
import type { RunbookFacts } from "../../../schemas/runbook-facts.js";
import type { RepoFiles } from "../actions/action-module.js";
import type { ActionCatalog } from "./action-catalog-type.js";
import type { RunbookMatch } from "./match-runbooks.js";
import { planRunbook, type RunbookPlan } from "./plan-runbook.js";

export interface RunbookAttempt {
  runbook: Runbook;
  /** why its trigger matched */
  reasons: string[];
  result: RunbookPlan;
}

export type RunbookChoice =
  | { kind: "planned"; runbook: Runbook; reasons: string[]; plan: Extract<RunbookPlan, { kind: "planned" }>; attempts: RunbookAttempt[] }
  | { kind: "none"; attempts: RunbookAttempt[] };

/**
 * The first matching runbook, in catalogue order, that plans for these facts; the others that
 * matched but did not plan are kept with their reasons (a human reading the incident wants to
 * know why the bot did nothing).
 */
export const planMatchingRunbooks = async (matches: readonly RunbookMatch[], facts: RunbookFacts, files: RepoFiles, catalog?: ActionCatalog): Promise<RunbookChoice> => {
  const attempts: RunbookAttempt[] = [];
  for (const match of matches) {
    if (!match.matches) continue;
    const result = await planRunbook(match.runbook, facts, files, catalog);
    attempts.push({ runbook: match.runbook, reasons: match.reasons, result });
    if (result.kind === "planned") return { kind: "planned", runbook: match.runbook, reasons: match.reasons, plan: result, attempts };
  }
  return { kind: "none", attempts };
};
