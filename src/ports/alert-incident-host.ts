import type { RepoConfig } from "../schemas/repo-config.js";
import type { RepoRef } from "../schemas/signal.js";
import type { CommentHost } from "./comment-host.js";

/** An issue or pull request as a list call returns it. */
export interface LabelledItem {
  number: number;
  kind: "issue" | "pull-request";
  state: "open" | "closed";
  title: string;
  body: string;
  labels: string[];
  url: string;
}

export type PullRequestState = "open" | "closed" | "merged";

/** What alert incidents need from GitHub (or the sandbox). Implemented in src/adapters/github. */
export interface AlertIncidentHost extends Pick<CommentHost, "findBotComment" | "createComment" | "updateComment"> {
  /**
   * Issues and pull requests carrying `label`, in one list call: every open one (all pages), or
   * the `limit` most recently updated closed ones (one page).
   */
  listLabelled(repo: RepoRef, label: string, which: { state: "open" } | { state: "closed"; limit: number }): Promise<LabelledItem[]>;
  createIssue(repo: RepoRef, issue: { title: string; body: string; labels: string[] }): Promise<LabelledItem>;
  /** One PATCH: only the fields given change; labels are never replaced (humans add their own). */
  updateIssue(repo: RepoRef, number: number, patch: { title?: string; body?: string; state?: "open" | "closed" }): Promise<void>;
  addLabels(repo: RepoRef, number: number, labels: string[]): Promise<void>;
  /** Removing a label the item does not carry is not an error. */
  removeLabel(repo: RepoRef, number: number, label: string): Promise<void>;
  pullRequestState(repo: RepoRef, number: number): Promise<PullRequestState | null>;
}

/** A repository the bot may write alert incidents to: its installation (whose budget writes spend), host and config. */
export interface RepoAccess {
  installation: string;
  host: AlertIncidentHost;
  /** `.github/agenticops.yml` from the default branch */
  config: RepoConfig;
}

/** Access to a repository, or null when the app is not installed there or the repository has not opted in. */
export type ResolveRepoAccess = (repo: RepoRef) => Promise<RepoAccess | null>;
