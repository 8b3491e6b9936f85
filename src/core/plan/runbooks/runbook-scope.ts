import type { RunbookFacts } from "../../../schemas/runbook-facts.js";
import type { TemplateScope } from "./render-template.js";

/** What templates may name: `facts.…`, `alert.…` (short for facts.alert) and `params.…`. */
export const runbookScope = (facts: RunbookFacts, params: Record<string, unknown> = {}): TemplateScope => ({
  facts,
  alert: facts.alert,
  params,
});
