/**
 * One sandbox and one running app for the whole benchmark, and one fresh incident per call: a new
 * account and installation, a copy of the prebuilt repository, a green run of the last good
 * commit, then the failing `workflow_run` delivered the way drills deliver it.
 */
import { copyFile, link, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { SimpleGitWorkspace } from "../../src/adapters/git/simple-git-workspace.js";
import { createApp } from "../../src/app/create-app.js";
import { Drill } from "../../src/schemas/drill.js";
import type { SimulatedPullRequest } from "../../src/schemas/simulation-result.js";
import { SANDBOX_APP_ID, SANDBOX_APP_SLUG, startApp, type RunningApp } from "../../src/sandbox/app-harness.js";
import type { ApiCallEntry } from "../../src/sandbox/call-log.js";
import { collectObservedState } from "../../src/sandbox/drill/collect-observed-state.js";
import { DrillPlayer } from "../../src/sandbox/drill/drill-player.js";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import type { RepoState } from "../../src/sandbox/state/sandbox-state.js";
import { seedWorkflowRun } from "../../src/sandbox/state/seed-workflow-run.js";
import type { LargeRepo } from "./build-large-repo.js";
import { GitRequestTap, type GitRequest } from "./git-request-tap.js";
import { TimedWorkspace, type WorkspaceTimings } from "./timed-workspace.js";

export type RollbackPath = "image-pin" | "revert";

export interface Incident {
  path: RollbackPath;
  /** delivery start → the app's answer (Probot answers once the handler, and so the PR, is done) */
  durationMs: number;
  status: number;
  /** off the clock: copying the repository and seeding the run */
  prepareMs: number;
  apiCalls: ApiCallEntry[];
  gitRequests: GitRequest[];
  /** the revert path's clone, revert, commit, push and cleanup, inside the latency */
  workspace: WorkspaceTimings;
  pullRequest: SimulatedPullRequest | null;
  /** why the incident does not count, when it does not */
  problem: string | null;
}

const LATE_LIMIT_MS = 60_000;
const WORKFLOW = { name: "deploy", path: ".github/workflows/deploy.yml" };
const COLLABORATORS = { dana: "admin", eve: "write" } as const;
const ROLLOUT_LOG = [
  '2026-11-23T14:02:02.0000000Z Waiting for deployment "shop" rollout to finish: 1 out of 3 new replicas have been updated...',
  '2026-11-23T14:04:02.0000000Z error: deployment "shop" exceeded its progress deadline',
  "2026-11-23T14:04:02.2000000Z ##[error]Process completed with exit code 1.",
].join("\n");

/** Hard links (git never rewrites a pack), with a copy where links are not possible. */
const linkTree = async (from: string, to: string): Promise<void> => {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const [src, dst] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) await linkTree(src, dst);
    else await link(src, dst).catch(() => copyFile(src, dst));
  }
};

const expectedFiles = (path: RollbackPath, repo: LargeRepo): string[] => (path === "image-pin" ? ["k8s/deployment.yaml"] : [repo.revertFile]);

const problemWith = (pr: SimulatedPullRequest | null, status: number, expected: string[], apiCalls: ApiCallEntry[], lateMs: number | null): string | null => {
  // 202 is Probot's "still processing" after 9 s: the answer no longer means the PR exists.
  if (status === 202) {
    const after = lateMs === null ? `no pull request within ${LATE_LIMIT_MS / 1000} s` : `the pull request appeared after ${lateMs} ms`;
    return `webhook answered 202 (Probot's "still processing" at 9 s); ${after}`;
  }
  if (status !== 200) return `webhook answered ${status}`;
  // A request github.com would have rejected makes the measurement meaningless.
  const invalid = apiCalls.find((c) => c.error !== undefined && c.fault === undefined);
  if (invalid) return `invalid API request ${invalid.method} ${invalid.path} → ${invalid.status}: ${invalid.error ?? ""}`;
  if (!pr) return "no pull request was opened";
  const files = pr.files.map((f) => f.filename).sort();
  if (files.join(",") !== expected.join(",")) return `pull request changes [${files.join(", ")}], expected [${expected.join(", ")}]`;
  if (!pr.labels.includes("rollback")) return `pull request labels [${pr.labels.join(", ")}] lack "rollback"`;
  return null;
};

export class BenchWorld {
  private incidents = 0;

  private constructor(
    readonly sandbox: Sandbox,
    private readonly app: RunningApp,
    private readonly tap: GitRequestTap,
    private readonly workspace: TimedWorkspace,
  ) {}

  /** `workspaceDir`: where the revert path clones (the app's default is the OS temp dir). */
  static async start(options: { workspaceDir?: string } = {}): Promise<BenchWorld> {
    const sandbox = await Sandbox.start();
    // Errors only, and to stderr: stdout carries the report (or the JSON).
    const logger = pino({ level: "error" }, pino.destination(2));
    // The workspace the app would build itself, only timed.
    const workspace = new TimedWorkspace(new SimpleGitWorkspace(options.workspaceDir ? { tmpRoot: options.workspaceDir } : {}));
    const appFn = createApp({ clock: { now: () => sandbox.state.now() }, dryRun: false, app: { id: SANDBOX_APP_ID, slug: SANDBOX_APP_SLUG }, workspace });
    const app = await startApp(sandbox, appFn, { logger });
    const tap = new GitRequestTap(Number(new URL(sandbox.origin).port));
    tap.start();
    return new BenchWorld(sandbox, app, tap, workspace);
  }

