import type { TrackedAlert } from "../model/alert-incident.js";

/** Labels that say nothing about which alert it is: the name is its own column. */
const IGNORED = new Set(["alertname", "__name__"]);
/** Labels that usually tell sibling alerts apart, shown first when there are many. */
const PREFERRED = ["instance", "pod", "container", "node", "host", "job", "namespace", "cluster", "region", "zone", "service", "environment", "env", "severity"];
const rank = (key: string): number => {
  const i = PREFERRED.indexOf(key);
  return i < 0 ? PREFERRED.length : i;
};

/** Labels with the same value on every alert (shown once in the summary), without the name. */
export const sharedLabels = (alerts: Iterable<TrackedAlert>): Record<string, string> => {
  let shared: Map<string, string> | null = null;
  for (const alert of alerts) {
    const labels = Object.entries(alert.labels).filter(([k]) => !IGNORED.has(k));
    if (shared === null) {
      shared = new Map(labels);
      continue;
    }
    for (const [key, value] of shared) if (alert.labels[key] !== value) shared.delete(key);
    if (shared.size === 0) break;
  }
  return Object.fromEntries([...(shared ?? new Map<string, string>())].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
};

/** The labels that tell this alert from its siblings: not shared, not the name, most telling first. */
export const distinguishingLabels = (alert: TrackedAlert, shared: Record<string, string>, max: number): Record<string, string> =>
  Object.fromEntries(
    Object.entries(alert.labels)
      .filter(([k, v]) => !IGNORED.has(k) && shared[k] !== v)
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .slice(0, max),
  );

/** A value shortened to `max` characters, with an ellipsis when cut. */
export const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
