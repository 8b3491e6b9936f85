import { afterEach, describe, expect, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI, { APIConnectionError, APIError } from "openai";
import { zodResponseFormat, zodTextFormat } from "openai/helpers/zod";
import { z } from "zod";
import { ScriptedLlm } from "../../src/sandbox/llm/scripted-llm.js";
import type { LlmScriptEntry } from "../../src/sandbox/llm/llm-script.js";

const Triage = z.object({
  severity: z.enum(["low", "medium", "high"]),
  labels: z.array(z.string()),
  assignee: z.string().nullable(),
});
const triage = { severity: "high", labels: ["deploy"], assignee: null };

let server: Server | undefined;
let llm: ScriptedLlm | undefined;

const start = async (script: LlmScriptEntry[], pathPrefix?: string) => {
  llm = new ScriptedLlm(script, { pathPrefix });
  const scripted = llm;
  server = createServer((req, res) => {
    void scripted.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}${pathPrefix ?? ""}/v1`;
  return { llm: scripted, baseURL, client: new OpenAI({ apiKey: "test", baseURL, maxRetries: 0, timeout: 500 }) };
};

afterEach(async () => {
  llm?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  llm = undefined;
});

const ask = (client: OpenAI, content: string) =>
  client.chat.completions.parse({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content }],
    response_format: zodResponseFormat(Triage, "triage"),
  });

describe("ScriptedLlm", () => {
  test("chat.completions.parse and responses.parse return the scripted object", async () => {
    const { client, llm } = await start([{ json: triage }, { json: { ...triage, severity: "low" } }]);
    const chat = await ask(client, "deploy failed");
    expect(chat.choices[0]?.message.parsed).toEqual(triage);
    expect(chat.usage?.total_tokens).toBe((chat.usage?.prompt_tokens ?? 0) + (chat.usage?.completion_tokens ?? 0));

    const resp = await client.responses.parse({
      model: "gpt-4o-mini",
      instructions: "You triage incidents.",
      input: [{ role: "user", content: "health check failing" }],
      text: { format: zodTextFormat(Triage, "triage") },
    });
    expect(resp.output_parsed).toEqual({ ...triage, severity: "low" });
    expect(resp.usage?.output_tokens).toBe(Math.ceil(JSON.stringify(resp.output_parsed).length / 4));
    expect(llm.calls.map((c) => [c.endpoint, c.model, c.status])).toEqual([
      ["chat.completions", "gpt-4o-mini", 200],
      ["responses", "gpt-4o-mini", 200],
    ]);
  });

  test("match picks the first unused entry whose pattern occurs in the prompt", async () => {
    const { client, llm } = await start([
      { match: "/rollback|revert/i", json: { ...triage, labels: ["rollback"] } },
      { match: "flaky test", json: { ...triage, labels: ["ci"] } },
      { json: { ...triage, labels: ["fallback"] } },
    ]);
    expect((await ask(client, "a flaky test broke main")).choices[0]?.message.parsed?.labels).toEqual(["ci"]);
    expect((await ask(client, "Please REVERT it")).choices[0]?.message.parsed?.labels).toEqual(["rollback"]);
    expect((await ask(client, "anything else")).choices[0]?.message.parsed?.labels).toEqual(["fallback"]);
    expect(llm.remaining).toBe(0);
  });

  test("serves under a path prefix and ignores other URLs", async () => {
    const { client, baseURL } = await start([{ json: triage }], "/llm");
    expect((await ask(client, "x")).choices[0]?.message.parsed).toEqual(triage);
    const other = await fetch(baseURL.replace("/llm/v1", "/v1") + "/chat/completions", { method: "POST" });
    expect(other.status).toBe(404);
  });

  test("malformed output makes parse throw", async () => {
    const { client, llm } = await start([{ fault: "malformed" }, { text: "not json at all" }]);
    await expect(ask(client, "x")).rejects.toThrow(SyntaxError);
    await expect(ask(client, "x")).rejects.toThrow(SyntaxError);
    expect(llm.calls.map((c) => [c.status, c.fault])).toEqual([
      [200, "malformed"],
      [200, undefined],
    ]);
  });

  test("timeout fault holds the request until the client gives up", async () => {
    const { client, llm } = await start([{ fault: "timeout" }]);
    const before = Date.now();
    // Outside Jest this is APIConnectionTimeoutError; under Jest's VM realm the SDK can't recognise
    // undici's AbortError (a foreign DOMException), so it reports the parent class.
    await expect(ask(client, "x")).rejects.toBeInstanceOf(APIConnectionError);
    expect(Date.now() - before).toBeGreaterThanOrEqual(450);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(llm.calls[0]).toMatchObject({ status: 0, fault: "timeout" });
    expect(llm.calls[0]?.durationMs).toBeGreaterThanOrEqual(450);
  });

  test("close() releases a held request", async () => {
    const { baseURL, llm } = await start([{ fault: "timeout" }]);
    const pending = fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [] }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    llm.close();
    await expect(pending).rejects.toThrow();
  });

  test("http-500 and rate-limit surface as APIError with their status", async () => {
    const { client } = await start([{ fault: "http-500" }, { fault: "rate-limit" }]);
    const e500 = await ask(client, "x").catch((e: unknown) => e);
    expect(e500).toBeInstanceOf(APIError);
    expect((e500 as APIError).status).toBe(500);
    const e429 = await ask(client, "x").catch((e: unknown) => e);
    expect((e429 as APIError).status).toBe(429);
    expect((e429 as APIError).headers?.get("retry-after")).toBe("1");
    expect((e429 as APIError).code).toBe("rate_limit_exceeded");
  });

  test("records deterministic token counts and duration", async () => {
    const { client, llm } = await start([{ json: triage, delay_ms: 30 }]);
    const prompt = "x".repeat(41);
    await ask(client, prompt);
    expect(llm.calls[0]).toMatchObject({ tokensIn: 11, tokensOut: Math.ceil(JSON.stringify(triage).length / 4) });
    expect(llm.calls[0]?.durationMs).toBeGreaterThanOrEqual(30);
  });

  test("an exhausted script answers 500 with an OpenAI error body", async () => {
    const { client, llm } = await start([{ json: triage }]);
    await ask(client, "x");
    const err = (await ask(client, "x").catch((e: unknown) => e)) as APIError;
    expect(err.status).toBe(500);
    expect(err.code).toBe("script_exhausted");
    expect(err.type).toBe("server_error");
    expect(llm.calls[1]?.status).toBe(500);
  });

  test("requires a bearer token", async () => {
    const { baseURL, llm } = await start([{ json: triage }]);
    const res = await fetch(`${baseURL}/responses`, { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_api_key");
    expect(llm.remaining).toBe(1);
  });

  test("rejects a script entry without a response", () => {
    expect(() => new ScriptedLlm([{ match: "x" }])).toThrow("Invalid LLM script");
  });
});
