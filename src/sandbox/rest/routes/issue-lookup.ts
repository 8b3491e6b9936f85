import type { CommentRecord, IssueRecord, RepoState } from "../../state/sandbox-state.js";
import { intParam } from "../route-input.js";
import { notFound } from "../rest-route.js";

/** The issue (or pull request) named by `{issue_number}`, or 404. */
export const requireIssue = (repoState: RepoState, params: Record<string, string>): IssueRecord => {
  const number = intParam(params, "issue_number");
  const issue = repoState.issues.find((i) => i.number === number);
  if (!issue) throw notFound();
  return issue;
};

/** The issue comment named by `{comment_id}`, or 404. */
export const requireComment = (repoState: RepoState, params: Record<string, string>): CommentRecord => {
  const id = intParam(params, "comment_id");
  const comment = repoState.comments.find((c) => c.id === id);
  if (!comment) throw notFound();
  return comment;
};

/**
 * Label names from a request's `labels`: strings, or objects with a `name`, as the spec allows.
 * Duplicates (case-insensitive) are dropped, keeping the first spelling.
 */
export const labelNames = (value: unknown): string[] | undefined => {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of items) {
    const name = typeof item === "string" ? item : typeof item === "object" && item !== null ? (item as { name?: unknown }).name : undefined;
    if (typeof name !== "string" || name === "") continue;
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names;
};
