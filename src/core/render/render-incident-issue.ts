import type { Evidence } from "../../schemas/evidence.js";
import type { Incident } from "../../schemas/incident.js";
import { renderMarker } from "./hidden-marker.js";

export const GITHUB_BODY_LIMIT = 65_536;

const fence = (lines: string[]): string => {
  // A fence longer than any backtick run inside, so log text cannot close it early.
  const longest = Math.max(2, ...lines.map((l) => (l.match(/`+/g) ?? []).reduce((m, s) => Math.max(m, s.length), 0)));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}text\n${lines.join("\n")}\n${ticks}`;
};

const renderEvidence = (item: Evidence): string => {
  const title = item.url ? `[${item.title}](${item.url})` : item.title;
  const where = item.startLine ? ` (from line ${item.startLine}${item.truncated ? ", truncated" : ""})` : "";
  return `<details><summary>${title}${where}</summary>\n\n${fence(item.lines)}\n\n</details>`;
};

/** Title and body of the incident issue; one pure renderer, used for create and update alike. */
export const renderIncidentIssue = (incident: Incident, evidence: Evidence[]): { title: string; body: string } => {
  const signal = incident.signals[0];
  const facts = [
    `- **Repository:** ${incident.key.repo.owner}/${incident.key.repo.name}`,
    incident.key.environment ? `- **Environment:** ${incident.key.environment}` : null,
    incident.key.workflow ? `- **Workflow:** ${signal?.url ? `[${incident.key.workflow}](${signal.url})` : incident.key.workflow}` : null,
    incident.key.sha ? `- **Commit:** ${incident.key.sha}` : null,
    `- **Severity:** ${incident.severity}`,
    `- **Detected:** ${incident.openedAt}`,
  ].filter((l): l is string => l !== null);
  const evidenceSection =
    evidence.length > 0 ? evidence.map(renderEvidence).join("\n\n") : "_No failed job logs were available._";
  const footer = `---\nIncident \`${incident.id}\` · opened by AgenticOps, an automated bot.\n${renderMarker({ incident: incident.id, kind: "incident-issue" })}`;
  let body = ["## Summary", facts.join("\n"), "## Evidence", evidenceSection, footer].join("\n\n");
  if (body.length > GITHUB_BODY_LIMIT) {
    const note = "\n\n_Evidence truncated to fit GitHub's size limit._\n\n";
    body = `${body.slice(0, GITHUB_BODY_LIMIT - footer.length - note.length - 16)}${note}${footer}`;
  }
  return { title: `[incident] ${incident.title}`, body };
};
