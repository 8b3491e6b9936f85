import { toIso, toMs, type AlertIncident } from "../model/alert-incident.js";
import { noMentions } from "./markdown.js";

const MAX_LINES = 40;
const HEAD_LINES = 10;
const MINUTE = 60_000;

type Kind = "opened" | "firing" | "resolved" | "reopened" | "incident-resolved";
const ORDER: Kind[] = ["opened", "reopened", "firing", "resolved", "incident-resolved"];

interface Bucket {
  minute: number;
  kind: Kind;
  names: Map<string, number>;
}

const names = (counts: Map<string, number>): string =>
  [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, 5)
    .map(([name, n]) => (n > 1 ? `${name} ×${n}` : name))
    .join(", ") + (counts.size > 5 ? `, +${counts.size - 5} more` : "");

const describe = (b: Bucket): string => {
  const total = [...b.names.values()].reduce((s, n) => s + n, 0);
  const plural = (n: number) => `${n} alert${n === 1 ? "" : "s"}`;
  if (b.kind === "opened") return "incident opened (first alert started)";
  if (b.kind === "reopened") return "fired again after resolving: incident reopened";
  if (b.kind === "incident-resolved") return "all alerts resolved: incident resolved";
  return `${plural(total)} ${b.kind === "firing" ? "firing" : "resolved"}: ${noMentions(names(b.names))}`;
};

/**
 * The incident's story, derived from its alerts (first seen, resolved) and its own openings and
 * resolution, one line per minute and kind; the middle is elided past 40 lines.
 */
export const renderAlertTimeline = (incident: AlertIncident): string => {
  const buckets = new Map<string, Bucket>();
  const add = (at: string, kind: Kind, name = ""): void => {
    const minute = Math.floor(toMs(at) / MINUTE) * MINUTE;
    const key = `${minute}|${kind}`;
    const bucket = buckets.get(key) ?? { minute, kind, names: new Map<string, number>() };
    bucket.names.set(name, (bucket.names.get(name) ?? 0) + 1);
    buckets.set(key, bucket);
  };
  add(incident.openedAt, "opened");
  for (const at of incident.reopenedAt) add(at, "reopened");
  for (const alert of incident.alerts.values()) {
    add(alert.firstSeen, "firing", alert.name);
    if (alert.resolvedAt) add(alert.resolvedAt, "resolved", alert.name);
  }
  if (incident.resolvedAt) add(incident.resolvedAt, "incident-resolved");
  const sorted = [...buckets.values()].sort((a, b) => a.minute - b.minute || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const lines = sorted.map((b) => `- \`${toIso(b.minute).slice(0, 16).replace("T", " ")}\` ${describe(b)}`);
  if (lines.length <= MAX_LINES) return lines.join("\n");
  const tail = MAX_LINES - HEAD_LINES - 1;
  return [...lines.slice(0, HEAD_LINES), `- _… ${lines.length - HEAD_LINES - tail} more minutes …_`, ...lines.slice(-tail)].join("\n");
};
