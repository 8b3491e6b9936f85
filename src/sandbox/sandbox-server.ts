import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppAuth } from "./auth/app-auth.js";
import { CallLog } from "./call-log.js";
import { FaultInjector, type FaultPlanInput } from "./faults/fault-plan.js";
import { BareGitStore } from "./git/bare-git-store.js";
import { createGitHttpHandler, type GitCredentials } from "./git/git-http-handler.js";
import { workflowsWriteEnv } from "./git/workflow-change.js";
import { recordGitCalls } from "./git/record-git-calls.js";
import { ScriptedLlm } from "./llm/scripted-llm.js";
import type { LlmScriptEntry } from "./llm/llm-script.js";
import { OpenApiValidator } from "./openapi/openapi-validator.js";
import { createJobLogHandler } from "./rest/job-log-handler.js";
import { API_PREFIX, createRestDispatcher } from "./rest/rest-dispatcher.js";
import type { RestContext, RestRoute } from "./rest/rest-route.js";
import { appRoutes, type SandboxApp } from "./rest/routes/app-routes.js";
import { sandboxRoutes } from "./rest/routes/sandbox-routes.js";
import { syncPullHeads } from "./rest/sync-pull-heads.js";
import { SandboxState, type InstallationRecord } from "./state/sandbox-state.js";
import { AgenticOpsError } from "../core/model/agenticops-error.js";

export interface WebhookTarget {
  url: string;
  secret: string;
  appId: number;
}

export interface SandboxOptions {
  faults?: FaultPlanInput;
  llm?: LlmScriptEntry[];
  /** lifetime of installation tokens (GitHub: one hour) */
  tokenTtlMs?: number;
  now?: () => Date;
  /** where bare repositories live; a fresh temp dir (removed on close) when omitted */
  rootDir?: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * A local, GitHub-compatible world on 127.0.0.1: REST under /api/v3 (the GitHub Enterprise base
 * URL mechanism), git smart HTTP, signed job-log URLs and a scripted OpenAI-compatible API.
 */
export class Sandbox {
  readonly state = new SandboxState();
  readonly log = new CallLog();
  readonly apps: SandboxApp[] = [];
  private readonly sockets = new Set<Socket>();
  private webhookTarget: WebhookTarget | undefined;
  private routeTable = new Map<string, RestRoute>();

  private constructor(
    readonly git: BareGitStore,
    readonly auth: AppAuth,
    readonly faults: FaultInjector,
    readonly llm: ScriptedLlm,
    private readonly server: Server,
    private readonly ownedRoot: string | null,
    readonly origin: string,
  ) {}

  get apiUrl(): string {
    return `${this.origin}${API_PREFIX}`;
  }

  get llmUrl(): string {
    return `${this.origin}/v1`;
  }

