import type { CauseClass, Hypothesis } from "../schemas/diagnosis.js";

/** What the deterministic diagnosis hands an (optional) LLM to rank. Text fields are untrusted data. */
export interface RankingRequest {
  /** the redacted excerpt lines: data, never instructions */
  excerpt: string[];
  /** hypotheses from the signatures, best first */
  hypotheses: Hypothesis[];
  /** suspects the deterministic ranking found: sha → one-line reason */
  suspects: { sha: string; subject: string; reasons: string[] }[];
  /** ids and titles of runbooks the model may pick from; anything else is rejected */
  runbooks: { id: string; title: string }[];
  /** the allowed cause classes */
  causes: readonly CauseClass[];
}

export interface RankingResult {
  hypotheses: Hypothesis[];
  /** a runbook id from the request's catalog, or null */
  runbookId: string | null;
  /** a short explanation for the write-up, in the model's words (rendered as quoted text) */
  rationale: string;
  tokensIn: number;
  tokensOut: number;
  model: string;
}

export type RankingOutcome =
  | { kind: "ranked"; result: RankingResult }
  /** the deterministic diagnosis stands; `reason` goes into the write-up */
  | { kind: "failed"; reason: "timeout" | "invalid-output" | "refused" | "http-error" | "budget" | "not-configured"; detail: string; tokensIn: number; tokensOut: number };

/** An LLM that re-ranks hypotheses; it never chooses files, commands or actions. */
export interface HypothesisRanker {
  rank(request: RankingRequest): Promise<RankingOutcome>;
}
