import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { LlmScript, takeEntry, type LlmScriptEntry } from "./llm-script.js";
import {
  approxTokens,
  chatCompletion,
  openAiError,
  requestText,
  responseObject,
  type LlmEndpoint,
} from "./openai-wire-format.js";

/** One request the scripted LLM received. `status` 0 means it was never answered (timeout fault). */
export interface LlmCall {
  endpoint: LlmEndpoint;
  model: string;
  tokensIn: number;
  tokensOut: number;
  durationMs: number;
  status: number;
  fault?: string;
}

export interface ScriptedLlmOptions {
  now?: () => number;
  /** Mount point in front of `/v1/...`, e.g. "/llm" serves `/llm/v1/chat/completions`. */
  pathPrefix?: string;
}

const MALFORMED_CONTENT = '{"not valid json';

/**
 * An OpenAI-compatible endpoint answering from a script, so drills and tests replay exact model
 * behaviour (including failures) without a network or a model.
 */
export class ScriptedLlm {
  readonly calls: LlmCall[] = [];
  private readonly script: LlmScriptEntry[];
  private readonly used = new Set<number>();
  private readonly now: () => number;
  private readonly routes: Map<string, LlmEndpoint>;
  private readonly closing = new AbortController();
  private seq = 0;

  constructor(script: LlmScriptEntry[], opts: ScriptedLlmOptions = {}) {
    const parsed = LlmScript.safeParse(script);
    if (!parsed.success) {
      throw new AgenticOpsError("DRILL_INVALID", "Invalid LLM script", {
        cause: parsed.error,
        hint: "Each entry needs exactly one of `json`, `text` or `fault`.",
        details: { issues: parsed.error.issues },
      });
    }
    this.script = parsed.data;
    this.now = opts.now ?? Date.now;
    const prefix = (opts.pathPrefix ?? "").replace(/\/+$/, "");
    this.routes = new Map<string, LlmEndpoint>([
      [`${prefix}/v1/chat/completions`, "chat.completions"],
      [`${prefix}/v1/responses`, "responses"],
    ]);
  }

  /** Script entries not consumed yet. */
  get remaining(): number {
    return this.script.length - this.used.size;
  }

  /** Serves the two endpoints; returns false for any other URL so a router can pass it on. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const endpoint = this.routes.get((req.url ?? "").split("?")[0] ?? "");
    if (!endpoint) return false;
    if (req.method !== "POST") {
      send(res, 405, openAiError(`Method ${req.method} not allowed`, "invalid_request_error", null));
      return true;
    }
    const started = this.now();
    const body = await readJsonObject(req);
    const model = typeof body?.model === "string" ? body.model : "";
    const call: LlmCall = { endpoint, model, tokensIn: 0, tokensOut: 0, durationMs: 0, status: 0 };
    this.calls.push(call);
    try {
      call.status = await this.answer(req, res, endpoint, body, call);
    } finally {
      call.durationMs = this.now() - started;
    }
    return true;
  }

  /** Releases requests held by `timeout` faults or `delay_ms`; call before closing the server. */
  close(): void {
    this.closing.abort();
  }

  private async answer(
    req: IncomingMessage,
    res: ServerResponse,
    endpoint: LlmEndpoint,
    body: Record<string, unknown> | undefined,
    call: LlmCall,
  ): Promise<number> {
    if (!/^Bearer\s+\S+/.test(req.headers.authorization ?? "")) {
      const msg = "You didn't provide an API key. Provide it in the Authorization header (Bearer <key>).";
      return send(res, 401, openAiError(msg, "invalid_request_error", "invalid_api_key"));
    }
    if (!body) return send(res, 400, openAiError("Request body must be a JSON object", "invalid_request_error", null));
    const prompt = requestText(endpoint, body);
    call.tokensIn = approxTokens(prompt);
    const entry = takeEntry(this.script, this.used, prompt);
    if (!entry) {
      const msg = `LLM script exhausted: all ${this.script.length} scripted responses were used`;
      return send(res, 500, openAiError(msg, "server_error", "script_exhausted"));
    }
    if (entry.fault) call.fault = entry.fault;
    if (entry.fault === "timeout") return this.hold(res);
    if (entry.delay_ms && !(await this.pause(entry.delay_ms))) return abandon(res);
    if (entry.fault === "http-500") {
      const msg = "The server had an error while processing your request. Sorry about that!";
      return send(res, 500, openAiError(msg, "server_error", null));
    }
    if (entry.fault === "rate-limit") {
      const msg = `Rate limit reached for ${call.model || "model"} on requests per min (RPM). Please try again in 1s.`;
      return send(res, 429, openAiError(msg, "requests", "rate_limit_exceeded"), {
        "retry-after": "1",
        "x-ratelimit-remaining-requests": "0",
      });
    }
    const content = entry.fault === "malformed" ? MALFORMED_CONTENT : (entry.text ?? JSON.stringify(entry.json));
    call.tokensOut = approxTokens(content);
    const { model, tokensIn, tokensOut } = call;
    const facts = { seq: ++this.seq, createdMs: this.now(), model, content, tokensIn, tokensOut };
    return send(res, 200, endpoint === "responses" ? responseObject(facts, body) : chatCompletion(facts));
  }

  /** Never answers: waits until the client gives up or the sandbox closes. */
  private hold(res: ServerResponse): Promise<number> {
    const signal = this.closing.signal;
    return new Promise<number>((resolve) => {
      const release = () => {
        signal.removeEventListener("abort", release);
        resolve(abandon(res));
      };
      if (signal.aborted) return release();
      signal.addEventListener("abort", release, { once: true });
      res.once("close", release);
    });
  }

  private pause(ms: number): Promise<boolean> {
    return sleep(ms, undefined, { signal: this.closing.signal }).then(
      () => true,
      () => false,
    );
  }
}

const abandon = (res: ServerResponse): number => {
  if (!res.destroyed) res.destroy();
  return 0;
};

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number => {
  if (res.destroyed) return 0;
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  return status;
};

const readJsonObject = async (req: IncomingMessage): Promise<Record<string, unknown> | undefined> => {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
