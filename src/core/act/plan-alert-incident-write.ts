/** The incident's issue as the bot last wrote (or, after a restart, listed) it. */
export interface WrittenIssue {
  number: number;
  url: string;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
}

/** What is on GitHub for one alert incident, as far as this process knows. */
export interface WrittenDocument {
  issue: WrittenIssue | null;
  /** the bot's comment on a deploy incident (deploy-comment home) */
  comment: { on: number; id: number; body: string } | null;
  /** the bot closed the issue and still owes the comment saying why */
  closeCommentDue: boolean;
  /** the remediation pull request was told the incident resolved on its own */
  pullRequestNoted: boolean;
}

/** What the incident's document should say now, rendered from the latest state. */
export interface DesiredDocument {
  home: { kind: "issue" } | { kind: "deploy-comment"; on: number };
  title: string;
  body: string;
  /** labels a new issue gets */
  labels: string[];
  resolved: boolean;
  resolvedAt: string | null;
  pullRequest: number | null;
}

export const RESOLVED_LABEL = "resolved";

export type AlertIncidentWrite =
  | { kind: "create-issue"; title: string; body: string; labels: string[] }
  | { kind: "update-issue"; number: number; patch: { title?: string; body?: string; state?: "open" | "closed" } }
  | { kind: "add-label"; number: number; label: string }
  | { kind: "remove-label"; number: number; label: string }
  | { kind: "close-comment"; number: number; body: string }
  | { kind: "create-comment"; on: number; body: string }
  | { kind: "update-comment"; on: number; id: number; body: string }
  | { kind: "note-pull-request"; number: number };

export const emptyDocument = (): WrittenDocument => ({ issue: null, comment: null, closeCommentDue: false, pullRequestNoted: false });

const closeComment = (resolvedAt: string | null): string =>
  `All alerts of this incident resolved${resolvedAt ? ` (last at ${resolvedAt})` : ""}; closing. If they fire again within the correlation window, the bot reopens this issue.`;

const issueWrite = (issue: WrittenIssue, desired: DesiredDocument): AlertIncidentWrite | null => {
  const state: "open" | "closed" = desired.resolved ? "closed" : "open";
  const patch = {
    ...(issue.title !== desired.title ? { title: desired.title } : {}),
    ...(issue.body !== desired.body ? { body: desired.body } : {}),
    ...(issue.state !== state ? { state } : {}),
  };
  if (Object.keys(patch).length > 0) return { kind: "update-issue", number: issue.number, patch };
  const labelled = issue.labels.includes(RESOLVED_LABEL);
  if (desired.resolved && !labelled) return { kind: "add-label", number: issue.number, label: RESOLVED_LABEL };
  if (!desired.resolved && labelled) return { kind: "remove-label", number: issue.number, label: RESOLVED_LABEL };
  return null;
};

/**
 * The next write that brings GitHub to the desired document, or null when it says it already.
 * One write at a time, so each spends budget separately and a restart resumes where it stopped:
 * issue: create → one PATCH (body, title, state) → `resolved` label → closing comment;
 * deploy comment: create → edit; then, once resolved, the note on a pending remediation PR.
 */
export const planAlertIncidentWrite = (written: WrittenDocument, desired: DesiredDocument): AlertIncidentWrite | null => {
  const home = desired.home;
  if (home.kind === "issue") {
    if (!written.issue) return { kind: "create-issue", title: desired.title, body: desired.body, labels: desired.labels };
    const update = issueWrite(written.issue, desired);
    if (update) return update;
    if (written.closeCommentDue && desired.resolved) return { kind: "close-comment", number: written.issue.number, body: closeComment(desired.resolvedAt) };
  } else if (!written.comment) {
    return { kind: "create-comment", on: home.on, body: desired.body };
  } else if (written.comment.body !== desired.body) {
    return { kind: "update-comment", on: home.on, id: written.comment.id, body: desired.body };
  }
  if (desired.resolved && desired.pullRequest !== null && !written.pullRequestNoted) return { kind: "note-pull-request", number: desired.pullRequest };
  return null;
};
