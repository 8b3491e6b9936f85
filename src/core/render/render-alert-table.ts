import { toMs, type AlertIncident, type TrackedAlert } from "../model/alert-incident.js";
import { clip, distinguishingLabels } from "./alert-labels.js";
import { code, noMentions } from "./markdown.js";

const HEADER = "| Alert | Labels | Value | Started (UTC) | Status |\n|---|---|---|---|---|";
const MAX_ROWS = 200;

/** Text from an alert inside a table cell: one line, no pipes breaking the table, no mentions. */
export const cell = (text: string, max = 80): string => noMentions(clip(text.replace(/\s+/g, " ").trim(), max)).replace(/\|/g, "\\|");

const time = (iso: string): string => iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, "");

const statusOf = (a: TrackedAlert): string => (a.status === "firing" ? "🔥 firing" : `✅ resolved ${a.resolvedAt ? time(a.resolvedAt) : ""}`.trim());

const row = (a: TrackedAlert, shared: Record<string, string>): string => {
  const labels = Object.entries(distinguishingLabels(a, shared, 4)).map(([k, v]) => code(cell(`${k}=${v}`, 60)));
  return `| ${cell(a.name, 60)} | ${labels.join(" ") || "—"} | ${a.value ? cell(a.value, 40) : "—"} | ${time(a.startsAt)} | ${statusOf(a)} |`;
};

/** Firing alerts first (oldest first), then resolved ones (most recent first). */
export const tableOrder = (a: TrackedAlert, b: TrackedAlert): number =>
  (a.status === "firing" ? 0 : 1) - (b.status === "firing" ? 0 : 1) ||
  (a.status === "firing" ? toMs(a.startsAt) - toMs(b.startsAt) : toMs(b.resolvedAt ?? b.lastSeen) - toMs(a.resolvedAt ?? a.lastSeen)) ||
  a.name.localeCompare(b.name) ||
  a.fingerprint.localeCompare(b.fingerprint);

const moreNote = (left: TrackedAlert[]): string => {
  const firing = left.filter((a) => a.status === "firing").length;
  return `_…and ${left.length} more alert${left.length === 1 ? "" : "s"} (${firing} firing) not shown, to stay within GitHub's size limit._`;
};

/** The alerts table within `budget` characters; rows that do not fit are counted, not lost silently. */
export const renderAlertTable = (incident: AlertIncident, shared: Record<string, string>, budget: number): string => {
  const alerts = [...incident.alerts.values()].sort(tableOrder);
  if (alerts.length === 0) return "_No alerts received yet._";
  const reserve = moreNote(alerts).length + 2;
  const lines = [HEADER];
  let size = HEADER.length;
  let shown = 0;
  for (const alert of alerts) {
    const line = row(alert, shared);
    const last = shown + 1 === alerts.length;
    if (shown >= MAX_ROWS || size + line.length + 1 > budget - (last ? 0 : reserve)) break;
    lines.push(line);
    size += line.length + 1;
    shown += 1;
  }
  const table = lines.join("\n");
  return shown < alerts.length ? `${table}\n\n${moreNote(alerts.slice(shown))}` : table;
};
