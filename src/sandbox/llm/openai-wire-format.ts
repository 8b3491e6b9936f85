/**
 * OpenAI HTTP shapes the scripted LLM speaks: just enough of the real objects for the `openai`
 * SDK's `chat.completions.parse()` and `responses.parse()` to accept them.
 */

export type LlmEndpoint = "chat.completions" | "responses";

export interface OpenAiErrorBody {
  error: { message: string; type: string; code: string | null; param: null };
}

export const openAiError = (message: string, type: string, code: string | null): OpenAiErrorBody => ({
  error: { message, type, code, param: null },
});

/**
 * Deterministic token estimate: ceil(characters / 4), OpenAI's rule of thumb for English text.
 * Not a tokenizer; good enough to exercise budgets and to make benchmark numbers reproducible.
 */
export const approxTokens = (text: string): number => Math.ceil(text.length / 4);

const partText = (part: unknown): string => {
  if (typeof part === "string") return part;
  if (part && typeof part === "object" && "text" in part && typeof part.text === "string") return part.text;
  return "";
};

const contentText = (content: unknown): string =>
  Array.isArray(content) ? content.map(partText).join("\n") : partText(content);

const itemText = (item: unknown): string => {
  if (typeof item === "string") return item;
  if (!item || typeof item !== "object") return "";
  if ("content" in item) return contentText(item.content);
  // function_call_output items carry tool results in `output`
  if ("output" in item && typeof item.output === "string") return item.output;
  return "";
};

/** All prompt text of a request: chat `messages`, or responses `instructions` + `input`. */
export const requestText = (endpoint: LlmEndpoint, body: Record<string, unknown>): string => {
  if (endpoint === "chat.completions") {
    return Array.isArray(body.messages) ? body.messages.map(itemText).join("\n") : "";
  }
  const input = Array.isArray(body.input) ? body.input.map(itemText).join("\n") : itemText(body.input);
  return typeof body.instructions === "string" ? `${body.instructions}\n${input}` : input;
};

export interface CompletionFacts {
  seq: number;
  createdMs: number;
  model: string;
  content: string;
  tokensIn: number;
  tokensOut: number;
}

export const chatCompletion = (f: CompletionFacts) => ({
  id: `chatcmpl-scripted-${f.seq}`,
  object: "chat.completion",
  created: Math.floor(f.createdMs / 1000),
  model: f.model,
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: f.content, refusal: null, annotations: [] },
      finish_reason: "stop",
      logprobs: null,
    },
  ],
  usage: {
    prompt_tokens: f.tokensIn,
    completion_tokens: f.tokensOut,
    total_tokens: f.tokensIn + f.tokensOut,
  },
  service_tier: "default",
  system_fingerprint: "fp_scripted",
});

export const responseObject = (f: CompletionFacts, body: Record<string, unknown>) => ({
  id: `resp_scripted_${f.seq}`,
  object: "response",
  created_at: Math.floor(f.createdMs / 1000),
  status: "completed",
  error: null,
  incomplete_details: null,
  instructions: typeof body.instructions === "string" ? body.instructions : null,
  model: f.model,
  output: [
    {
      type: "message",
      id: `msg_scripted_${f.seq}`,
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: f.content, annotations: [] }],
    },
  ],
  parallel_tool_calls: true,
  tool_choice: "auto",
  tools: [],
  temperature: null,
  top_p: null,
  text: body.text ?? { format: { type: "text" } },
  metadata: {},
  usage: {
    input_tokens: f.tokensIn,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: f.tokensOut,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: f.tokensIn + f.tokensOut,
  },
});
