import type { CommitDetail, Comparison, DeployHistory, DeploymentSummary, RunSummary } from "../../../src/ports/deploy-history.js";
import type { RepoRef } from "../../../src/schemas/signal.js";

/** A DeployHistory over seeded runs, deployments and comparisons; every call is recorded. */
export class FakeDeployHistory implements DeployHistory {
  runs: RunSummary[] = [];
  deployments: DeploymentSummary[] = [];
  /** keyed `base...head` */
  readonly comparisons = new Map<string, Comparison>();
  /** keyed by sha */
  readonly commits = new Map<string, CommitDetail>();
  readonly calls: string[] = [];

  async listWorkflowRuns(_repo: RepoRef, workflowId: number, branch: string): Promise<RunSummary[]> {
    this.calls.push(`runs ${workflowId} ${branch}`);
    return this.runs;
  }

  async listDeployments(_repo: RepoRef, environment: string, limit: number): Promise<DeploymentSummary[]> {
    this.calls.push(`deployments ${environment} ${limit}`);
    return this.deployments.filter((d) => d.environment === environment).slice(0, limit);
  }

  async compare(_repo: RepoRef, base: string, head: string): Promise<Comparison | null> {
    this.calls.push(`compare ${base.slice(0, 7)}...${head.slice(0, 7)}`);
    return this.comparisons.get(`${base}...${head}`) ?? null;
  }

  async getCommit(_repo: RepoRef, sha: string): Promise<CommitDetail | null> {
    this.calls.push(`commit ${sha.slice(0, 7)}`);
    return this.commits.get(sha) ?? null;
  }
}

/** A run of the deploy workflow; `createdAt` follows the run number so order is consistent. */
export const run = (runNumber: number, headSha: string, conclusion: string | null, id = 1000 + runNumber): RunSummary => ({
  id,
  runNumber,
  headSha,
  headBranch: "main",
  conclusion,
  status: "completed",
  createdAt: new Date(Date.UTC(2026, 10, 23, 12, runNumber)).toISOString(),
  url: `https://github.com/acme/shop/actions/runs/${id}`,
});

/** A deployment to `environment`, created `minute` minutes after noon. */
export const deployment = (id: number, sha: string, state: string | null, minute: number, environment = "production"): DeploymentSummary => ({
  id,
  sha,
  ref: "main",
  environment,
  createdAt: new Date(Date.UTC(2026, 10, 23, 12, minute)).toISOString(),
  state,
});
