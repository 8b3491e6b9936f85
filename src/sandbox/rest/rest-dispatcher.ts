import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppAuth } from "../auth/app-auth.js";
import { permissionDenial } from "../auth/route-permissions.js";
import type { CallLog } from "../call-log.js";
import type { FaultInjector } from "../faults/fault-plan.js";
import type { OpenApiValidator } from "../openapi/openapi-validator.js";
import { toGitHubValidationError } from "../openapi/openapi-validator.js";
import { BodyTooLargeError, readBody } from "../http/read-body.js";
import { RestError, type Caller, type RestContext, type RestRoute } from "./rest-route.js";
import type { SandboxState } from "../state/sandbox-state.js";
import { workflowRefusal } from "../git/workflow-change.js";
import { workflowPathWritten } from "./workflow-write-guard.js";

export const API_PREFIX = "/api/v3";
const DOCS = "https://docs.github.com/rest";

export interface RestDispatcherDeps {
  routes: RestRoute[];
  validator: OpenApiValidator;
  auth: AppAuth;
  faults: FaultInjector;
  log: CallLog;
  context: () => RestContext;
}

const callerName = (caller: Caller): string =>
  caller.kind === "installation" ? caller.login : caller.kind === "user" ? caller.login : caller.kind === "app" ? `app:${caller.appId}` : "anonymous";

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  if (res.headersSent || res.destroyed) return;
  // Handlers answer raw media types (`application/vnd.github.raw`, logs) with a string and their own content-type.
  const raw = typeof body === "string" && headers["content-type"] !== undefined && !headers["content-type"].includes("json");
  const payload = body === undefined || status === 204 || status === 304 ? "" : raw ? (body as string) : JSON.stringify(body);
  res.writeHead(status, {
    ...(payload && !raw ? { "content-type": "application/json; charset=utf-8" } : {}),
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    ...headers,
  });
  res.end(payload);
};

/** Routes only the app's JWT may call (everything else needs an installation or user token). */
const JWT_ROUTES = new Set(["/app", "/app/installations", "/app/installations/{installation_id}", "/app/installations/{installation_id}/access_tokens", "/repos/{owner}/{repo}/installation"]);

/**
 * Whether the caller may reach the repository named by the route at all, as on GitHub: an
 * installation sees only its own account's repositories (others' public ones read-only), a private
 * repository is invisible (404) to anyone without access. The app's individual permissions
 * (contents: read vs write…) are checked next, by `permissionDenial`.
 */
const repositoryAccessError = (caller: Caller, params: Record<string, string>, method: string, state: SandboxState): RestError | undefined => {
  const { owner, repo } = params;
  const record = owner !== undefined && repo !== undefined ? state.repo(owner, repo)?.repo : undefined;
  if (!record) return undefined;
  const hasAccess =
    caller.kind === "installation" ? caller.installationId === record.installationId
    : caller.kind === "user" ? caller.login === record.owner || record.collaborators[caller.login] !== undefined
    : caller.kind === "app";
  if (hasAccess) return undefined;
  const reads = method === "GET" || method === "HEAD";
  // Writes need credentials before anything else is looked at.
  if (caller.kind === "anonymous" && !reads) return new RestError(401, "Requires authentication");
  if (record.private) return new RestError(404, "Not Found");
  return !reads && caller.kind === "installation" ? new RestError(403, "Resource not accessible by integration") : undefined;
};

/**
 * The REST half of the sandbox: faults → route match → auth → OpenAPI request validation →
 * handler → call log. A request the real API would reject is rejected here too, loudly.
 */
