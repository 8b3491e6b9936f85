import type { Evidence } from "../../schemas/evidence.js";
import type { Incident } from "../../schemas/incident.js";
import type { PolicyDecision } from "../../schemas/policy-decision.js";
import type { CommitSummary } from "../../ports/deploy-history.js";
import type { RollbackPlan } from "../plan/rollback-plan.js";
import { deployEnvironment, renderMarker } from "./hidden-marker.js";
import { renderDiagnosis } from "./render-diagnosis.js";
import type { Diagnosis } from "../../schemas/diagnosis.js";
import { imageVersion, parseImageReference } from "../plan/image-reference.js";
import { code, details, fence, fitBody, noMentions } from "./markdown.js";
import { GITHUB_BODY_LIMIT } from "./render-incident-issue.js";

export interface RollbackPrInput {
  incident: Incident;
  plan: Extract<RollbackPlan, { kind: "pin" | "revert" }>;
  decision: PolicyDecision;
  evidence: Evidence[];
  range: CommitSummary[];
  lastGood: { sha: string; source: "deployment" | "workflow-run"; at: string };
  /** the diagnosis engine's result, when it ran */
  diagnosis?: Diagnosis | null;
}

const short = (sha: string) => sha.slice(0, 7);

/** `shop 1.5.0 → 1.4.2` for image references, else the raw values. */
export const versionChange = (from: string, to: string): string => {
  const a = parseImageReference(from);
  const b = parseImageReference(to);
  if (a && b && a.repository === b.repository && (a.tag !== null || a.digest !== null)) {
    return `${a.repository.split("/").pop() ?? a.repository} ${imageVersion(a)} → ${imageVersion(b)}`;
  }
  return `${from} → ${to}`;
};

/** A commit subject within git's 72 characters: what changed, not the story (that is in the PR). */
export const rollbackCommitSubject = (plan: RollbackPrInput["plan"], incident: Incident, lastGood: string): string => {
  const env = incident.key.environment ?? "the default branch";
  if (plan.kind === "pin") {
    const what = plan.edits.map((e) => versionChange(e.from, e.to)).join(", ");
    return `Roll back ${env}: ${what}`;
  }
  const n = plan.targets.length;
  return `Revert ${n} commit${n === 1 ? "" : "s"} to roll back ${env} to ${short(lastGood)}`;
};

export const rollbackTitle = (input: RollbackPrInput): string => {
  const { incident, plan, lastGood } = input;
  const failing = short(incident.key.sha ?? "");
  const env = incident.key.environment ?? "the default branch";
  if (plan.kind === "pin") {
    const what = plan.edits.map((e) => versionChange(e.from, e.to)).join(", ") || short(lastGood.sha);
    return `Roll back ${env}: ${what} after the deploy of ${failing} failed`;
  }
  const n = plan.targets.length;
  return `Roll back ${env} to ${short(lastGood.sha)}: revert ${n} commit${n === 1 ? "" : "s"} after the deploy of ${failing} failed`;
};

const GAP = "\n\n";
const renderItem = (e: Evidence): string => details(`${e.url ? `<a href="${e.url}">${e.title}</a>` : e.title}${e.truncated ? " (excerpt)" : ""}`, fence(e.lines));

/** The last lines of `item` that fit `room` (the end of a log explains the failure), or null. */
const lastLinesWithin = (item: Evidence, room: number): string | null => {
  for (let drop = 1; drop < item.lines.length; drop += 1) {
    const cut = renderItem({ ...item, lines: item.lines.slice(drop), truncated: true });
    if (cut.length <= room) return cut;
  }
  return null;
};

/**
 * Evidence within `budget` characters, cut at item and line boundaries so every fence and
 * <details> stays closed; the sections after it (plan, policy, undo) are never what gets cut.
 */
const renderEvidence = (evidence: Evidence[], budget: number): string => {
  if (evidence.length === 0) return "_No failed job logs were available._";
  const whole = evidence.map(renderItem);
  if (whole.join(GAP).length <= budget) return whole.join(GAP);
  const note = "_Evidence truncated to fit GitHub's size limit._";
  let room = budget - note.length - GAP.length;
  const kept: string[] = [];
  for (const [i, rendered] of whole.entries()) {
    const cut = rendered.length + GAP.length <= room ? rendered : lastLinesWithin(evidence[i]!, room - GAP.length);
    if (cut !== null) kept.push(cut);
    if (cut !== rendered) break;
    room -= rendered.length + GAP.length;
  }
  return [...kept, note].join(GAP);
};

const renderSuspects = (range: CommitSummary[], plan: RollbackPrInput["plan"]): string => {
  const rows = [...range].reverse().map((c) => `| ${short(c.sha)} | ${c.message.split("\n")[0]?.replace(/\|/g, "\\|") ?? ""} | ${c.author} | ${c.parents.length > 1 ? "merge" : ""} |`);
  const header = `Commits deployed since the last good version (${range.length}, newest first)${plan.kind === "revert" ? "; all are reverted" : ""}:`;
  return [header, "", "| commit | subject | author | |", "|---|---|---|---|", ...rows].join("\n");
};