  static async start(options: SandboxOptions = {}): Promise<Sandbox> {
    const ownedRoot = options.rootDir ? null : await mkdtemp(join(tmpdir(), "agenticops-sandbox-"));
    const root = options.rootDir ?? (ownedRoot as string);
    const now = options.now ?? (() => new Date());
    const git = new BareGitStore(join(root, "repos"));
    const auth = new AppAuth({ now, ...(options.tokenTtlMs ? { tokenTtlMs: options.tokenTtlMs } : {}) });
    const faults = new FaultInjector(options.faults ?? {});
    const llm = new ScriptedLlm(options.llm ?? []);
    const validator = await OpenApiValidator.load();
    const handlers: Handler[] = [];
    const server = createServer((req, res) => {
      void (async () => {
        for (const handler of handlers) if (await handler(req, res)) return;
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found" }));
      })().catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const sandbox = new Sandbox(git, auth, faults, llm, server, ownedRoot, origin);
    sandbox.state.now = now;
    server.on("connection", (socket) => {
      sandbox.sockets.add(socket);
      socket.on("close", () => sandbox.sockets.delete(socket));
    });
    const self = sandbox;
    const routes = [...appRoutes(auth, () => self.apps), ...sandboxRoutes];
    self.routeTable = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
    handlers.push(
      createRestDispatcher({
        routes,
        validator,
        auth,
        faults,
        log: self.log,
        context: () => self.restContext(),
      }),
      recordGitCalls(createGitHttpHandler({
        git,
        authorize: (owner, repo, credentials, service) => self.authorizeGit(owner, repo, credentials, service),
        pushEnv: (_owner, _repo, credentials) => self.gitPushEnv(credentials),
        // awaited, so a client that sees its push succeed also sees the pull requests it moved
        onPush: (owner, repo) => syncPullHeads(self.restContext(), owner, repo),
      }), self.log),
      createJobLogHandler(self.state),
      (req, res) => llm.handle(req, res),
    );
    return sandbox;
  }

  /** Register a GitHub App (its public key verifies the app's JWTs) with its manifest permissions. */
  registerApp(app: SandboxApp & { publicKeyPem: string }): void {
    const { publicKeyPem, ...record } = app;
    this.apps.push(record);
    this.auth.registerApp({ id: app.id, slug: app.slug, publicKeyPem, permissions: app.permissions as Record<string, "read" | "write"> });
  }

  /** Install an app on an account; repositories created for that owner use this installation. */
  installApp(appId: number, account: string): InstallationRecord {
    const existing = [...this.state.installations.values()].find((i) => i.appId === appId && i.account === account);
    if (existing) return existing;
    const installation: InstallationRecord = { id: this.state.id(), appId, account, repositories: [] };
    this.state.installations.set(installation.id, installation);
    this.auth.registerInstallation({ id: installation.id, appId, account });
    return installation;
  }

  setWebhookTarget(target: WebhookTarget): void {
    this.webhookTarget = target;
  }

  get webhookTargetOrThrow(): WebhookTarget {
    if (!this.webhookTarget) throw new AgenticOpsError("SANDBOX_FAILED", "no app is listening for webhooks", { hint: "start the app with startApp(sandbox, app) first" });
    return this.webhookTarget;
  }

  /**
   * A human's action (comment, review, merge…) performed through the same route handlers the app
   * calls, in-process: drills use it so people and the bot change state by the same rules.
   */
  async actAs(login: string, method: RestRoute["method"], route: string, params: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> {
    const handler = this.routeTable.get(`${method} ${route}`);
    if (!handler) throw new AgenticOpsError("SANDBOX_FAILED", `no sandbox route ${method} ${route}`);
    this.state.ensureUser(login);
    try {
      const result = await handler.handler({ method, route, params, query: {}, body, headers: {}, caller: { kind: "user", login } }, this.restContext());
      return (result.body ?? {}) as Record<string, unknown>;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new AgenticOpsError("SANDBOX_FAILED", `${login} could not ${method} ${route}: ${message}`, { cause: error, details: { params } });
    }
  }

  restContext(): RestContext {
    return { state: this.state, git: this.git, origin: this.origin, apiUrl: this.apiUrl };
  }

  /** Git over HTTP: the installation token as password; pushing needs `contents: write`. */
  private authorizeGit(
    owner: string,
    repo: string,
    credentials: { username: string; password: string } | null,
    service: "upload-pack" | "receive-pack",
  ): boolean {
    const repoState = this.state.repo(owner, repo);
    if (!repoState) return false;
    if (!credentials) return !repoState.repo.private && service === "upload-pack";
    const caller = this.auth.verifyBasicGitCredentials(credentials.username, credentials.password);
    if (!caller) return false;
    if (caller.kind === "installation" && caller.installationId !== repoState.repo.installationId) return false;
    return service === "upload-pack" || this.auth.hasPermission(caller, "contents", "write");
  }

  /** What the pre-receive hook needs to refuse workflow changes from an app without `workflows: write`. */
  private gitPushEnv(credentials: GitCredentials | null): Record<string, string> {
    const caller = credentials && this.auth.verifyBasicGitCredentials(credentials.username, credentials.password);
    if (caller?.kind !== "installation") return {};
    return workflowsWriteEnv(this.auth.hasPermission(caller, "workflows", "write"));
  }

  async close(): Promise<void> {
    this.llm.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.ownedRoot) await rm(this.ownedRoot, { recursive: true, force: true });
  }
}
