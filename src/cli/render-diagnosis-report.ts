import type { Diagnosis } from "../schemas/diagnosis.js";

const percent = (x: number): string => `${Math.round(x * 100)}%`;
const indent = (lines: string[], by = "  "): string[] => lines.map((l) => `${by}${l}`);

/** The diagnosis as plain text for a terminal: cause, summary, excerpt, suspects with why. */
export const renderDiagnosisReport = (d: Diagnosis): string => {
  const out: string[] = [`Cause:      ${d.cause} (confidence ${percent(d.confidence)})`, `Summary:    ${d.summary}`];
  const others = d.hypotheses.filter((h) => h.cause !== d.cause);
  if (others.length > 0) out.push(`Also:       ${others.map((h) => `${h.cause} ${percent(h.confidence)}`).join(", ")}`);
  if (d.runbookId) out.push(`Runbook:    ${d.runbookId}`);
  for (const item of d.evidence) {
    const from = item.startLine ? `, from line ${item.startLine}` : "";
    out.push("", `Excerpt (${item.title}${from}${item.truncated ? ", truncated" : ""}):`, ...indent(item.lines.length > 0 ? item.lines : ["(no lines matched)"]));
  }
  if (d.suspects.length > 0) {
    out.push("", "Suspect commits, most likely first:");
    for (const s of d.suspects.slice(0, 10)) {
      out.push(`  ${s.sha.slice(0, 7)}  ${s.subject}  (${s.author}, score ${s.score})`, ...indent(s.reasons.map((r) => `- ${r}`), "      "));
    }
  }
  if (d.related.length > 0) out.push("", `Similar past incidents: ${d.related.map((r) => r.title).join("; ")}`);
  const method = d.method === "llm-ranked" ? `deterministic signatures, ranked by an LLM (${d.tokens.in} tokens in, ${d.tokens.out} out)` : "deterministic signatures";
  out.push("", `Diagnosed with ${method}.${d.llmNote ? ` ${d.llmNote}` : ""}`);
  return `${out.join("\n")}\n`;
};
