import type { Evidence } from "../../schemas/evidence.js";
import type { Incident } from "../../schemas/incident.js";
import { deployEnvironment, renderMarker } from "./hidden-marker.js";
import { fence } from "./markdown.js";
import { renderDiagnosis } from "./render-diagnosis.js";
import type { Diagnosis } from "../../schemas/diagnosis.js";

/** Why the bot hands the incident to humans instead of opening a pull request, and what to run. */
export interface Handoff {
  heading: string;
  detail: string;
  commands: string[];
}

const renderHandoff = (handoff: Handoff): string =>
  [`## ${handoff.heading}`, handoff.detail, ...(handoff.commands.length > 0 ? ["What a human would run instead:", fence(handoff.commands, "sh")] : [])].join(GAP);

export const GITHUB_BODY_LIMIT = 65_536;
const GITHUB_TITLE_LIMIT = 256;
const GAP = "\n\n";


const renderEvidence = (item: Evidence): string => {
  const title = item.url ? `[${item.title}](${item.url})` : item.title;
  const where = item.startLine ? ` (from line ${item.startLine}${item.truncated ? ", truncated" : ""})` : "";
  return `<details><summary>${title}${where}</summary>\n\n${fence(item.lines)}\n\n</details>`;
};

const truncationNote = (omitted: number): string =>
  `_Evidence truncated to fit GitHub's size limit${omitted > 0 ? `; ${omitted} more item${omitted === 1 ? "" : "s"} omitted` : ""}._`;

/** The item without its earliest lines (the end explains the failure) so it fits `room`; null if no line fits. */
const shrink = (item: Evidence, room: number): string | null => {
  for (let drop = 1; drop < item.lines.length; drop += 1) {
    const rendered = renderEvidence({
      ...item,
      lines: item.lines.slice(drop),
      startLine: item.startLine === null ? null : item.startLine + drop,
      truncated: true,
    });
    if (rendered.length <= room) return rendered;
  }
  return null;
};

/**
 * Evidence within `budget` characters, cut at item and line boundaries so every fence and
 * <details> stays closed: whole items first, then the last lines of the first that does not fit.
 */
const fitEvidence = (evidence: Evidence[], budget: number): string => {
  const whole = evidence.map(renderEvidence);
  if (whole.join(GAP).length <= budget) return whole.join(GAP);
  const room = budget - truncationNote(evidence.length).length - GAP.length;
  const kept: string[] = [];
  for (const [i, rendered] of whole.entries()) {
    const left = room - kept.reduce((n, k) => n + k.length + GAP.length, 0);
    if (rendered.length <= left) {
      kept.push(rendered);
      continue;
    }
    const cut = shrink(evidence[i]!, left);
    if (cut !== null) kept.push(cut);
    break;
  }
  return [...kept, truncationNote(evidence.length - kept.length)].join(GAP);
};

const limitTitle = (title: string): string =>
  title.length <= GITHUB_TITLE_LIMIT ? title : `${title.slice(0, GITHUB_TITLE_LIMIT - 1)}…`;

/** Title and body of the incident issue; one pure renderer, used for create and update alike. */
export const renderIncidentIssue = (incident: Incident, evidence: Evidence[], handoff?: Handoff, diagnosis?: Diagnosis | null): { title: string; body: string } => {
  const signal = incident.signals[0];
  const facts = [
    `- **Repository:** ${incident.key.repo.owner}/${incident.key.repo.name}`,
    incident.key.environment ? `- **Environment:** ${incident.key.environment}` : null,
    incident.key.workflow ? `- **Workflow:** ${signal?.url ? `[${incident.key.workflow}](${signal.url})` : incident.key.workflow}` : null,
    incident.key.sha ? `- **Commit:** ${incident.key.sha}` : null,
    `- **Severity:** ${incident.severity}`,
    `- **Detected:** ${incident.openedAt}`,
  ].filter((l): l is string => l !== null);
  const footer = `---\nIncident \`${incident.id}\` · opened by AgenticOps, an automated bot.\n${renderMarker({ incident: incident.id, kind: "incident-issue", detectedAt: incident.openedAt, ...deployEnvironment(incident) })}`;
  const head = ["## Summary", facts.join("\n"), ...(handoff ? [renderHandoff(handoff)] : []), ...(diagnosis ? [`## Diagnosis${GAP}${renderDiagnosis(diagnosis)}`] : []), "## Evidence"].join(GAP);
  const budget = GITHUB_BODY_LIMIT - head.length - footer.length - 2 * GAP.length;
  const evidenceSection = evidence.length > 0 ? fitEvidence(evidence, budget) : "_No failed job logs were available._";
  return { title: limitTitle(`[incident] ${incident.title}`), body: [head, evidenceSection, footer].join(GAP) };
};
