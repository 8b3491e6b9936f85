import type { HypothesisRanker } from "../../ports/hypothesis-ranker.js";
import type { Env } from "../../schemas/env.js";
import { OpenAiHypothesisRanker } from "./openai-hypothesis-ranker.js";

export type RankerEnv = Pick<Env, "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_MODEL" | "LLM_TIMEOUT_MS" | "LLM_MAX_TOKENS">;

/**
 * The LLM is optional: without OPENAI_API_KEY there is no ranker and the deterministic diagnosis
 * stands. A local server that needs no key (Ollama) still wants a placeholder such as "ollama".
 */
export const createHypothesisRanker = (env: RankerEnv): HypothesisRanker | null => {
  if (env.OPENAI_API_KEY === undefined) return null;
  return new OpenAiHypothesisRanker({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    model: env.OPENAI_MODEL,
    timeoutMs: env.LLM_TIMEOUT_MS,
    maxTokens: env.LLM_MAX_TOKENS,
  });
};
