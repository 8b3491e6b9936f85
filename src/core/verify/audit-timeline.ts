import { z } from "zod";
import { parseCommitTrailers } from "../act/commit-trailers.js";
import { readMarker } from "../render/hidden-marker.js";
import { approvalNote, recordedOverrides } from "./audit-governance.js";

/** What GitHub knows about one incident, as the audit adapter gathers it. Times are ISO 8601. */
export interface AuditFacts {
  incident: string;
  pullRequest: AuditPullRequest | null;
  /** The PR's commits, oldest first, as on the head branch. */
  commits: { sha: string; message: string; author: string | null; date: string }[];
  reviews: { user: string | null; state: string; submittedAt: string | null; commitId: string | null }[];
  /** Conversation comments on the PR (`on: "pr"`) or on the incident issue. */
  comments: { user: string | null; body: string; createdAt: string; on: "pr" | "issue" }[];
  issue: { number: number; createdAt: string; closedAt: string | null; body?: string | null } | null;
  labelEvents?: { actor: string | null; label: string; action: "labeled" | "unlabeled"; createdAt: string; on: "pr" | "issue" }[];
  /** the bot's `agenticops/policy` check run on the pull request's head, when it wrote one */
  policyCheck?: { headSha: string; status: string; conclusion: string | null; title: string | null; completedAt: string | null } | null;
}

export interface AuditPullRequest {
  number: number;
  title: string;
  state: "open" | "closed";
  merged: boolean;
  createdAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
  author: string | null;
  headBranch: string;
  body: string | null;
}

export type AuditEventKind =
  | "detected"
  | "issue-opened"
  | "pr-opened"
  | "commit"
  | "human-push"
  | "review"
  | "override"
  | "policy-check"
  | "comment"
  | "labeled"
  | "unlabeled"
  | "merged"
  | "closed-unmerged"
  | "issue-closed";

export interface AuditEvent {
  /** ISO 8601, UTC. */
  at: string;
  actor: string | null;
  kind: AuditEventKind;
  detail: string;
  /** The commit SHA, `#<number>` of the PR or issue, or null. */
  ref: string | null;
}

export type AuditFormat = "text" | "markdown" | "json";

const MarkerDetection = z.object({ incident: z.string(), detectedAt: z.iso.datetime({ offset: true }) });
const MARKER = /<!-- agenticops:v1 (\{.*?\}) -->/gs;

/**
 * When the bot first saw the incident, from `detectedAt` in the body's last hidden marker.
 * The marker must be valid (readMarker) and about this incident; anything else is ignored.
 */
const detectedAt = (body: string | null | undefined, incident: string): string | null => {
  if (readMarker(body)?.incident !== incident) return null;
  const raw = [...(body ?? "").matchAll(MARKER)].at(-1)?.[1];
  try {
    const parsed = MarkerDetection.safeParse(JSON.parse(raw ?? "null"));
    return parsed.success && parsed.data.incident === incident ? parsed.data.detectedAt : null;
  } catch {
    return null;
  }
};

const utc = (at: string): string => {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms).toISOString().replace(".000Z", "Z");
};

const firstLine = (text: string, max = 80): string => {
  const line = text.replace(/<!--[\s\S]*?-->/g, "").split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
};

const commitEvent = (commit: AuditFacts["commits"][number], branch: string): AuditEvent => {
  const t = parseCommitTrailers(commit.message);
  const subject = firstLine(commit.message);
  const base = { at: commit.date, actor: commit.author, ref: commit.sha };
  const bots = t.incident ?? t.action ?? t.runbook ?? t.policy;
  if (bots === undefined) return { ...base, kind: "human-push", detail: `${subject} (pushed to ${branch} without Agenticops trailers)` };
  const decisions = [`action ${t.action ?? "?"}`, `runbook ${t.runbook ?? "?"}`, `policy ${t.policy ?? "?"}`];
  return { ...base, kind: "commit", detail: `${subject}: ${decisions.join("; ")}` };
};

const closingEvents = (pr: AuditPullRequest | null, issue: AuditFacts["issue"], closedBy: string | null): AuditEvent[] => {
  const events: AuditEvent[] = [];
  if (pr?.merged && pr.mergedAt) events.push({ at: pr.mergedAt, actor: pr.mergedBy, kind: "merged", detail: `merged ${pr.title}`, ref: `#${pr.number}` });
  else if (pr?.state === "closed" && pr.closedAt) events.push({ at: pr.closedAt, actor: closedBy, kind: "closed-unmerged", detail: "closed without merging", ref: `#${pr.number}` });
  if (issue?.closedAt) events.push({ at: issue.closedAt, actor: null, kind: "issue-closed", detail: "incident issue closed", ref: `#${issue.number}` });
  return events;
};

