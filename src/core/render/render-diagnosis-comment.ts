import type { Diagnosis } from "../../schemas/diagnosis.js";
import type { Evidence } from "../../schemas/evidence.js";
import { renderMarker, type Marker } from "./hidden-marker.js";
import { code, details, fence } from "./markdown.js";
import { renderDiagnosis } from "./render-diagnosis.js";

export const COMMENT_BODY_LIMIT = 65_536;
const GAP = "\n\n";
const SUMMARY_CHARS = 160;

/** The run a diagnosis is about, as the comment's first line names it. */
export interface RunFacts {
  workflow: string;
  url: string;
  headSha: string;
  headBranch: string | null;
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
// Workflow and branch names come from the repository: shown as code so they cannot format or mention.
const where = (run: RunFacts): string => `at ${code(run.headSha.slice(0, 7))}${run.headBranch ? ` on ${code(run.headBranch)}` : ""}`;

/** One line: which run failed where, the cause and its confidence, and the strongest log line as code. */
export const renderSummaryLine = (run: RunFacts, d: Diagnosis, lead = "failed"): string =>
  `[${code(run.workflow)}](${run.url}) ${lead} ${where(run)}: **${d.cause}** (${percent(d.confidence)}) ${code(clip(d.summary.replace(/\s+/g, " "), SUMMARY_CHARS))}`;

const renderExcerpt = (item: Evidence, lines: string[], cut: boolean): string => {
  const title = item.url ? `<a href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a>` : escapeHtml(item.title);
  const from = item.startLine ? ` (from line ${item.startLine + (item.lines.length - lines.length)}${item.truncated || cut ? ", truncated" : ""})` : "";
  return details(`Log excerpt: ${title}${from}`, lines.length > 0 ? fence(lines) : "_No lines matched._");
};

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Each excerpt within its share of `budget`, dropping its earliest lines first (the end explains
 * the failure), so every fence and <details> stays closed however long the log lines are.
 */
const renderExcerpts = (evidence: Evidence[], budget: number): string => {
  if (evidence.length === 0) return "_No failed job logs were available._";
  const share = Math.floor(budget / evidence.length) - GAP.length;
  return evidence
    .map((item) => {
      for (let drop = 0; drop <= item.lines.length; drop += 1) {
        const rendered = renderExcerpt(item, item.lines.slice(drop), drop > 0);
        if (rendered.length <= share) return rendered;
      }
      return renderExcerpt(item, [], true);
    })
    .join(GAP);
};

/**
 * A diagnosis as a comment: one summary line, the excerpts (collapsible, fenced), the diagnosis
 * section, and the hidden marker the bot finds its comment by. Under GitHub's size limit.
 */
export const renderDiagnosisComment = (input: { summary: string; diagnosis: Diagnosis; marker: Marker; footer: string }): string => {
  const footer = `<sub>${input.footer}</sub>\n${renderMarker(input.marker)}`;
  const section = renderDiagnosis(input.diagnosis);
  const head = input.summary;
  const budget = COMMENT_BODY_LIMIT - head.length - footer.length - 3 * GAP.length - Math.min(section.length, COMMENT_BODY_LIMIT / 4);
  const diagnosisPart = section.length > COMMENT_BODY_LIMIT / 4 ? `${section.slice(0, COMMENT_BODY_LIMIT / 4 - 40)}\n\n_Diagnosis truncated._` : section;
  return [head, renderExcerpts(input.diagnosis.evidence, budget), diagnosisPart, footer].join(GAP);
};
