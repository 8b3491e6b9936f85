import type { AlertIncident, TrackedAlert } from "../model/alert-incident.js";
import type { ActionProposal, Quantity } from "../../schemas/action-proposal.js";
import type { PolicyDecision } from "../../schemas/policy-decision.js";
import type { Runbook } from "../../schemas/runbook.js";
import type { DeployedRange } from "../plan/find-deployed-range.js";
import type { ParameterValue } from "../plan/runbooks/coerce-parameter.js";
import { formatBytes, formatMillicores } from "../gate/k8s-quantity.js";
import { renderMarker } from "./hidden-marker.js";
import { cell } from "./render-alert-table.js";
import { code, fitBody } from "./markdown.js";
import { GITHUB_BODY_LIMIT } from "./render-incident-issue.js";
import { renderPolicy } from "./render-rollback-pr.js";

export interface RemediationPrInput {
  incident: Readonly<AlertIncident>;
  /** the alert the runbook matched, and why */
  alert: TrackedAlert;
  matchReasons: string[];
  runbook: Runbook;
  params: Record<string, ParameterValue>;
  proposals: ActionProposal[];
  /** the worst of the proposals' decisions: what the pull request is judged by */
  decision: PolicyDecision;
  step: number;
  /** the incident's issue, when it is written */
  issue: number | null;
  /** the deploy the runbook blames, when it read one */
  range: DeployedRange | null;
}

const short = (sha: string) => sha.slice(0, 7);

const UNITS: Record<Quantity["name"], (n: number) => string> = {
  replicas: String,
  "hpa.minReplicas": String,
  "hpa.maxReplicas": String,
  "cpu.request": formatMillicores,
  "cpu.limit": formatMillicores,
  "memory.request": formatBytes,
  "memory.limit": formatBytes,
};

const quantityLine = (q: Quantity): string => `${code(q.name)} on ${code(q.target)}: ${q.from === null ? "unset" : UNITS[q.name](q.from)} → ${UNITS[q.name](q.to)}`;

/** `scale shop-web maxReplicas 10 → 12` style title, from what the change moves. */
export const remediationTitle = (input: Pick<RemediationPrInput, "incident" | "runbook" | "proposals">): string => {
  const quantities = input.proposals.flatMap((p) => p.quantities ?? []);
  const what = quantities.length > 0 ? quantities.map((q) => `${q.name} ${q.from === null ? "unset" : UNITS[q.name](q.from)} → ${UNITS[q.name](q.to)}`).join(", ") : input.runbook.title;
  return `${input.incident.service ?? input.incident.title}: ${what} (${input.runbook.id})`.slice(0, 250);
};

/** The alert as evidence: name, labels, value, start and where it came from. */
const renderAlertEvidence = (alert: TrackedAlert): string => {
  const labels = Object.entries(alert.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `| ${code(k)} | ${cell(v)} |`);
  const facts = [
    `- Alert ${code(alert.name)}, ${alert.status}, started ${alert.startsAt}${alert.value ? `, value ${code(alert.value)}` : ""}.`,
    ...(alert.generatorURL ? [`- Source: [generator](${alert.generatorURL})`] : []),
    ...(alert.summary ? [`- Summary (as the sender wrote it): ${cell(alert.summary, 300)}`] : []),
  ];
  return [...facts, "", "| label | value |", "|---|---|", ...labels].join("\n");
};

const renderRange = (range: DeployedRange): string => {
  const rows = range.commits.map((c) => `| ${short(c.sha)} | ${cell(c.message.split("\n")[0] ?? "")} | ${cell(c.author)} |`);
  return [
    `The newest deploy to ${code(range.environment)} shipped ${code(short(range.deployed))} at ${range.deployedAt}; the one before shipped ${code(short(range.lastGood))}.`,
    "",
    "| commit | subject | author |",
    "|---|---|---|",
    ...rows,
  ].join("\n");
};

const renderParams = (params: Record<string, ParameterValue>): string =>
  Object.entries(params)
    .map(([k, v]) => `${code(k)} = ${code(Array.isArray(v) ? v.join(", ") : String(v))}`)
    .join(", ");

/** The pull request a runbook opens for an alert incident: evidence, diagnosis, plan, policy, undo, verification. */
export const renderRemediationPr = (input: RemediationPrInput): { title: string; body: string } => {
  const { incident, runbook, decision } = input;
  const where = input.issue === null ? `incident ${code(incident.id)}` : `incident #${input.issue}`;
  const summary = [
    "## Summary",
    `${where} (${cell(incident.title, 120)}) is firing. Runbook ${code(runbook.id)} — ${runbook.title} — proposes the change below${input.step > 1 ? ` as step ${input.step} for this incident` : ""}.`,
    ...(input.issue === null ? [] : [`Refs #${input.issue}`]),
  ].join("\n\n");
  const changes = input.proposals.flatMap((p) => [...p.description.map((d) => `- ${d}`), ...(p.quantities ?? []).map((q) => `- ${quantityLine(q)}`)]);
  const sections = [
    summary,
    `## Alert evidence\n\n${renderAlertEvidence(input.alert)}`,
    `## Diagnosis\n\nWhy ${code(runbook.id)} applies:\n\n${input.matchReasons.map((r) => `- ${cell(r, 200)}`).join("\n")}${input.range ? `\n\n${renderRange(input.range)}` : ""}`,
    `## Plan\n\nParameters: ${renderParams(input.params) || "none"}. Risk ${input.proposals.map((p) => p.risk).join(", ")}.\n\n${changes.join("\n")}`,
    `## Policy decision\n\n${renderPolicy(decision)}`,
    `## How to undo\n\n${input.proposals.map((p) => p.inverse).join(" ")} Closing this pull request without merging tells the bot not to propose this change again for the incident.`,
    `## How it will be verified\n\n${runbook.verification.signal} within ${runbook.verification.within}. Until then the bot proposes nothing more for this incident; if the alert keeps firing, the runbook may take at most ${runbook.stop_conditions.max_steps ?? "its"} step(s) in all, within the policy's step budget.`,
  ];
  const footer = `---\nIncident ${code(incident.id)} · opened by AgenticOps, an automated bot; a human review is the approval.\n${renderMarker({ incident: incident.id, kind: "remediation-pr", detectedAt: incident.openedAt, runbook: runbook.id, step: input.step })}`;
  return { title: remediationTitle(input), body: fitBody(sections, footer, GITHUB_BODY_LIMIT) };
};
