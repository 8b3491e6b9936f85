import type { Probot } from "probot";
import { octokitChangePublisher } from "../adapters/github/octokit-change-publisher.js";
import { octokitCodeHost } from "../adapters/github/octokit-code-host.js";
import { octokitDeployHistory } from "../adapters/github/octokit-deploy-history.js";
import type { Octokit } from "../adapters/github/github-call.js";
import { SimpleGitWorkspace } from "../adapters/git/simple-git-workspace.js";
import type { PolicySet } from "../core/gate/policy-set.js";
import type { RunbookSet } from "../core/plan/runbooks/parse-runbook-files.js";
import { remediateAlertIncident, type RemediationOutcome } from "../core/remediate/remediate-alert-incident.js";
import type { Clock } from "../ports/clock.js";
import type { AlertIncidentView, RemediationPlanner } from "../ports/remediation-planner.js";
import type { Timers } from "../ports/timers.js";
import type { Workspace } from "../ports/workspace.js";
import { botIdentity, DEFAULT_APP } from "./bot-identity.js";
import { repoInstallationId } from "./repo-installation.js";
import { loadRepoConfigFrom } from "./load-repo-config.js";
import { bundledRunbooks, repositoryRunbooks } from "./runbook-catalog.js";

/** What the planner needs of the incident sink it is plugged into. */
export interface RemediationSinkHooks {
  /** resolves once the incident writes accepted so far are done: the issue exists before the bot acts */
  settled(): Promise<void>;
  issueOf(incidentId: string): number | null;
  recordPullRequest(incidentId: string, pullRequest: number): boolean;
}

export interface AlertRemediationOptions {
  clock: Clock;
  timers: Timers;
  dryRun: boolean;
  app?: { id: number; slug: string };
  workspace?: Workspace;
  /** the organisation's policies (loaded on first use when the app started without them) */
  policies: () => Promise<PolicySet>;
  /** the bundled runbooks; default: the package's runbooks/ directory */
  runbooks?: () => Promise<RunbookSet>;
  /** how long an incident must keep firing after it is written before the bot acts (default 60 s) */
  holdMs?: number;
  sink: () => RemediationSinkHooks | null;
}


/**
 * Remediation for alert incidents, the Probot way. Per incident, one run at a time: wait until the
 * incident is written and has kept firing for the hold time (an alert that resolves first gets no
 * pull request), then plan, gate and act with the installation's Octokit. The pull request is
 * registered with the sink, which links it from the incident and notes a later self-resolution.
 */
/** The planner, plus what shutdown, tests and drills wait on. */
export type AlertRemediation = RemediationPlanner & {
  /** resolves when no incident is being remediated */
  idle(): Promise<void>;
  /** incidents with a run in progress or queued */
  active(): number;
  /** cancels holds not yet over and starts nothing new (shutdown; the next notification after a restart tries again) */
  close(): void;
};

export const alertRemediationPlanner = (app: Probot, options: AlertRemediationOptions): AlertRemediation => {
  const log = app.log.child({ name: "remediation" });
  const chains = new Map<string, Promise<unknown>>();
  const holds = new Set<() => void>();
  let closed = false;
  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const cancel = options.timers.setTimer(ms, () => {
        holds.delete(stop);
        resolve(true);
      });
      const stop = () => {
        cancel();
        resolve(false);
      };
      holds.add(stop);
    });

  const run = async (view: AlertIncidentView): Promise<RemediationOutcome> => {
    const sink = options.sink();
    if (sink) await sink.settled();
    if (closed || !(await wait(options.holdMs ?? 60_000))) return { kind: "ignored", reason: "the app is shutting down" };
    if (sink) await sink.settled();
    if (closed) return { kind: "ignored", reason: "the app is shutting down" };
    const { incident } = view;
    if (incident.resolvedAt !== null) return { kind: "ignored", reason: "the incident resolved on its own before the bot acted" };
    const installation = await repoInstallationId(app, incident.repo);
    if (installation === null) return { kind: "ignored", reason: "the app is no longer installed on the repository" };
    const octokit = (await app.auth(installation)) as Octokit;
    // read again right before acting: a kill switch or a tighter policy turned on since the alert
    // arrived applies now, not after the sink's config cache expires
    const config = await loadRepoConfigFrom(octokit, incident.repo);
    if (!config) return { kind: "ignored", reason: "the repository no longer has .github/agenticops.yml" };
    const { data: repository } = await octokit.rest.repos.get({ owner: incident.repo.owner, repo: incident.repo.name });
    const runbooks = await repositoryRunbooks(octokit, incident.repo, repository.default_branch, log, options.runbooks ?? bundledRunbooks);
    const document = view.document.kind === "issue" ? (sink?.issueOf(incident.id) ?? view.document.number) : view.document.on;
    const token = async () => ((await octokit.auth({ type: "installation" })) as { token: string }).token;
    const outcome = await remediateAlertIncident(
      incident,
      {
        config,
        dryRun: options.dryRun,
        bot: botIdentity(options.app ?? DEFAULT_APP),
        clone: { url: repository.clone_url, token },
        policies: await options.policies(),
        runbooks,
        defaultBranch: repository.default_branch,
        document,
      },
      {
        publisher: octokitChangePublisher(octokit, options.app ? { appId: options.app.id } : {}),
        history: octokitDeployHistory(octokit),
        host: octokitCodeHost(octokit),
        workspace: options.workspace ?? new SimpleGitWorkspace(),
        log,
        clock: options.clock,
      },
    );
    if (outcome.kind === "pull-request") sink?.recordPullRequest(incident.id, outcome.number);
    return outcome;
  };

  return {
    incidentChanged: (view, change) => {
      if (change === "resolved") return Promise.resolve();
      const id = view.incident.id;
      const previous = chains.get(id) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined)
        .then(() => run(view))
        .then((outcome) => log.info({ incident: id, change, outcome }, "remediation"));
      // the caller handles `next` failing; the chain only needs to know it ended
      const tracked = next
        .catch(() => undefined)
        .finally(() => {
          if (chains.get(id) === tracked) chains.delete(id);
        });
      chains.set(id, tracked);
      return next;
    },
    idle: async () => {
      while (chains.size > 0) await Promise.allSettled([...chains.values()]);
    },
    active: () => chains.size,
    close: () => {
      closed = true;
      for (const stop of [...holds]) stop();
      holds.clear();
    },
  };
};
