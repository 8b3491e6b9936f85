import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { HypothesisRanker, RankingOutcome, RankingRequest } from "../../ports/hypothesis-ranker.js";
import { judgeRanking, stripControl, type RankingVerdict } from "./llm-ranking.js";
import { buildRankingPrompt, repairTurns, type PromptBudget, type RankingPrompt } from "./ranking-prompt.js";
import { schemaOverheadChars, sendRankingRequest, type RankingApi, type RankingReply } from "./send-ranking-request.js";

export interface OpenAiHypothesisRankerOptions {
  apiKey: string;
  /** any OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (Ollama) */
  baseURL?: string;
  model: string;
  /** wall-clock limit for the whole ranking, the repair retry included */
  timeoutMs: number;
  /** token budget of one request: estimated prompt plus the answer's allowance */
  maxTokens: number;
  /** "chat" (default) is what Ollama, vLLM and Azure all speak */
  api?: RankingApi;
  /** a preconfigured client (tests, proxies); timeouts and retries are still set per request */
  client?: OpenAI;
}

type Failed = Extract<RankingOutcome, { kind: "failed" }>;
interface Usage {
  tokensIn: number;
  tokensOut: number;
}

/** A schema-bounded answer (5 hypotheses × 300 chars + 600 chars) is ~700 tokens; leave headroom. */
const ANSWER_TOKENS = 1_000;
/** Timers fire at, not before, their deadline, but the clock is read a moment later. */
const TIMER_SLACK_MS = 25;
const MAX_DETAIL_CHARS = 300;

/**
 * Re-ranks the deterministic hypotheses with an OpenAI-compatible model, inside fixed bounds: a
 * token budget checked before calling, one deadline for the whole call, one repair retry, answers
 * validated against the request. The model's text is returned as data and never acted upon.
 */
export class OpenAiHypothesisRanker implements HypothesisRanker {
  private readonly client: OpenAI;
  private readonly api: RankingApi;
  private readonly answerTokens: number;
  private readonly budget: PromptBudget;

  constructor(private readonly options: OpenAiHypothesisRankerOptions) {
    const { apiKey, baseURL, timeoutMs } = options;
    this.client = options.client ?? new OpenAI({ apiKey, baseURL, maxRetries: 0, timeout: timeoutMs });
    this.api = options.api ?? "chat";
    // A tiny budget still leaves the prompt half of it rather than nothing.
    this.answerTokens = Math.min(ANSWER_TOKENS, Math.floor(options.maxTokens / 2));
    this.budget = { tokens: options.maxTokens - this.answerTokens, overheadChars: schemaOverheadChars(this.api) };
  }

  async rank(request: RankingRequest): Promise<RankingOutcome> {
    const usage: Usage = { tokensIn: 0, tokensOut: 0 };
    const prompt = buildRankingPrompt(request, this.budget);
    if (!prompt) {
      const detail = `the prompt does not fit in ${this.options.maxTokens} tokens (${this.answerTokens} kept for the answer), even with the excerpt cut down`;
      return failed("budget", detail, usage);
    }
    const deadline = Date.now() + this.options.timeoutMs;
    const first = await this.send(prompt, deadline, usage);
    if ("kind" in first) return first;
    if (first.refusal !== null) return refused(first, usage);
    const verdict = judgeRanking(first.text, request);
    if (verdict.ok) return ranked(verdict, first, usage);

    const { problems } = verdict;
    const repair = buildRankingPrompt(request, this.budget, repairTurns(first.text, problems));
    if (!repair) return failed("invalid-output", `answer rejected (${problems.join("; ")}); no room left in the token budget for a repair`, usage);
    const second = await this.send(repair, deadline, usage);
    if ("kind" in second) return second;
    if (second.refusal !== null) return refused(second, usage);
    const retried = judgeRanking(second.text, request);
    if (retried.ok) return ranked(retried, second, usage);
    return failed("invalid-output", `answer rejected twice: ${retried.problems.join("; ")}`, usage);
  }

  /** One request within what is left of the deadline; usage is added even when the answer is useless. */
  private async send(prompt: RankingPrompt, deadline: number, usage: Usage): Promise<RankingReply | Failed> {
    const timeoutMs = deadline - Date.now();
    if (timeoutMs <= 0) return failed("timeout", `no time left of ${this.options.timeoutMs} ms for the repair request`, usage);
    const call = { model: this.options.model, system: prompt.system, turns: prompt.turns, maxOutputTokens: this.answerTokens, timeoutMs };
    try {
      const reply = await sendRankingRequest(this.client, this.api, call);
      usage.tokensIn += reply.tokensIn;
      usage.tokensOut += reply.tokensOut;
      return reply;
    } catch (error) {
      return this.classify(error, Date.now() >= deadline - TIMER_SLACK_MS, usage);
    }
  }

  private classify(error: unknown, pastDeadline: boolean, usage: Usage): Failed {
    // Under Jest's VM realm the SDK can't recognise undici's AbortError and reports the parent class,
    // so a connection error or abort at the deadline is a timeout too.
    const timedOut =
      error instanceof APIConnectionTimeoutError ||
      (pastDeadline && (error instanceof APIConnectionError || error instanceof APIUserAbortError));
    if (timedOut) return failed("timeout", `no answer within ${this.options.timeoutMs} ms`, usage);
    if (error instanceof APIError) {
      const status = error.status === undefined ? "connection failed" : `HTTP ${error.status}`;
      const code = error.code ? ` (${error.code})` : "";
      return failed("http-error", `${status}${code}: ${stripControl(error.message)}`, usage);
    }
    throw new AgenticOpsError("LLM_FAILED", "Unexpected error while ranking hypotheses with the LLM", {
      cause: error,
      hint: "This is a bug in the OpenAI adapter; the deterministic diagnosis is unaffected.",
      details: { model: this.options.model, api: this.api },
    });
  }
}

const failed = (reason: Failed["reason"], detail: string, usage: Usage): Failed => ({
  kind: "failed",
  reason,
  detail: detail.slice(0, MAX_DETAIL_CHARS),
  tokensIn: usage.tokensIn,
  tokensOut: usage.tokensOut,
});

const refused = (reply: RankingReply, usage: Usage): Failed =>
  failed("refused", `the model declined: ${stripControl(reply.refusal ?? "")}`, usage);

const ranked = (verdict: Extract<RankingVerdict, { ok: true }>, reply: RankingReply, usage: Usage): RankingOutcome => ({
  kind: "ranked",
  result: {
    hypotheses: verdict.hypotheses,
    runbookId: verdict.runbookId,
    rationale: verdict.rationale,
    tokensIn: usage.tokensIn,
    tokensOut: usage.tokensOut,
    model: reply.model,
  },
});
