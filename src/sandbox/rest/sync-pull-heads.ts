import type { GitStore } from "../git/git-store.js";
import type { IssueRecord, SandboxState } from "../state/sandbox-state.js";

/**
 * Refreshes the head (and base) sha of every open pull request of a repository from its branches,
 * as GitHub does after a push. Returns the pull requests whose head moved: each one is owed a
 * `pull_request.synchronize` webhook. A deleted head branch leaves the pull request as it was.
 */
export const syncPullHeads = async (
  ctx: { state: SandboxState; git: GitStore },
  owner: string,
  repo: string,
): Promise<IssueRecord[]> => {
  const repoState = ctx.state.repo(owner, repo);
  if (!repoState) return [];
  const { repo: record } = repoState;
  const changed: IssueRecord[] = [];
  for (const issue of repoState.issues) {
    const pull = issue.pull;
    if (!pull || issue.state !== "open") continue;
    const [head, base] = await Promise.all([
      ctx.git.resolve(record.owner, record.name, `refs/heads/${pull.head}`),
      ctx.git.resolve(record.owner, record.name, `refs/heads/${pull.base}`),
    ]);
    if (base !== null) pull.baseSha = base;
    if (head === null || head === pull.headSha) continue;
    pull.headSha = head;
    issue.updatedAt = ctx.state.timestamp();
    changed.push(issue);
  }
  return changed;
};
