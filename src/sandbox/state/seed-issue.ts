import { ensureLabel } from "./ensure-label.js";
import type { IssueRecord, RepoState, SandboxState } from "./sandbox-state.js";

export interface IssueSeed {
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  user: string;
}

/** An issue that existed before anything else happened: the next number, its labels created. */
export const seedIssue = (state: SandboxState, repoState: RepoState, seed: IssueSeed): IssueRecord => {
  const now = state.timestamp();
  state.ensureUser(seed.user);
  const labels = seed.labels.map((name) => ensureLabel(state, repoState, name).name);
  const issue: IssueRecord = {
    number: state.nextNumber(repoState),
    id: state.id(),
    title: seed.title,
    body: seed.body,
    user: seed.user,
    state: seed.state,
    stateReason: seed.state === "closed" ? "completed" : null,
    labels,
    assignees: [],
    createdAt: now,
    updatedAt: now,
    closedAt: seed.state === "closed" ? now : null,
    reactions: [],
  };
  repoState.issues.push(issue);
  return issue;
};