/** `2026-11-23 14:02` in UTC; a Mermaid timeline reads ":" as its separator, so none in the labels. */
const minute = (iso: string): string => iso.replace("T", " ").replace(/:\d{2}(\.\d+)?Z$/, "").replace(":", "h");

/** The incident at a glance: last good, the failure, the proposal (Mermaid renders it on GitHub). */
const renderTimeline = (input: RollbackPrInput): string => {
  const failing = short(input.incident.key.sha ?? "");
  const events = [
    `${minute(input.lastGood.at)} : last good ${short(input.lastGood.sha)}`,
    `${minute(input.incident.openedAt)} : deploy of ${failing} failed`,
    `${minute(input.decision.evaluatedAt)} : rollback proposed (${input.plan.proposal.action}, policy ${input.decision.verdict})`,
  ];
  return ["```mermaid", "timeline", `  title Incident ${input.incident.id}`, ...events.map((e) => `  ${e}`), "```"].join("\n");
};

/** A table cell: a `|` or a line break in a reason would break the row. */
const cell = (text: string): string => noMentions(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

const renderApprovals = (decision: PolicyDecision): string => {
  const { approvals, automerge } = decision;
  const who = [...(approvals.teams.length > 0 ? [`one from each of ${approvals.teams.join(", ")}`] : []), ...(approvals.codeowners ? ["the code owners"] : [])];
  const merge = automerge.granted && automerge.rule ? `granted by ${code(automerge.rule)} once required checks pass on the head commit` : "not granted";
  return `Approvals required: ${decision.requiredApprovals}${who.length > 0 ? `, including ${who.join(" and ")}` : ""}. Automerge: ${merge}.`;
};

/** Every rule that applied, with the policy it came from. */
export const renderPolicy = (decision: PolicyDecision): string =>
  [
    `**${decision.verdict}** — evaluated ${decision.evaluatedAt}`,
    "",
    renderApprovals(decision),
    "",
    "| rule | policy | verdict | reason |",
    "|---|---|---|---|",
    ...decision.rules.map((r) => `| ${code(r.rule)} | ${r.policy ?? ""} | ${r.verdict} | ${cell(r.reason)} |`),
  ].join("\n");

/** The pull request body, one section per step of the control loop. */
export const renderRollbackPr = (input: RollbackPrInput): { title: string; body: string } => {
  const { incident, plan, decision, lastGood } = input;
  const failing = incident.key.sha ?? "";
  const signal = incident.signals[0];
  const source = lastGood.source === "deployment" ? "the last successful deployment" : "the last successful run of the deploy workflow";
  const summary = [
    "## Summary",
    `The ${incident.key.environment ? `deploy to **${incident.key.environment}**` : "default branch"} failed at ${code(short(failing))}${signal?.url ? ` ([run](${signal.url}))` : ""}. ` +
      `This pull request rolls it back to ${code(short(lastGood.sha))}, ${source} (${lastGood.at}).`,
    plan.kind === "pin" ? "Only the deployed version changes; the code on the default branch stays as it is." : "The commits since the last good version are reverted in one commit.",
    renderTimeline(input),
  ].join("\n\n");
  const footer = `---\nIncident ${code(incident.id)} · opened by AgenticOps, an automated bot; a human review is the approval.\n${renderMarker({ incident: incident.id, kind: "rollback-pr", detectedAt: incident.openedAt, ...deployEnvironment(incident) })}`;
  const after = [
    `## Diagnosis\n\n${input.diagnosis ? `${renderDiagnosis(input.diagnosis)}\n\n` : "Category: deploy failure. "}${renderSuspects(input.range, plan)}`,
    `## Plan\n\nRunbook ${code(plan.proposal.runbookId ?? "none")}, action ${code(plan.proposal.action)} (risk ${plan.proposal.risk}).\n\n${plan.proposal.description.map((d) => `- ${d}`).join("\n")}`,
    `## Policy decision\n\n${renderPolicy(decision)}`,
    `## How to undo\n\n${plan.proposal.inverse} Closing this pull request without merging tells the bot not to propose this rollback again.`,
    `## How it will be verified\n\nAfter merge, the next ${incident.key.environment ? `deploy to ${incident.key.environment}` : "run of the failing workflow"} must succeed. If it does not, the bot proposes reverting this pull request and notifies the owners.`,
  ];
  const heading = "## Evidence\n\n";
  const budget = GITHUB_BODY_LIMIT - [summary, heading, ...after, footer].join(GAP).length;
  const sections = [summary, `${heading}${renderEvidence(input.evidence, budget)}`, ...after];
  return { title: rollbackTitle(input), body: fitBody(sections, footer, GITHUB_BODY_LIMIT) };
};
