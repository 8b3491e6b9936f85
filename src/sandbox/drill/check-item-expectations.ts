import type { CommitCommentExpectation, IssueExpectation, PullRequestExpectation } from "../../schemas/drill-expect.js";
import { toRegExp } from "../../schemas/drill-expect.js";
import type { Expectation, SimulatedCommitComment, SimulatedIssue, SimulatedPullRequest } from "../../schemas/simulation-result.js";
import { asList, expectation, listOrNone, plural, quoted } from "./expectation-text.js";

/** Assertions on one pull request or issue, matched by position (the i-th item vs the i-th created). */

const matches = (what: string, pattern: string, value: string): Expectation =>
  expectation(`${what} matches ${String(toRegExp(pattern))} (got ${quoted(value)})`, toRegExp(pattern).test(value), value);

const contains = (what: string, needles: readonly string[], text: string): Expectation[] =>
  needles.map((needle) => expectation(`${what} contains ${quoted(needle)}`, text.includes(needle)));

const hasLabels = (what: string, wanted: readonly string[], labels: readonly string[]): Expectation =>
  expectation(
    `${what} has labels ${wanted.join(", ")} (got ${listOrNone(labels)})`,
    wanted.every((label) => labels.includes(label)),
    labels,
  );

const hasState = (what: string, wanted: string, state: string): Expectation =>
  expectation(`${what} is ${wanted} (got ${state})`, wanted === state, state);

export const checkPullRequestItem = (item: PullRequestExpectation, pr: SimulatedPullRequest): Expectation[] => {
  const what = `pull request #${pr.number}`;
  const out: Expectation[] = [];
  if (item.title_matches !== undefined) out.push(matches(`${what} title`, item.title_matches, pr.title));
  out.push(...contains(`${what} body`, asList(item.body_contains), pr.body));
  if (item.labels) out.push(hasLabels(what, item.labels, pr.labels));
  if (item.files) {
    const files = pr.files.map((f) => f.filename).sort();
    const wanted = [...item.files].sort();
    const same = files.length === wanted.length && files.every((f, i) => f === wanted[i]);
    out.push(expectation(`${what} changes exactly ${listOrNone(wanted)} (got ${listOrNone(files)})`, same, files));
  }
  if (item.state !== undefined) out.push(hasState(what, item.state, pr.state));
  if (item.merged !== undefined) {
    const word = (merged: boolean) => (merged ? "merged" : "not merged");
    out.push(expectation(`${what} is ${word(item.merged)} (got ${word(pr.merged)})`, item.merged === pr.merged, pr.merged));
  }
  if (item.head_matches !== undefined) out.push(matches(`${what} head branch`, item.head_matches, pr.head));
  if (item.base !== undefined) {
    out.push(expectation(`${what} targets ${item.base} (got ${pr.base})`, item.base === pr.base, pr.base));
  }
  out.push(...commentChecks(what, item, pr.comments ?? []));
  return out;
};

const commentChecks = (what: string, item: { comments_count?: number; comment_contains?: string | string[] }, comments: readonly { body: string }[]): Expectation[] => {
  const out: Expectation[] = [];
  if (item.comments_count !== undefined) {
    const got = comments.length;
    out.push(expectation(`${what} has ${plural(item.comments_count, "comment")} (got ${got})`, got === item.comments_count, got));
  }
  for (const needle of asList(item.comment_contains)) {
    out.push(expectation(`${what} has a comment containing ${quoted(needle)}`, comments.some((c) => c.body.includes(needle))));
  }
  return out;
};

export const checkIssueItem = (item: IssueExpectation, issue: SimulatedIssue): Expectation[] => {
  const what = `issue #${issue.number}`;
  const out: Expectation[] = [];
  if (item.title_matches !== undefined) out.push(matches(`${what} title`, item.title_matches, issue.title));
  out.push(...contains(`${what} body`, asList(item.body_contains), issue.body));
  if (item.labels) out.push(hasLabels(what, item.labels, issue.labels));
  if (item.state !== undefined) out.push(hasState(what, item.state, issue.state));
  out.push(...commentChecks(what, item, issue.comments));
  return out;
};

export const checkCommitCommentItem = (item: CommitCommentExpectation, comment: SimulatedCommitComment, index: number): Expectation[] => {
  const what = `commit comment ${index + 1} (on ${comment.commit.slice(0, 7)})`;
  const out: Expectation[] = [];
  if (item.commit !== undefined) {
    const wanted = item.commit.toLowerCase();
    out.push(expectation(`${what} is on commit ${wanted.slice(0, 7)} (got ${comment.commit.slice(0, 7)})`, comment.commit.startsWith(wanted), comment.commit));
  }
  if (item.user !== undefined) out.push(expectation(`${what} is by ${item.user} (got ${comment.user})`, item.user === comment.user, comment.user));
  out.push(...contains(`${what} body`, asList(item.body_contains), comment.body));
  return out;
};

/** Pairs the i-th expected item with the i-th actual one; a missing one is a single failure. */
export const checkItems = <E, A>(
  noun: string,
  items: readonly E[] | undefined,
  actual: readonly A[],
  check: (item: E, value: A, index: number) => Expectation[],
): Expectation[] =>
  (items ?? []).flatMap((item, i) => {
    const value = actual[i];
    if (value !== undefined) return check(item, value, i);
    return [expectation(`a ${noun} at position ${i + 1} exists (got ${plural(actual.length, noun)})`, false, actual.length)];
  });
