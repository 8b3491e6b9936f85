import { firingCount, type AlertIncident, type DeployIncidentRef } from "../model/alert-incident.js";
import { alertIncidentSeverity } from "../sense/alerts/alert-severity.js";
import { renderStateBlock } from "./alert-incident-state-block.js";
import { sharedLabels } from "./alert-labels.js";
import { renderMarker } from "./hidden-marker.js";
import { code, noMentions } from "./markdown.js";
import { cell, renderAlertTable } from "./render-alert-table.js";
import { renderAlertTimeline } from "./render-alert-timeline.js";
import { GITHUB_BODY_LIMIT } from "./render-incident-issue.js";

const GAP = "\n\n";
const TITLE_LIMIT = 256;
/** The state block's share of the body; the rest is for people. */
const STATE_BUDGET = 30_000;
const MAX_GROUPS_SHOWN = 10;

export interface AlertIncidentDocument {
  title: string;
  body: string;
  /** alerts left out of the persisted state (beyond what earlier processes already left out) */
  droppedFromState: number;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

const deployLink = (d: DeployIncidentRef): string =>
  `#${d.number} (${d.kind === "pull-request" ? "rollback pull request" : "incident issue"} for a failed deploy${d.environment ? ` to ${d.environment}` : ""}, ${code(d.incident)})`;

const headline = (incident: AlertIncident): string => {
  const total = incident.alerts.size;
  const where = incident.service ? ` for service **${cell(incident.service, 60)}**${incident.environment ? ` (${cell(incident.environment, 40)})` : ""}` : "";
  if (incident.resolvedAt) return `**Resolved** at ${incident.resolvedAt}${where}: all ${plural(total, "alert")} resolved.`;
  return `**${firingCount(incident)} of ${plural(total, "alert")} firing**${where} since ${incident.openedAt}.`;
};

const facts = (incident: AlertIncident, owners: readonly string[], shared: Record<string, string>): string => {
  const groups = [...incident.groups.values()];
  const groupList = groups.slice(0, MAX_GROUPS_SHOWN).map((g) => `${code(cell(g.groupKey, 120))}${g.route ? ` (route ${code(cell(g.route, 40))})` : ""}`);
  const moreGroups = groups.length > MAX_GROUPS_SHOWN ? [`and ${groups.length - MAX_GROUPS_SHOWN} more`] : [];
  const sharedList = Object.entries(shared).slice(0, 12).map(([k, v]) => code(cell(`${k}=${v}`, 60)));
  return [
    incident.service ? `- **Service:** ${cell(incident.service, 60)}${owners.length > 0 ? ` — owners ${owners.join(", ")}` : ""}` : null,
    incident.environment ? `- **Environment:** ${cell(incident.environment, 40)}` : null,
    `- **Severity:** ${alertIncidentSeverity(incident)}`,
    `- **Opened:** ${incident.openedAt} (first alert started)`,
    incident.resolvedAt ? `- **Resolved:** ${incident.resolvedAt}` : null,
    `- **Alert ${groups.length === 1 ? "group" : "groups"}:** ${[...groupList, ...moreGroups].join(", ")}`,
    sharedList.length > 0 ? `- **Shared labels:** ${sharedList.join(" ")}` : null,
    incident.related.length > 0 ? `- **Related:** ${incident.related.map(deployLink).join("; ")}` : null,
    incident.pullRequest ? `- **Remediation:** #${incident.pullRequest}` : null,
  ]
    .filter((l): l is string => l !== null)
    .join("\n");
};

const truncationWarning = (incident: AlertIncident): string | null => {
  const truncated = [...incident.groups.values()].reduce((n, g) => n + g.truncated, 0);
  const dropped = incident.droppedAlerts;
  const lines = [
    truncated > 0 ? `> ${plural(truncated, "more alert")} ${truncated === 1 ? "was" : "were"} not sent by Alertmanager (its \`max_alerts\` limit), so ${truncated === 1 ? "it is" : "they are"} not listed here.` : null,
    dropped > 0 ? `> ${plural(dropped, "older resolved alert")} ${dropped === 1 ? "is" : "are"} no longer tracked, to keep this issue under GitHub's size limit.` : null,
  ].filter((l): l is string => l !== null);
  return lines.length > 0 ? ["> [!WARNING]", ...lines].join("\n>\n") : null;
};

const links = (incident: AlertIncident): string | null => {
  const web = (url: string) => /^https?:\/\//i.test(url);
  const sources = [...new Set([...incident.groups.values()].map((g) => g.externalURL).filter((u): u is string => u !== null && web(u)))];
  const items = [
    ...sources.slice(0, 3).map((u) => `- [Alertmanager](${u})`),
    ...incident.generatorURLs.filter(web).map((u, i) => `- [Source of alert ${i + 1}](${u})`),
  ];
  return items.length > 0 ? `## Links${GAP}${items.join("\n")}` : null;
};

const footer = (incident: AlertIncident, state: string): string =>
  [
    `---\nIncident ${code(incident.id)} · opened by AgenticOps, an automated bot, from routed alerts. Alert names, labels and values are shown as the alerting system sent them.`,
    state,
    renderMarker({ incident: incident.id, kind: "alert-incident", detectedAt: incident.openedAt }),
  ].join("\n");

/** Summary, alerts, links and timeline, with the table cut to whatever room the rest leaves. */
const renderSections = (incident: AlertIncident, owners: readonly string[], intro: string[]): { body: string; droppedFromState: number } => {
  const shared = sharedLabels(incident.alerts.values());
  const { block, dropped } = renderStateBlock(incident, STATE_BUDGET);
  const end = footer(incident, block);
  const head = [...intro, "## Summary", headline(incident), facts(incident, owners, shared), truncationWarning(incident), "## Alerts"].filter((s): s is string => s !== null).join(GAP);
  const tail = [links(incident), `## Timeline${GAP}${renderAlertTimeline(incident)}`].filter((s): s is string => s !== null).join(GAP);
  const budget = GITHUB_BODY_LIMIT - head.length - tail.length - end.length - 3 * GAP.length - 64;
  return { body: [head, renderAlertTable(incident, shared, budget), tail, end].join(GAP), droppedFromState: dropped };
};

/** Title and body of the incident's own issue; one pure renderer for create and every update. */
export const renderAlertIncident = (incident: AlertIncident, owners: readonly string[]): AlertIncidentDocument => {
  const title = `[alert] ${noMentions(incident.title).replace(/\s+/g, " ")}`;
  const { body, droppedFromState } = renderSections(incident, owners, []);
  return { title: title.length <= TITLE_LIMIT ? title : `${title.slice(0, TITLE_LIMIT - 1)}…`, body, droppedFromState };
};

/** The comment that carries an incident joined to a failed deploy, on that deploy's issue or pull request. */
export const renderAlertIncidentComment = (incident: AlertIncident, owners: readonly string[]): AlertIncidentDocument => {
  const deploy = incident.home.kind === "deploy-comment" ? incident.home.deploy : null;
  const intro = [
    `### Alerts during this incident`,
    `These alerts started within the correlation window of this ${deploy?.kind === "pull-request" ? "rollback" : "incident"}${deploy?.environment ? ` (deploy to ${deploy.environment})` : ""}, so AgenticOps tracks them here instead of opening another issue. This comment is edited in place as alerts change.`,
  ];
  const { body, droppedFromState } = renderSections(incident, owners, intro);
  return { title: "", body, droppedFromState };
};
