import type { Drill } from "../../schemas/drill.js";
import type { Sandbox } from "../sandbox-server.js";
import type { RepoState } from "../state/sandbox-state.js";
import { ensureLabel } from "../state/ensure-label.js";
import { seedDeployment } from "../state/seed-deployment.js";
import { seedIssue } from "../state/seed-issue.js";
import { seedWorkflowRun } from "../state/seed-workflow-run.js";
import { seedTeam } from "../state/team-record.js";
import { parseAuthor } from "./parse-author.js";
import type { GitIdentity } from "../git/git-store.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { drillTemplateVars, renderTemplates } from "./render-templates.js";

const mergeCommit = async (sandbox: Sandbox, repo: Drill["repo"], spec: { branch: string; merge: string; message: string; author: GitIdentity }): Promise<string> => {
  const result = await sandbox.git.merge(repo.owner, repo.name, spec.branch, spec.merge, "merge", spec.message, spec.author);
  if (!result.ok) {
    throw new AgenticOpsError("DRILL_INVALID", `drill "${repo.owner}/${repo.name}": merging ${spec.merge} into ${spec.branch} failed (${result.reason})`, {
      hint: "a merge commit in repo.commits must merge cleanly",
    });
  }
  return result.sha;
};

export interface SeededRepo {
  repoState: RepoState;
  /** commit SHAs in drill order */
  commits: string[];
  runs: number[];
  /** numbers of the issues `repo.issues` seeded, in drill order (absent: none) */
  issues?: number[];
}

/** Creates the drill's repository: a real bare repo with its commits, plus collaborators, labels, history and issues. */
export const seedDrillRepo = async (sandbox: Sandbox, drill: Drill, installationId: number): Promise<SeededRepo> => {
  const { repo } = drill;
  await sandbox.git.createRepo(repo.owner, repo.name, repo.default_branch);
  const repoState = sandbox.state.addRepo({
    owner: repo.owner,
    name: repo.name,
    defaultBranch: repo.default_branch,
    private: repo.private,
    installationId,
    collaborators: { [repo.owner]: "admin", ...repo.collaborators },
  });
  for (const login of Object.keys(repoState.repo.collaborators)) sandbox.state.ensureUser(login);
  for (const [team, members] of Object.entries(repo.teams)) {
    seedTeam(sandbox.state, repo.owner, team.slice(team.indexOf("/") + 1), Object.fromEntries(members.map((login) => [login, { role: "member", state: "active" } as const])));
  }
  const commits: string[] = [];
  for (const [i, commit] of repo.commits.entries()) {
    const author = parseAuthor(commit.author);
    const soFar = drillTemplateVars({ owner: repo.owner, name: repo.name, defaultBranch: repo.default_branch, commits });
    const message = renderTemplates(commit.message, soFar, ["repo", "commits", i, "message"]);
    commits.push(commit.merge ? await mergeCommit(sandbox, repo, { branch: commit.branch, merge: commit.merge, message, author }) : await sandbox.git.commitFiles(repo.owner, repo.name, commit.branch, { message, author, committer: author, files: commit.files }));
  }
  for (const label of repo.labels) {
    Object.assign(ensureLabel(sandbox.state, repoState, label.name), { color: label.color, description: label.description ?? null });
  }
  const vars = drillTemplateVars({ owner: repo.owner, name: repo.name, defaultBranch: repo.default_branch, commits });
  repo.deployments.forEach((d, i) => {
    const spec = renderTemplates(d, vars, ["repo", "deployments", i]);
    seedDeployment(sandbox.state, repoState, { environment: spec.environment, sha: spec.sha, ref: spec.ref, state: spec.state, ...(spec.description ? { description: spec.description } : {}) });
  });
  const runs = repo.workflow_runs.map((r, i) => {
    const spec = renderTemplates(r, vars, ["repo", "workflow_runs", i]);
    return seedWorkflowRun(sandbox.state, repoState, {
      name: spec.name,
      path: spec.path,
      event: spec.event,
      headBranch: spec.head_branch,
      headSha: spec.head_sha,
      conclusion: spec.conclusion ?? null,
      status: spec.status,
      jobs: spec.jobs.map((j) => ({ name: j.name, conclusion: j.conclusion, log: j.log, ...(j.steps ? { steps: j.steps } : {}) })),
    }).id;
  });
  const issues = repo.issues.map((issue, i) => {
    const spec = renderTemplates(issue, vars, ["repo", "issues", i]);
    return seedIssue(sandbox.state, repoState, { ...spec, user: spec.user ?? repo.owner }).number;
  });
  return { repoState, commits, runs, issues };
};
