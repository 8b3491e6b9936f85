import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { ProbotOctokit, type ApplicationFunction } from "probot";
import { z } from "zod";
import { sendWebhook } from "../../src/sandbox/webhooks/send-webhook.js";
import { startAppSandbox, startTestSandbox, type TestAppSandbox } from "./support/start-test-sandbox.js";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};
const failure = (promise: Promise<unknown>) => promise.then(() => ({ status: 0, headers: {} as Record<string, string> }), (e: { status: number; response?: { headers: Record<string, string> } }) => ({ status: e.status, headers: e.response?.headers ?? {} }));

describe("faults injected by the assembled sandbox, seen by real clients", () => {
  const visits: { name: string; id: string; enter: number; exit: number }[] = [];
  /** Records when each delivery enters and leaves the handler; the pause lets concurrent ones overlap. */
  const appFn: ApplicationFunction = (app) => {
    app.onAny(async (context) => {
      const enter = performance.now();
      await new Promise((r) => setTimeout(r, 100));
      visits.push({ name: context.name, id: context.id, enter, exit: performance.now() });
    });
  };
  let t: TestAppSandbox;
  let plain: Octokit;
  let probotOctokit: InstanceType<typeof ProbotOctokit>;
  let token: string;
  const callsTo = (route: string) => t.sandbox.log.apiCalls.filter((c) => c.route === route).map((c) => [c.status, c.fault ?? null]);

  beforeAll(async () => {
    t = await startAppSandbox(appFn, {
      faults: {
        latency: { ms: 300, route: "GET /repos/*/*/contents/*" },
        http_5xx: [
          { status: 502, route: "GET /repos/*/*/branches/*" },
          { status: 503, route: "GET /repos/*/*/labels" },
        ],
        secondary_rate_limit: [
          { retry_after_s: 1, route: "GET /repos/*/*/issues" },
          { retry_after_s: 1, route: "GET /repos/*/*/collaborators" },
          { retry_after_s: 1, route: "GET /repos/*/*/deployments" },
        ],
        primary_rate_limit: { reset_in_s: 30, route: "GET /repos/*/*/commits" },
        duplicate_deliveries: { event: "workflow_run" },
        concurrent_deliveries: { event: "check_run" },
      },
      llm: [{ fault: "timeout" }, { fault: "malformed" }],
    });
    // The app's own octokit, as Probot builds it: retry and throttling plugins on.
    probotOctokit = await t.app.probot.auth(t.installationId);
    token = ((await probotOctokit.auth({ type: "installation" })) as { token: string }).token;
    // A bare @octokit/rest client: no retry, no throttling.
    plain = new Octokit({ baseUrl: t.sandbox.apiUrl, auth: token, log: quiet });
  });
  afterAll(() => t.close());
  const repo = () => ({ owner: t.owner, repo: t.repo });

  test("latency delays the call by at least its ms", async () => {
    const { result, ms } = await timed(() => plain.rest.repos.getContent({ ...repo(), path: "README.md" }));
    expect(result.status).toBe(200);
    // a few ms of slack: timers may fire a hair early against performance.now()
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(t.sandbox.log.apiCalls.at(-1)?.durationMs).toBeGreaterThanOrEqual(295);
  });

  test("http_5xx fails a client without retries", async () => {
    expect((await failure(plain.rest.repos.getBranch({ ...repo(), branch: "main" }))).status).toBe(502);
    expect((await plain.rest.repos.getBranch({ ...repo(), branch: "main" })).status).toBe(200);
  });

  test("http_5xx is survived by Probot's octokit, which retries", async () => {
    const { data } = await probotOctokit.rest.issues.listLabelsForRepo(repo());
    expect(data).toEqual([]);
    expect(callsTo("/repos/{owner}/{repo}/labels")).toEqual([[503, "http_5xx"], [200, null]]);
  });

  test("secondary_rate_limit answers 403 with retry-after, and the throttling plugin waits and retries", async () => {
    const limited = await failure(plain.rest.issues.listForRepo(repo()));
    expect(limited).toMatchObject({ status: 403, headers: { "retry-after": "1", "x-ratelimit-remaining": "4999" } });
    // ProbotOctokit's own defaults retry secondary limits after retry-after seconds
    const throttled = new ProbotOctokit({ baseUrl: t.sandbox.apiUrl, auth: { token }, log: quiet, retry: { enabled: false } });
    const { result, ms } = await timed(() => throttled.rest.repos.listCollaborators(repo()));
    expect(result.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(callsTo("/repos/{owner}/{repo}/collaborators")).toEqual([[403, "secondary_rate_limit"], [200, null]]);
  });

  test("secondary_rate_limit is retried by the app's octokit (AgenticOpsOctokit), as GitHub asks", async () => {
    // Probot alone only logs secondary limits; the harness gives Probot AgenticOpsOctokit, like `agenticops start`.
    const { result, ms } = await timed(() => probotOctokit.rest.repos.listDeployments(repo()));
    expect(result.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(callsTo("/repos/{owner}/{repo}/deployments")).toEqual([[403, "secondary_rate_limit"], [200, null]]);
  });

  test("primary_rate_limit answers 403 with x-ratelimit-remaining 0", async () => {
    const limited = await failure(plain.rest.repos.listCommits(repo()));
    expect(limited.status).toBe(403);
    expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
    expect(Number(limited.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
  });

  test("duplicate_deliveries hands the app the same delivery twice", async () => {
    visits.length = 0;
    const entries = await sendWebhook(t.sandbox, 0, "workflow_run", t.payload("workflow_run", "completed"));
    expect(entries.map((e) => e.status)).toEqual([200, 200]);
    expect(entries[1]?.duplicate).toBe(true);
    expect(visits.map((v) => v.id)).toEqual([entries[0]?.delivery, entries[0]?.delivery]);
  });

  test("concurrent_deliveries overlap in time at the app", async () => {
    visits.length = 0;
    const entries = await sendWebhook(t.sandbox, 1, "check_run", t.payload("check_run", "completed"));
    expect(entries.map((e) => e.status)).toEqual([200, 200]);
    expect(new Set(visits.map((v) => v.id)).size).toBe(2);
    const [a, b] = [...visits].sort((x, y) => x.enter - y.enter);
    expect(b?.enter).toBeLessThan(a?.exit ?? 0);
  });

  describe("LLM script faults through the openai client", () => {
    const client = () => new OpenAI({ apiKey: "sk-test", baseURL: t.sandbox.llmUrl, maxRetries: 0, timeout: 300 });
    const messages = [{ role: "user" as const, content: "Why did the deploy fail?" }];

    test("timeout: the request is never answered and the client gives up", async () => {
      // APIConnectionTimeoutError under plain Node; under Jest's VM realm undici's abort reason is not
      // `instanceof Error`, so openai reports its parent class. Assert the parent plus the elapsed time.
      const { result, ms } = await timed(() => client().chat.completions.create({ model: "gpt-4o-mini", messages }).catch((e: unknown) => e));
      expect(result).toBeInstanceOf(OpenAI.APIConnectionError);
      expect(ms).toBeGreaterThanOrEqual(290);
      expect(t.sandbox.llm.calls[0]).toMatchObject({ fault: "timeout", status: 0 });
    });

    test("malformed: the answer is not the JSON the schema asks for", async () => {
      const format = zodResponseFormat(z.object({ cause: z.string() }), "diagnosis");
      await expect(client().chat.completions.parse({ model: "gpt-4o-mini", messages, response_format: format })).rejects.toThrow(SyntaxError);
      expect(t.sandbox.llm.calls[1]).toMatchObject({ fault: "malformed", status: 200 });
    });
  });
});

describe("the timeout fault", () => {
  test("a client with a short deadline aborts, and the sandbox still closes promptly", async () => {
    const t = await startTestSandbox({ faults: { timeout: { route: "GET /repos/*/*" } } });
    let closed = false;
    try {
      const { result, ms } = await timed(() =>
        failure(t.octokit.rest.repos.get({ owner: t.owner, repo: t.repo, request: { signal: AbortSignal.timeout(300) } })),
      );
      expect(result.status).toBe(500); // Octokit's status for a request that got no response
      expect(ms).toBeGreaterThanOrEqual(290);
      expect(ms).toBeLessThan(2000);
      expect(t.sandbox.log.apiCalls.at(-1)).toMatchObject({ route: "/repos/{owner}/{repo}", status: 0, fault: "timeout" });
      const closing = await timed(() => t.close());
      closed = true;
      expect(closing.ms).toBeLessThan(1000);
    } finally {
      if (!closed) await t.close();
    }
  });
});
