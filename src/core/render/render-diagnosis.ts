import type { Diagnosis } from "../../schemas/diagnosis.js";
import { code, noMentions } from "./markdown.js";
import { renderSuspectRange } from "./render-suspect-range.js";

const percent = (x: number): string => `${Math.round(x * 100)}%`;
const short = (sha: string): string => sha.slice(0, 7);
const cell = (text: string): string => noMentions(text).replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * The Diagnosis section shared by pull requests, incident issues and comments: the cause with its
 * confidence, competing hypotheses, suspect commits with why, the matching runbook, similar past
 * incidents and owners. Terse; nothing here is an instruction to anyone.
 */
export const renderDiagnosis = (d: Diagnosis): string => {
  const parts: string[] = [`**${d.cause}** (confidence ${percent(d.confidence)}): ${noMentions(d.summary)}`];
  const others = d.hypotheses.filter((h) => h.cause !== d.cause);
  if (others.length > 0) parts.push(`Other hypotheses: ${others.map((h) => `${h.cause} ${percent(h.confidence)}`).join(", ")}.`);
  if (d.suspects.length > 0) {
    const rows = d.suspects.slice(0, 5).map((s) => `| ${code(short(s.sha))} | ${cell(s.subject)} | ${cell(s.author)} | ${cell(s.reasons.join("; "))} |`);
    parts.push(["| suspect | subject | author | why |", "|---|---|---|---|", ...rows].join("\n"));
  }
  if (d.suspectRange) parts.push(renderSuspectRange(d.suspectRange, d.suspects.length));
  if (d.runbookId) parts.push(`Matching runbook: ${code(d.runbookId)}.`);
  if (d.related.length > 0) parts.push(`Similar past incidents: ${d.related.map((r) => (r.url ? `[${cell(r.title)}](${r.url})` : cell(r.title))).join(", ")}.`);
  if (d.owners.length > 0) parts.push(`Owners: ${d.owners.join(", ")}.`);
  const method = d.method === "llm-ranked" ? `deterministic signatures, ranked by an LLM (${d.tokens.in} tokens in, ${d.tokens.out} out)` : "deterministic signatures";
  parts.push(`_Diagnosed with ${method}.${d.llmNote ? ` ${d.llmNote}` : ""}_`);
  return parts.join("\n\n");
};
