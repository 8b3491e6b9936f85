import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { OpenAiHypothesisRanker, type OpenAiHypothesisRankerOptions } from "../../../src/adapters/openai/openai-hypothesis-ranker.js";
import type { RankingRequest } from "../../../src/ports/hypothesis-ranker.js";
import type { LlmScriptEntry } from "../../../src/sandbox/llm/llm-script.js";
import { ScriptedLlm } from "../../../src/sandbox/llm/scripted-llm.js";

export interface SentMessage {
  role: string;
  content: string;
}
/** A request body as the SDK put it on the wire. */
export interface SentBody {
  messages?: SentMessage[];
  instructions?: string;
  input?: SentMessage[];
  max_tokens?: number;
  max_output_tokens?: number;
  store?: boolean;
  response_format?: unknown;
  text?: { format?: unknown };
}

/**
 * Serves a ScriptedLlm on 127.0.0.1:0 and builds a ranker against it. The ranker's client records
 * each request body in `sent` on its way out, so tests can read exactly what the model was shown.
 */
export const startScriptedRanker = async (script: LlmScriptEntry[], options: Partial<OpenAiHypothesisRankerOptions> = {}) => {
  const llm = new ScriptedLlm(script);
  const server = createServer((req, res) => void llm.handle(req, res).then((ok) => ok || res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const sent: SentBody[] = [];
  const client = new OpenAI({
    apiKey: "test",
    baseURL,
    maxRetries: 0,
    fetch: (url, init) => {
      sent.push(JSON.parse(String(init?.body)) as SentBody);
      return fetch(url, init);
    },
  });
  const ranker = new OpenAiHypothesisRanker({ apiKey: "test", baseURL, model: "gpt-4o-mini", timeoutMs: 2_000, maxTokens: 4_000, client, ...options });
  const stop = async () => {
    llm.close();
    await new Promise((resolve) => server.close(resolve));
  };
  const usage = (key: "tokensIn" | "tokensOut") => llm.calls.reduce((n, c) => n + c[key], 0);
  return { llm, ranker, sent, baseURL, stop, usage };
};

/** The user message of a recorded chat or responses request. */
export const userText = (body: SentBody | undefined): string =>
  (body?.messages ? body.messages[1] : body?.input?.[0])?.content ?? "";

export const rankingRequest: RankingRequest = {
  excerpt: ["npm ERR! code ERESOLVE", "npm ERR! Could not resolve dependency: peer react@18", "Error: Process completed with exit code 1."],
  hypotheses: [
    { cause: "configuration", summary: "the workflow's install step is misconfigured", confidence: 0.4 },
    { cause: "dependency", summary: "npm could not resolve a peer dependency", confidence: 0.35 },
  ],
  suspects: [{ sha: "a".repeat(40), subject: "chore: bump react to 19", reasons: ["touches package.json"] }],
  runbooks: [
    { id: "dependency-pin", title: "Pin a dependency back" },
    { id: "deploy-failed-rollback", title: "Roll back a failed deploy" },
  ],
  causes: ["dependency", "configuration", "test-failure", "unknown"],
};

/** A valid answer, deliberately not sorted by confidence. */
export const rankingAnswer = {
  hypotheses: [
    { cause: "configuration", summary: "install step configuration", confidence: 0.2 },
    { cause: "dependency", summary: "react 19 conflicts with a peer that wants react 18", confidence: 0.85 },
  ],
  runbookId: "dependency-pin",
  rationale: "ERESOLVE names the react peer range right after the bump.",
};
