import type { DrillExpect } from "../../schemas/drill-expect.js";
import type { Expectation, SimulatedApiCall, SimulationResult } from "../../schemas/simulation-result.js";
import { checkCommitCommentItem, checkIssueItem, checkItems, checkPullRequestItem } from "./check-item-expectations.js";
import { expectation, plural } from "./expectation-text.js";
import { checkAlertJournal, checkLogs } from "./check-app-expectations.js";
import type { CapturedLog } from "./log-capture.js";

/**
 * What `expect` is checked against: the end state of a simulation, before its verdict; plus what
 * the harness saw of the app itself (its log, its alert journal), which the result leaves out.
 */
export type ObservedState = Pick<
  SimulationResult,
  "pullRequests" | "issues" | "commitComments" | "checkRuns" | "apiCalls" | "gitCalls" | "webhooks" | "llmCalls"
> & { logs?: readonly CapturedLog[]; alertJournal?: { journaled: number; pending: number } };

const countIs = (noun: string, verb: string, wanted: number | undefined, got: number): Expectation[] =>
  wanted === undefined ? [] : [expectation(`${plural(wanted, noun)}${verb} (got ${got})`, wanted === got, got)];

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
// Exchanging the app's JWT for an installation token is a POST but changes nothing in a repository.
const TOKEN_ROUTE = /^\/app\/installations\/[^/]+\/access_tokens$/;

const isWrite = (call: SimulatedApiCall): boolean =>
  WRITE_METHODS.has(call.method.toUpperCase()) && !TOKEN_ROUTE.test(call.path.split("?")[0] ?? "");

/** 404 on a read is how idempotent code asks "does it exist yet?", not a failure. */
const isFailed = (call: SimulatedApiCall): boolean =>
  call.status >= 400 && !(call.status === 404 && ["GET", "HEAD"].includes(call.method.toUpperCase()));

const sample = (items: readonly string[]): string =>
  items.length > 3 ? `${items.slice(0, 3).join(", ")}, …` : items.join(", ");

const checkCheckRuns = (wanted: DrillExpect["check_runs"], state: ObservedState): Expectation[] =>
  (wanted ?? []).map(({ name, conclusion }) => {
    // The latest run of a name is the one a reviewer sees on the pull request.
    const run = state.checkRuns.filter((r) => r.name === name).at(-1);
    if (conclusion === undefined) return expectation(`check run "${name}" created`, run !== undefined);
    const got = run ? (run.conclusion ?? run.status) : "no such check run";
    return expectation(`check run "${name}" concluded ${conclusion} (got ${got})`, run?.conclusion === conclusion, got);
  });

const checkWebhooks = (status: number | undefined, state: ObservedState): Expectation[] => {
  if (status === undefined) return [];
  const other = state.webhooks.filter((w) => w.status !== status);
  const got = other.length === 0 ? `all ${state.webhooks.length}` : sample(other.map((w) => `${w.status} for ${w.action ? `${w.event}.${w.action}` : w.event}`));
  return [expectation(`every webhook delivery answered ${status} (got ${got})`, other.length === 0, other)];
};

const checkApiCalls = (wanted: DrillExpect["api_calls"], state: ObservedState): Expectation[] => {
  const out: Expectation[] = [];
  const calls = state.apiCalls;
  if (wanted?.max !== undefined) {
    out.push(expectation(`at most ${plural(wanted.max, "API call")} (got ${calls.length})`, calls.length <= wanted.max, calls.length));
  }
  if (wanted?.none_failed) {
    const failed = calls.filter(isFailed).map((c) => `${c.method} ${c.path} → ${c.status}`);
    out.push(expectation(`no API call failed (got ${failed.length === 0 ? "none" : sample(failed)})`, failed.length === 0, failed));
  }
  return out;
};

const checkNoWrites = (wanted: boolean | undefined, state: ObservedState): Expectation[] => {
  if (!wanted) return [];
  const writes = [
    ...state.apiCalls.filter(isWrite).map((c) => `${c.method} ${c.path}`),
    ...(state.gitCalls ?? []).filter((g) => g.service === "receive-pack").map((g) => `git push to ${g.repo}`),
  ];
  return [expectation(`no writes to GitHub (got ${writes.length === 0 ? "none" : sample(writes)})`, writes.length === 0, writes)];
};

const checkComments = (wanted: DrillExpect["comments"], state: ObservedState): Expectation[] => {
  if (wanted?.count === undefined) return [];
  const all = [...state.issues.flatMap((i) => i.comments), ...state.pullRequests.flatMap((p) => p.comments ?? [])];
  const counted = wanted.user === undefined ? all : all.filter((c) => c.user === wanted.user);
  return countIs("comment", wanted.user === undefined ? " posted" : ` by ${wanted.user}`, wanted.count, counted.length);
};

/**
 * Evaluates a drill's `expect` against the end state; pure. One entry per assertion, in the order
 * of docs/drills.md, each with a description that states what was expected and what was seen.
 */
export const checkExpectations = (expect: DrillExpect, state: ObservedState): Expectation[] => {
  // seeded issues existed before the drill: `issues` is about the ones opened while it played
  const opened = state.issues.filter((i) => !i.seeded);
  return [
    ...countIs("pull request", " opened", expect.pull_requests?.count, state.pullRequests.length),
    ...checkItems("pull request", expect.pull_requests?.items, state.pullRequests, checkPullRequestItem),
    ...countIs("issue", " opened", expect.issues?.count, opened.length),
    ...checkItems("issue", expect.issues?.items, opened, checkIssueItem),
    ...checkComments(expect.comments, state),
    ...countIs("commit comment", " posted", expect.commit_comments?.count, state.commitComments.length),
    ...checkItems("commit comment", expect.commit_comments?.items, state.commitComments, checkCommitCommentItem),
    ...checkCheckRuns(expect.check_runs, state),
    ...checkWebhooks(expect.webhooks?.all_status, state),
    ...checkApiCalls(expect.api_calls, state),
    ...countIs("LLM call", "", expect.llm_calls?.count, state.llmCalls.length),
    ...checkNoWrites(expect.no_writes, state),
    ...checkLogs(expect.logs, state.logs),
    ...checkAlertJournal(expect.alerts, state.alertJournal),
  ];
};
