import type { SimulatedIssue, SimulatedPullRequest } from "../../schemas/simulation-result.js";
import type { ObservedState } from "./check-expectations.js";
import type { Sandbox } from "../sandbox-server.js";
import type { IssueRecord, RepoState } from "../state/sandbox-state.js";

const commentsOf = (repoState: RepoState, issue: IssueRecord) =>
  repoState.comments.filter((c) => c.issueNumber === issue.number).map((c) => ({ user: c.user, body: c.body }));

const pullRequestOf = async (sandbox: Sandbox, repoState: RepoState, issue: IssueRecord): Promise<SimulatedPullRequest | null> => {
  const pull = issue.pull;
  if (!pull) return null;
  const { owner, name } = repoState.repo;
  // Files and commits as GitHub shows them: the three-dot diff between base and head.
  const base = pull.merged && pull.baseSha ? pull.baseSha : ((await sandbox.git.resolve(owner, name, pull.base)) ?? pull.baseSha);
  const diff = await sandbox.git.compare(owner, name, base, pull.headSha);
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state,
    merged: pull.merged,
    head: pull.head,
    base: pull.base,
    labels: [...issue.labels],
    requestedReviewers: [...pull.requestedReviewers],
    files: (diff?.files ?? []).map((f) => ({ filename: f.filename, status: f.status, additions: f.additions, deletions: f.deletions, ...(f.patch !== undefined ? { patch: f.patch } : {}) })),
    commits: (diff?.commits ?? []).map((c) => ({ sha: c.sha, message: c.message })),
    comments: commentsOf(repoState, issue),
  };
};

/**
 * The end state of a drill's repository and everything that crossed the sandbox's boundary.
 * `seededIssues` are the numbers of the issues the drill seeded, marked as such.
 */
export const collectObservedState = async (sandbox: Sandbox, repoState: RepoState, seededIssues: readonly number[] = []): Promise<ObservedState> => {
  const pullRequests: SimulatedPullRequest[] = [];
  const issues: SimulatedIssue[] = [];
  for (const issue of [...repoState.issues].sort((a, b) => a.number - b.number)) {
    const pr = await pullRequestOf(sandbox, repoState, issue);
    if (pr) pullRequests.push(pr);
    else issues.push({
      number: issue.number,
      title: issue.title,
      body: issue.body ?? "",
      state: issue.state,
      labels: [...issue.labels],
      comments: commentsOf(repoState, issue),
      ...(seededIssues.includes(issue.number) ? { seeded: true } : {}),
    });
  }
  return {
    pullRequests,
    issues,
    commitComments: repoState.commitComments.map((c) => ({ commit: c.commitId, user: c.user, body: c.body })),
    checkRuns: repoState.checkRuns.map((r) => ({
      name: r.name,
      head_sha: r.headSha,
      status: r.status,
      conclusion: r.conclusion,
      ...(r.output.title ? { title: r.output.title } : {}),
      ...(r.output.summary ? { summary: r.output.summary } : {}),
    })),
    apiCalls: sandbox.log.apiCalls.map((c) => ({ method: c.method, route: c.route, path: c.path, status: c.status, durationMs: c.durationMs })),
    gitCalls: sandbox.log.gitCalls.map((c) => ({ ...c })),
    webhooks: sandbox.log.webhooks.map((w) => ({ event: w.event, delivery: w.delivery, status: w.status, durationMs: w.durationMs, ...(w.action ? { action: w.action } : {}) })),
    llmCalls: sandbox.llm.calls.map((c) => ({ endpoint: c.endpoint, model: c.model, tokensIn: c.tokensIn, tokensOut: c.tokensOut, status: c.status })),
  };
};
