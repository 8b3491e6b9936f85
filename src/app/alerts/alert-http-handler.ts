import type { IncomingMessage, ServerResponse } from "node:http";
import type { AlertSource } from "../../schemas/alert.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import { alertNotificationId } from "../../core/sense/alerts/alert-identity.js";
import { parseAlertPost } from "../../core/sense/alerts/parse-alert-post.js";
import type { AlertRouter } from "../../core/sense/alerts/alert-router.js";
import { splitByDestination } from "../../core/sense/alerts/split-by-destination.js";
import { authChallenges, authenticateHeaders, hasCredentials, verifySignature, type AlertCredentials } from "./alert-auth.js";
import type { AlertIntake } from "./alert-intake.js";
import { acceptableContent, refuseUnread, reply } from "./http-replies.js";
import { readLimitedBody } from "./read-limited-body.js";

export interface AlertHttpOptions {
  credentials: AlertCredentials;
  maxBodyBytes: number;
  /** null: no routing file; alerts are accepted and logged as unrouted */
  router: AlertRouter | null;
  /** null: intake is not configured; the routes answer 503 */
  intake: AlertIntake | null;
  clock: Clock;
  log: Logger;
}

// Grafana's webhook contact point can be set to PUT; Alertmanager always POSTs.
const ROUTES: Record<string, { source: AlertSource; methods: string[] }> = {
  "/alerts/alertmanager": { source: "alertmanager", methods: ["POST"] },
  "/alerts/grafana": { source: "grafana", methods: ["POST", "PUT"] },
  "/alerts/generic": { source: "generic", methods: ["POST"] },
};

const DISABLED = "alert intake is disabled: no credentials are configured (set ALERTS_BEARER_TOKENS, ALERTS_BASIC_AUTH or ALERTS_HMAC_SECRETS)";

/**
 * `POST /alerts/{alertmanager,grafana,generic}` as a Probot 14 handler. Checks run in this order,
 * each answering on its own: method (405), path (404), configured (503), credentials (401, before
 * anything is read or logged beyond a warning), content type (415), size (413), signature (401),
 * JSON and schema (400 naming the first bad path), then routing and the journal; 202 once the
 * notification is on disk, and the sink hears of it only after that answer.
 */
export const alertHttpHandler = (options: AlertHttpOptions) => async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
  const path = (req.url ?? "").split("?")[0] ?? "";
  if (path !== "/alerts" && !path.startsWith("/alerts/")) return false;
  const route = ROUTES[path];
  const methods = route?.methods ?? ["POST"];
  if (!methods.includes(req.method ?? "")) return refuseUnread(req, res, 405, `method ${req.method ?? ""} not allowed`, { allow: methods.join(", ") });
  if (!route) return refuseUnread(req, res, 404, `no alert route ${path}; use ${Object.keys(ROUTES).join(", ")}`);
  const { credentials, intake, log } = options;
  if (!intake || !hasCredentials(credentials)) return refuseUnread(req, res, 503, DISABLED);
  const auth = authenticateHeaders(req.headers, credentials, options.clock.now().getTime());
  if (auth.kind === "refused") {
    log.warn({ route: path, reason: auth.reason, remote: req.socket.remoteAddress }, "alert post refused: not authenticated");
    return refuseUnread(req, res, 401, "not authenticated", { "www-authenticate": authChallenges(credentials) });
  }
  if (!acceptableContent(req)) return refuseUnread(req, res, 415, "expected Content-Type: application/json (UTF-8, not compressed)");
  const read = await readLimitedBody(req, options.maxBodyBytes);
  if (!read.ok) {
    if (read.reason === "aborted") return true;
    return refuseUnread(req, res, 413, `body exceeds ${options.maxBodyBytes} bytes`);
  }
  if (auth.kind === "signed" && !verifySignature(read.body, auth, credentials.hmac.secrets)) {
    log.warn({ route: path, reason: "signature does not match", remote: req.socket.remoteAddress }, "alert post refused: not authenticated");
    return reply(res, 401, { error: "not authenticated" }, { "www-authenticate": authChallenges(credentials) });
  }
  return acceptPost(options, intake, route.source, read.body, res);
};

const acceptPost = async (options: AlertHttpOptions, intake: AlertIntake, source: AlertSource, body: Buffer, res: ServerResponse): Promise<boolean> => {
  const { log } = options;
  const id = alertNotificationId(source, body);
  const parsed = parseAlertPost(source, body.toString("utf8"), { id, receivedAt: options.clock.now().toISOString() });
  if (!parsed.ok) {
    log.warn({ source, id, problem: parsed.message }, "alert post refused: invalid payload");
    return reply(res, 400, { error: parsed.message, path: parsed.path });
  }
  const notification = parsed.notification;
  const { routed, unrouted } = options.router ? splitByDestination(notification, options.router) : { routed: [], unrouted: notification.alerts };
  if (unrouted.length > 0) {
    log.error({ source, id, groupKey: notification.groupKey, labels: unrouted.map((a) => a.labels) }, "no route for alerts; accepted and not forwarded");
  }
  const entries = await intake.record(routed).catch((error: unknown) => {
    log.error({ source, id, err: error }, "could not journal alerts");
    return null;
  });
  if (!entries) return reply(res, 503, { error: "could not record the alerts; retry later" }, { "retry-after": "30" });
  reply(res, 202, { accepted: true, id, alerts: notification.alerts.length });
  log.info({ source, id, alerts: notification.alerts.length, notifications: routed.map((n) => `${n.repo.owner}/${n.repo.name}`) }, "alerts accepted");
  intake.forward(entries);
  return true;
};
