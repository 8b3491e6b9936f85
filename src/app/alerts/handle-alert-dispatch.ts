import type { Context } from "probot";
import type { z } from "zod";
import { ALERT_DISPATCH_EVENT_TYPE, AlertDispatchPayload } from "../../schemas/alert-dispatch.js";
import { RepositoryDispatchEvent } from "../../schemas/repository-dispatch-event.js";
import type { Clock } from "../../ports/clock.js";
import { alertNotificationId } from "../../core/sense/alerts/alert-identity.js";
import { fixedAlertRouter } from "../../core/sense/alerts/alert-router.js";
import { parseAlertPayload } from "../../core/sense/alerts/parse-alert-post.js";
import { splitByDestination } from "../../core/sense/alerts/split-by-destination.js";
import { formatZodIssues } from "../../core/validate/format-zod-issue.js";
import { formatJsonPath } from "../../schemas/drill-template.js";
import type { AlertIntake } from "./alert-intake.js";

const dispatchProblem = (issues: readonly z.core.$ZodIssue[], clientPayload: unknown): string => {
  const [first] = formatZodIssues(issues, AlertDispatchPayload, clientPayload, { yaml: false });
  return `${formatJsonPath(["client_payload", ...(first?.path ?? [])])}: ${first?.message ?? "invalid"}`;
};

/**
 * `repository_dispatch` with event_type `agenticops-alert`: the same alert payloads, sent through
 * GitHub instead of to the app's URL. GitHub authenticated the sender (write access to the
 * repository), so no credentials and no routing file: the alerts go to that repository, through
 * the same validation, journal and sink as HTTP posts. Other event types are someone else's.
 */
export const handleAlertDispatch = (deps: { intake: AlertIntake | null; clock: Clock }) => async (context: Context<"repository_dispatch">): Promise<void> => {
  const event = RepositoryDispatchEvent.safeParse(context.payload);
  if (!event.success || event.data.action !== ALERT_DISPATCH_EVENT_TYPE) return;
  const repo = { owner: event.data.repository.owner.login, name: event.data.repository.name };
  const log = context.log.child({ delivery: context.id, event: "repository_dispatch", repo: `${repo.owner}/${repo.name}` });
  if (!deps.intake) return log.warn({}, "alert dispatch ignored: alert intake is not configured");
  const dispatch = AlertDispatchPayload.safeParse(event.data.client_payload);
  if (!dispatch.success) return log.error({ problem: dispatchProblem(dispatch.error.issues, event.data.client_payload) }, "alert dispatch refused: invalid client_payload");
  const { source, payload } = dispatch.data;
  const id = alertNotificationId(source, JSON.stringify(payload));
  const parsed = parseAlertPayload(source, payload, { id, receivedAt: deps.clock.now().toISOString() });
  if (!parsed.ok) {
    const where = parsed.path ? `client_payload.payload.${parsed.path}` : "client_payload.payload";
    return log.error({ source, problem: `${where}: ${parsed.problem}` }, "alert dispatch refused: invalid payload");
  }
  const { routed } = splitByDestination(parsed.notification, fixedAlertRouter(repo, "repository_dispatch"));
  const entries = await deps.intake.record(routed);
  log.info({ source, id, alerts: parsed.notification.alerts.length }, "alerts accepted from repository_dispatch");
  deps.intake.forward(entries);
};
