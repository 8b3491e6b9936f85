import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { pino, type Logger } from "pino";
import { createNodeMiddleware, Probot, type ApplicationFunction, type ProbotOctokit } from "probot";
import type { Sandbox } from "./sandbox-server.js";
import { AgenticOpsOctokit } from "../adapters/github/agenticops-octokit.js";

export const WEBHOOK_PATH = "/api/github/webhooks";
export const SANDBOX_APP_ID = 4242;
export const SANDBOX_APP_SLUG = "agenticops";

export interface RunningApp {
  appId: number;
  webhookUrl: string;
  secret: string;
  probot: Probot;
  close(): Promise<void>;
}

interface Manifest {
  default_permissions: Record<string, string>;
  default_events: string[];
}

const GITHUB_API = "https://api.github.com";

/**
 * Probot hands its auth strategy a `request` without the configured baseUrl, so
 * `octokit.auth({ type: "installation" })` (the token a git clone needs) goes to api.github.com.
 * In the sandbox, api.github.com *is* the sandbox: such calls are sent there instead of leaving the machine.
 */
const sandboxFetch = (apiUrl: string): typeof fetch => (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith(GITHUB_API)) return fetch(input, init);
  return fetch(`${apiUrl}${url.slice(GITHUB_API.length)}`, init);
};
const readManifest = (): Manifest => {
  const text = readFileSync(new URL("../../app.yml", import.meta.url), "utf8");
  return parse(text) as Manifest;
};

/**
 * Runs a Probot app against the sandbox exactly as against github.com: a fresh RSA key registered
 * with the sandbox, JWT → installation token exchange, the manifest's permissions and no others,
 * webhooks signed with a random secret, and Octokit's retry and throttling plugins left on.
 */
export const startApp = async (
  sandbox: Sandbox,
  appFn: ApplicationFunction,
  options: { appId?: number; logger?: Logger; /** AgenticOpsOctokit unless given (a benchmark's, counting into its own ledger) */ Octokit?: typeof ProbotOctokit } = {},
): Promise<RunningApp> => {
  const appId = options.appId ?? SANDBOX_APP_ID;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const manifest = readManifest();
  sandbox.registerApp({ id: appId, slug: SANDBOX_APP_SLUG, name: "AgenticOps", owner: "agenticops", publicKeyPem: publicKey, permissions: manifest.default_permissions, events: manifest.default_events });
  const secret = randomBytes(20).toString("hex");
  const probot = new Probot({
    appId,
    privateKey,
    secret,
    baseUrl: sandbox.apiUrl,
    request: { fetch: sandboxFetch(sandbox.apiUrl) },
    log: options.logger ?? pino({ level: "silent" }),
    Octokit: options.Octokit ?? AgenticOpsOctokit,
  });
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: WEBHOOK_PATH });
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const webhookUrl = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
  sandbox.setWebhookTarget({ url: webhookUrl, secret, appId });
  return {
    appId,
    webhookUrl,
    secret,
    probot,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