/** Reviews with their state and commit; approvals also say whether they count, as the bot counts them. */
const reviewEvents = (facts: AuditFacts): AuditEvent[] => {
  const note = approvalNote(facts);
  return facts.reviews.flatMap((r): AuditEvent[] => {
    if (!r.submittedAt) return [];
    const how = note(r);
    const detail = `${r.state.toLowerCase().replace(/_/g, " ")}${r.commitId ? ` at ${r.commitId.slice(0, 7)}` : ""}${how ? ` (${how})` : ""}`;
    return [{ at: r.submittedAt, actor: r.user, kind: "review", detail, ref: r.commitId }];
  });
};

const policyCheckEvent = (check: AuditFacts["policyCheck"]): AuditEvent[] =>
  check?.completedAt ? [{ at: check.completedAt, actor: null, kind: "policy-check", detail: `agenticops/policy ${check.conclusion ?? check.status}: ${check.title ?? ""}`.trim(), ref: check.headSha }] : [];

const time = (event: AuditEvent): number => {
  const ms = Date.parse(event.at);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
};

/**
 * The incident's history, oldest first. Events at the same instant keep the causal order they
 * are listed in here (detection, issue, PR, commits, reviews, comments, labels, outcome).
 */
export const buildAuditTimeline = (facts: AuditFacts): AuditEvent[] => {
  const { pullRequest: pr, issue } = facts;
  const overrides = recordedOverrides(facts);
  const detected = detectedAt(pr?.body, facts.incident) ?? detectedAt(issue?.body, facts.incident);
  const events: AuditEvent[] = [
    ...(detected ? [{ at: detected, actor: pr?.author ?? null, kind: "detected" as const, detail: `incident ${facts.incident} detected`, ref: null }] : []),
    ...(issue ? [{ at: issue.createdAt, actor: null, kind: "issue-opened" as const, detail: `incident issue #${issue.number} opened`, ref: `#${issue.number}` }] : []),
    ...(pr ? [{ at: pr.createdAt, actor: pr.author, kind: "pr-opened" as const, detail: `${pr.title} (${pr.headBranch})`, ref: `#${pr.number}` }] : []),
    ...facts.commits.map((c) => commitEvent(c, pr?.headBranch ?? "the bot branch")),
    ...reviewEvents(facts),
    ...overrides.map((o): AuditEvent => ({ at: o.at, actor: o.by, kind: "override", detail: o.kind === "changes-requested" ? `changes requested${o.sha ? ` at ${o.sha.slice(0, 7)}` : ""}: the bot will not merge` : "closed without merging: not proposed again", ref: o.sha })),
    ...policyCheckEvent(facts.policyCheck),
    ...facts.comments.map((c): AuditEvent => ({ at: c.createdAt, actor: c.user, kind: "comment", detail: `on the ${c.on === "pr" ? "pull request" : "issue"}: ${firstLine(c.body)}`, ref: null })),
    ...(facts.labelEvents ?? []).map((l): AuditEvent => ({ at: l.createdAt, actor: l.actor, kind: l.action, detail: `${l.label} on the ${l.on === "pr" ? "pull request" : "issue"}`, ref: null })),
    ...closingEvents(pr, issue, overrides.find((o) => o.kind === "closed-unmerged")?.by ?? null),
  ];
  return events.map((e) => ({ ...e, at: utc(e.at) })).sort((a, b) => time(a) - time(b));
};

const pad = (text: string, width: number): string => text + " ".repeat(Math.max(0, width - text.length));

const renderText = (events: AuditEvent[]): string => {
  const actorWidth = Math.max(1, ...events.map((e) => (e.actor ?? "-").length));
  return events.map((e) => `${e.at}  ${pad(e.kind, 15)}  ${pad(e.actor ?? "-", actorWidth)}  ${e.detail}`.trimEnd()).join("\n");
};

/** Table-safe, and `@name` rendered as `&#64;name` so posting the table notifies nobody. */
const cell = (text: string): string => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").replace(/@/g, "&#64;");

const renderMarkdown = (events: AuditEvent[]): string =>
  [
    "| Time (UTC) | Event | Actor | Detail |",
    "| --- | --- | --- | --- |",
    ...events.map((e) => `| ${e.at} | ${e.kind} | ${e.actor ? `\`${e.actor.replace(/`/g, "")}\`` : "—"} | ${cell(e.detail)} |`),
  ].join("\n");

export const renderAuditTimeline = (events: AuditEvent[], format: AuditFormat): string => {
  if (format === "json") return JSON.stringify(events, null, 2);
  if (events.length === 0) return format === "markdown" ? "_No events._" : "no events";
  return format === "markdown" ? renderMarkdown(events) : renderText(events);
};
