import type OpenAI from "openai";
import { zodResponseFormat, zodTextFormat } from "openai/helpers/zod";
import { LlmRankingFormat } from "./llm-ranking.js";
import { estimateTokens, type Turn } from "./ranking-prompt.js";

export type RankingApi = "chat" | "responses";

export interface RankingCall {
  model: string;
  system: string;
  turns: Turn[];
  /** the answer's token allowance */
  maxOutputTokens: number;
  timeoutMs: number;
}

/** One answer, raw: the caller parses and judges it. */
export interface RankingReply {
  /** the JSON text as sent by the model, or null when there was none */
  text: string | null;
  /** the model's refusal message, when it declined */
  refusal: string | null;
  tokensIn: number;
  tokensOut: number;
  model: string;
}

const chatFormat = zodResponseFormat(LlmRankingFormat, "hypothesis_ranking");
const textFormat = zodTextFormat(LlmRankingFormat, "hypothesis_ranking");

/** Characters the response schema adds to every request, for the token budget. */
export const schemaOverheadChars = (api: RankingApi): number => JSON.stringify(api === "chat" ? chatFormat : textFormat).length;

/**
 * Sends one ranking request. `create` (not `parse`) so that an answer failing validation still
 * reports its usage; the schema is sent all the same. No retries here: the ranker owns the one
 * repair retry, and a rate limit is a failure, not a reason to wait.
 */
export const sendRankingRequest = (client: OpenAI, api: RankingApi, call: RankingCall): Promise<RankingReply> =>
  api === "chat" ? sendChat(client, call) : sendResponses(client, call);

const sendChat = async (client: OpenAI, call: RankingCall): Promise<RankingReply> => {
  const completion = await client.chat.completions.create(
    {
      model: call.model,
      messages: [{ role: "system", content: call.system }, ...call.turns],
      response_format: chatFormat,
      // `max_tokens`, not `max_completion_tokens`: Ollama, vLLM and older Azure deployments know only this one.
      max_tokens: call.maxOutputTokens,
    },
    { timeout: call.timeoutMs, maxRetries: 0 },
  );
  const message = completion.choices[0]?.message;
  const text = message?.content ?? null;
  return {
    text,
    refusal: message?.refusal ?? null,
    tokensIn: completion.usage?.prompt_tokens ?? estimateTokens(promptChars(call)),
    tokensOut: completion.usage?.completion_tokens ?? estimateTokens(text?.length ?? 0),
    model: completion.model || call.model,
  };
};

const sendResponses = async (client: OpenAI, call: RankingCall): Promise<RankingReply> => {
  const response = await client.responses.create(
    {
      model: call.model,
      instructions: call.system,
      input: call.turns.map((t) => ({ role: t.role, content: t.content })),
      text: { format: textFormat },
      max_output_tokens: call.maxOutputTokens,
      // Log excerpts are not kept on the provider's side beyond the request.
      store: false,
    },
    { timeout: call.timeoutMs, maxRetries: 0 },
  );
  const parts = response.output.flatMap((item) => (item.type === "message" ? item.content : []));
  const refusal = parts.find((p) => p.type === "refusal");
  const texts = parts.flatMap((p) => (p.type === "output_text" ? [p.text] : []));
  const text = texts.length > 0 ? texts.join("") : null;
  return {
    text,
    refusal: refusal?.type === "refusal" ? refusal.refusal : null,
    tokensIn: response.usage?.input_tokens ?? estimateTokens(promptChars(call)),
    tokensOut: response.usage?.output_tokens ?? estimateTokens(text?.length ?? 0),
    model: response.model || call.model,
  };
};

const promptChars = (call: RankingCall): number => call.system.length + call.turns.reduce((n, t) => n + t.content.length, 0);
