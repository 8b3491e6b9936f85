import type { RepoRef } from "../../../schemas/signal.js";
import { toMs, type AlertIncident, type DeployIncidentRef, type IncidentHome } from "../../model/alert-incident.js";
import type { IncidentBook } from "./incident-book.js";
import { matchDeployIncident } from "./match-deploy-incident.js";

/** Where a notification's new alerts go: an open incident, a recently resolved one, or a new one. */
export type Target = { kind: "join"; incident: AlertIncident } | { kind: "reopen"; incident: AlertIncident } | { kind: "open"; home: IncidentHome };

export interface TargetQuery {
  repo: RepoRef;
  groupKey: string;
  service: string | null;
  environment: string | null;
  /** when the notification was received (epoch ms): windows are measured from here */
  receivedAt: number;
  /** the earliest start among its new firing alerts: deploy incidents are matched against it */
  startedAt: string;
}

const newest = (incidents: AlertIncident[], at: (i: AlertIncident) => number): AlertIncident | undefined =>
  incidents.reduce<AlertIncident | undefined>((best, i) => (best === undefined || at(i) > at(best) ? i : best), undefined);

/**
 * The correlation rules, in order (the first that applies wins):
 * 1. an open incident already holding this alert group;
 * 2. an open incident of the same service whose alerts fired within the window;
 * 3. an incident of this group or service that resolved within the window: it reopens (a flap is
 *    not a new incident);
 * 4. an open failed-deploy incident of the same environment detected within the window of the
 *    alerts' start: the alerts join the one alert incident attached to it (a comment there);
 * 5. otherwise a new incident with its own issue.
 */
export const chooseIncident = (book: IncidentBook, q: TargetQuery, deploys: readonly DeployIncidentRef[], windowMs: number): Target => {
  const byGroup = book.withGroup(q.repo, q.groupKey);
  const open = newest(byGroup.filter((i) => i.resolvedAt === null), (i) => toMs(i.openedAt));
  if (open) return { kind: "join", incident: open };
  const byService = q.service ? book.withService(q.repo, q.service) : [];
  const recent = byService.filter((i) => i.resolvedAt === null && q.receivedAt - toMs(i.lastFiringAt) <= windowMs);
  const sameService = newest(recent, (i) => toMs(i.lastFiringAt));
  if (sameService) return { kind: "join", incident: sameService };
  const resolved = [...byGroup, ...byService].filter((i) => i.resolvedAt !== null && q.receivedAt - toMs(i.resolvedAt) <= windowMs);
  const flapped = newest(resolved, (i) => toMs(i.resolvedAt ?? i.openedAt));
  if (flapped) return { kind: "reopen", incident: flapped };
  const deploy = matchDeployIncident(deploys, { environment: q.environment, startedAt: q.startedAt }, windowMs);
  if (!deploy) return { kind: "open", home: { kind: "issue" } };
  const attached = book.forDeploy(q.repo, deploy.incident);
  if (attached) return attached.resolvedAt === null ? { kind: "join", incident: attached } : { kind: "reopen", incident: attached };
  return { kind: "open", home: { kind: "deploy-comment", deploy } };
};