export const createRestDispatcher = (deps: RestDispatcherDeps) => {
  const table = new Map(deps.routes.map((r) => [`${r.method} ${r.path}`, r]));

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    if (!url.pathname.startsWith(`${API_PREFIX}/`) && url.pathname !== API_PREFIX) return false;
    const started = performance.now();
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname.slice(API_PREFIX.length) || "/";
    const entry = { method, route: path, path, status: 0, durationMs: 0, caller: "anonymous" } as Parameters<CallLog["recordApiCall"]>[0];
    const finish = (status: number, body: unknown, headers?: Record<string, string>, error?: string): true => {
      entry.status = status;
      entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
      if (error !== undefined) entry.error = error;
      deps.log.recordApiCall(entry);
      send(res, status, body, headers);
      return true;
    };

    const matched = deps.validator.match(method, path, (route) => table.has(`${method} ${route}`)) ?? deps.validator.match(method, path);
    if (!matched) return finish(404, { message: "Not Found", documentation_url: DOCS, status: "404" }, {}, "no such route in GitHub's API");
    entry.route = matched.route;
    // faults after matching, so the call log names the route template even for injected failures
    const fault = deps.faults.forApiCall(method, path);
    if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.hang) {
      entry.fault = "timeout";
      entry.status = 0;
      deps.log.recordApiCall(entry);
      return true; // never answered; the server destroys the socket on close
    }
    if (fault.respond) {
      entry.fault = deps.faults.injected.at(-1)?.kind ?? "fault";
      return finish(fault.respond.status, fault.respond.body, fault.respond.headers);
    }

    const route = table.get(`${method} ${matched.route}`);
    if (!route) {
      return finish(501, { message: `The sandbox does not implement ${method} ${matched.route}` }, {}, "not implemented in the sandbox");
    }

    const caller = deps.auth.authenticate(req.headers.authorization);
    if ("kind" in caller && caller.kind === "failure") {
      return finish(caller.status, { message: caller.message, documentation_url: DOCS, status: String(caller.status) }, {}, caller.reason);
    }
    entry.caller = callerName(caller);
    const needsJwt = JWT_ROUTES.has(matched.route);
    if (needsJwt !== (caller.kind === "app")) {
      const message = needsJwt
        ? "A JSON web token could not be decoded"
        : "A JSON web token cannot be used to access this resource; use an installation access token";
      return finish(401, { message, documentation_url: DOCS, status: "401" }, {}, "wrong credential kind");
    }
    const denied = repositoryAccessError(caller, matched.params, method, deps.context().state);
    if (denied) return finish(denied.status, { message: denied.message, documentation_url: DOCS, status: String(denied.status) }, {}, "no access to the repository");
    const docsUrl = deps.validator.documentationUrl(method, matched.route);
    if (caller.kind === "installation") {
      const lacking = permissionDenial((p, level) => deps.auth.hasPermission(caller, p, level), deps.validator.document, method, matched.route);
      if (lacking) return finish(403, { message: "Resource not accessible by integration", documentation_url: docsUrl, status: "403" }, lacking.headers, lacking.error);
    }

    let body: unknown = undefined;
    try {
      const raw = await readBody(req);
      if (raw.length > 0) body = JSON.parse(raw.toString("utf8"));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return finish(413, { message: "Request body too large" }, {}, error.message);
      return finish(400, { message: "Problems parsing JSON", documentation_url: DOCS, status: "400" }, {}, "invalid JSON");
    }
    const query = Object.fromEntries(url.searchParams.entries());
    const request = { method, route: matched.route, params: matched.params, query, body, headers: req.headers, caller };
    const problems = deps.validator.validateRequest(request);
    if (problems.length > 0) {
      return finish(422, toGitHubValidationError(problems), {}, problems.map((p) => `${p.location}${p.path}: ${p.message}`).join("; "));
    }

    // GitHub refuses an app without `workflows: write` any change under .github/workflows/.
    if (caller.kind === "installation" && !deps.auth.hasPermission(caller, "workflows", "write")) {
      const workflow = await workflowPathWritten(request, deps.context());
      if (workflow !== null) {
        const message = workflowRefusal(workflow);
        return finish(403, { message, documentation_url: docsUrl, status: "403" }, {}, message);
      }
    }

    try {
      const result = await route.handler(request, deps.context());
      return finish(result.status, result.body, result.headers);
    } catch (error) {
      if (error instanceof RestError) {
        const errBody = { message: error.message, documentation_url: DOCS, status: String(error.status), ...(error.errors ? { errors: error.errors } : {}) };
        return finish(error.status, errBody, {}, error.status >= 500 ? error.message : undefined);
      }
      const message = error instanceof Error ? error.message : String(error);
      return finish(500, { message: "Server Error" }, {}, `sandbox handler crashed: ${message}`);
    }
  };
};
