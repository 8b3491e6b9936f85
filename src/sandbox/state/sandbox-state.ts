/**
 * In-memory GitHub state that is not git data: everything a REST route reads or writes besides
 * commits, trees and refs (those live in real bare repositories, see GitStore).
 * Records keep GitHub's field names so routes can render them without translation.
 */
import type { TeamRecord } from "./team-record.js";

export interface UserRecord {
  id: number;
  login: string;
  type: "User" | "Bot";
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  installationId: number;
  /** login → permission */
  collaborators: Record<string, "admin" | "maintain" | "write" | "triage" | "read">;
  createdAt: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface CommentRecord {
  id: number;
  /** issue or PR number the comment belongs to */
  issueNumber: number;
  user: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionRecord[];
}

/** A comment on a commit (not on a pull request's diff): GitHub's `commit-comment`. */
export interface CommitCommentRecord {
  id: number;
  commitId: string;
  user: string;
  body: string;
  path: string | null;
  position: number | null;
  line: number | null;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionRecord[];
}

export interface ReactionRecord {
  id: number;
  user: string;
  content: "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";
  createdAt: string;
}

/** Issues and pull requests share one number space, as on GitHub. */
export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: string;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  labels: string[];
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  reactions: ReactionRecord[];
  /** present when this issue is a pull request */
  pull?: PullRecord;
}

export interface PullRecord {
  id: number;
  head: string;
  headSha: string;
  base: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
  requestedReviewers: string[];
  requestedTeams: string[];
  reviews: ReviewRecord[];
}

export interface ReviewRecord {
  id: number;
  user: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "PENDING" | "DISMISSED";
  body: string;
  commitId: string;
  submittedAt: string;
}

export interface WorkflowRecord {
  id: number;
  name: string;
  path: string;
  state: "active";
}

export interface WorkflowRunRecord {
  id: number;
  workflowId: number;
  name: string;
  event: string;
  headBranch: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  runNumber: number;
  runAttempt: number;
  createdAt: string;
  updatedAt: string;
  jobIds: number[];
  /** login of the user who triggered the run (defaults to the repository owner) */
  actor?: string;
  /** commit message subject or PR title shown for the run (defaults to the workflow name) */
  displayTitle?: string;
  /** start of the latest attempt (defaults to createdAt) */
  runStartedAt?: string;
  /** the check suite GitHub Actions reports the run under (defaults to the run id) */
  checkSuiteId?: number;
}

export interface JobRecord {
  id: number;
  runId: number;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  /** raw log text served from the log URL */
  log: string;
  steps: { name: string; status: string; conclusion: string | null; number: number }[];
  /** the run attempt this job ran in (defaults to 1); re-runs add new job records */
  runAttempt?: number;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  creator: string;
  payload: unknown;
  createdAt: string;
  statuses: DeploymentStatusRecord[];
  updatedAt?: string;
  transientEnvironment?: boolean;
  productionEnvironment?: boolean;
}

export interface DeploymentStatusRecord {
  id: number;
  state: "error" | "failure" | "inactive" | "in_progress" | "queued" | "pending" | "success";
  description: string;
  environment: string;
  logUrl: string;
  creator: string;
  createdAt: string;
  environmentUrl?: string;
}

export interface CheckRunRecord {
  id: number;
  headSha: string;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: unknown[] };
  appId: number;
  externalId: string | null;
  detailsUrl: string | null;
  checkSuiteId: number;
  /** slug of the app that created the run (rendered as `app`) */
  appSlug?: string;
}

export interface CheckSuiteRecord {
  id: number;
  headSha: string;
  headBranch: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  appId: number;
  appSlug?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
}

/** Per-repository state. */
export interface RepoState {
  repo: RepoRecord;
  labels: LabelRecord[];
  issues: IssueRecord[];
  comments: CommentRecord[];
  /** comments on commits, oldest first */
  commitComments: CommitCommentRecord[];
  workflows: WorkflowRecord[];
  runs: WorkflowRunRecord[];
  jobs: JobRecord[];
  deployments: DeploymentRecord[];
  checkRuns: CheckRunRecord[];
  checkSuites: CheckSuiteRecord[];
  statuses: StatusRecord[];
}

export interface InstallationRecord {
  id: number;
  appId: number;
  account: string;
  repositories: string[]; // "owner/name"
}

export class SandboxState {
  private nextId = 1000;
  readonly users = new Map<string, UserRecord>();
  readonly repos = new Map<string, RepoState>();
  readonly installations = new Map<number, InstallationRecord>();
  /** organisation teams by `teamKey(org, slug)` */
  readonly teams = new Map<string, TeamRecord>();
  /**
   * Called after a workflow run re-run was requested through the API, with the new (queued) job
   * records, so a drill can script how the new attempt ends.
   */
  onRerun?: (repo: RepoState, run: WorkflowRunRecord, jobs: JobRecord[]) => void | Promise<void>;
  /** Fixed clock for deterministic output; drills may advance it. */
  now: () => Date = () => new Date();

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  timestamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  ensureUser(login: string, type: UserRecord["type"] = "User"): UserRecord {
    const existing = this.users.get(login);
    if (existing) return existing;
    const user: UserRecord = { id: this.id(), login, type };
    this.users.set(login, user);
    return user;
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  addRepo(record: Omit<RepoRecord, "id" | "createdAt">): RepoState {
    const repo: RepoRecord = { ...record, id: this.id(), createdAt: this.timestamp() };
    const state: RepoState = {
      repo,
      labels: [],
      issues: [],
      comments: [],
      commitComments: [],
      workflows: [],
      runs: [],
      jobs: [],
      deployments: [],
      checkRuns: [],
      checkSuites: [],
      statuses: [],
    };
    this.repos.set(`${record.owner}/${record.name}`.toLowerCase(), state);
    this.ensureUser(record.owner);
    return state;
  }

  /** Next issue/PR number in a repository (shared number space). */
  nextNumber(repo: RepoState): number {
    return repo.issues.reduce((max, i) => Math.max(max, i.number), 0) + 1;
  }
}