  /**
   * Each incident gets its own account, so its own installation: Probot's token cache and the
   * bot's per-installation write pacer (80 a minute) start cold, as for a first incident, and the
   * benchmark measures one incident rather than how many fit in a minute.
   */
  async incident(repo: LargeRepo, path: RollbackPath): Promise<Incident> {
    const prepareStarted = performance.now();
    this.incidents += 1;
    const owner = `acme-${this.incidents}`;
    const { sandbox } = this;
    const [good, bad] = path === "image-pin" ? [repo.shas.pinGood, repo.shas.pinBad] : [repo.shas.pinBad, repo.shas.revertBad];
    const installation = sandbox.installApp(this.app.appId, owner);
    await sandbox.git.createRepo(owner, "shop", "main");
    const dir = sandbox.git.repoPath(owner, "shop");
    await linkTree(join(repo.dir, "objects"), join(dir, "objects"));
    await promisify(execFile)("git", [`--git-dir=${dir}`, "update-ref", "refs/heads/main", bad]);
    const repoState = sandbox.state.addRepo({ owner, name: "shop", defaultBranch: "main", private: false, installationId: installation.id, collaborators: { [owner]: "admin", ...COLLABORATORS } });
    for (const login of Object.keys(repoState.repo.collaborators)) sandbox.state.ensureUser(login);
    installation.repositories.push(`${owner}/shop`);
    const green = seedWorkflowRun(sandbox.state, repoState, { ...WORKFLOW, headBranch: "main", headSha: good, conclusion: "success", jobs: [{ name: "rollout", conclusion: "success", log: "rolled out\n" }] });
    const player = new DrillPlayer(sandbox, this.drill(owner, bad), { repoState, commits: [good, bad], runs: [green.id] }, installation.id);
    const prepareMs = performance.now() - prepareStarted;

    const apiMark = sandbox.log.apiCalls.length;
    this.tap.take();
    this.workspace.take();
    const played = performance.now();
    await player.play();
    const webhook = sandbox.log.webhooks.at(-1);
    // After a 202 the handler still runs: let it finish so it does not overlap the next incident.
    const late = webhook?.status === 202 ? await this.waitForPull(repoState, played) : null;
    const apiCalls = sandbox.log.apiCalls.slice(apiMark);
    const gitRequests = this.tap.take();
    const pullRequest = (await collectObservedState(sandbox, repoState)).pullRequests[0] ?? null;
    const status = webhook?.status ?? 0;
    return {
      path,
      durationMs: webhook?.durationMs ?? Number.NaN,
      status,
      prepareMs: Math.round(prepareMs),
      apiCalls,
      gitRequests,
      workspace: this.workspace.take(),
      pullRequest,
      problem: problemWith(pullRequest, status, expectedFiles(path, repo), apiCalls, late),
    };
  }

  /**
   * Milliseconds from `since` until the repository has a pull request (null after LATE_LIMIT_MS),
   * returning once the app has also gone quiet (no API call for half a second: labels, reviewers).
   */
  private async waitForPull(repoState: RepoState, since: number): Promise<number | null> {
    let appeared: number | null = null;
    let calls = -1;
    let quietSince = performance.now();
    while (performance.now() - since < LATE_LIMIT_MS) {
      if (appeared === null && repoState.issues.some((i) => i.pull)) [appeared, quietSince] = [Math.round(performance.now() - since), performance.now()];
      if (this.sandbox.log.apiCalls.length !== calls) [calls, quietSince] = [this.sandbox.log.apiCalls.length, performance.now()];
      if (appeared !== null && performance.now() - quietSince > 500) return appeared;
      await new Promise((r) => setTimeout(r, 50));
    }
    return appeared;
  }

  /**
   * The failing run as a one-event drill, played by the drills' own player. The repository is
   * prebuilt, so the drill's `commits` entry only satisfies the format; the player never reads it.
   */
  private drill(owner: string, bad: string): Drill {
    return Drill.parse({
      name: "bench-rollback",
      repo: { owner, name: "shop", collaborators: COLLABORATORS, commits: [{ message: "prebuilt by scripts/bench/build-large-repo.ts" }] },
      events: [
        {
          github: "workflow_run",
          action: "completed",
          payload: { workflow_run: { ...WORKFLOW, conclusion: "failure", head_sha: bad, head_branch: "main" } },
          jobs: [{ name: "rollout", conclusion: "failure", log: ROLLOUT_LOG }],
        },
      ],
    });
  }

  async close(): Promise<void> {
    this.tap.stop();
    await this.app.close();
    await this.sandbox.close();
  }
}
