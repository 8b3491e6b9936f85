import type { Context } from "probot";
import type { Logger } from "../ports/logger.js";
import type { RollbackContext, RollbackPorts } from "../core/roll-back-deploy.js";
import type { RepoConfig } from "../schemas/repo-config.js";
import { octokitChangePublisher } from "../adapters/github/octokit-change-publisher.js";
import { octokitCodeHost } from "../adapters/github/octokit-code-host.js";
import { octokitDeployHistory } from "../adapters/github/octokit-deploy-history.js";
import { SimpleGitWorkspace } from "../adapters/git/simple-git-workspace.js";
import type { AppOptions } from "./app-options.js";
import { botIdentity, DEFAULT_APP } from "./bot-identity.js";


/** The ports and context of a rollback, built from one webhook's installation-authenticated Octokit. */
export const rollbackPorts = (context: Context, options: AppOptions, log: Logger, config: RepoConfig): { ports: RollbackPorts; ctx: RollbackContext } => {
  const repository = (context.payload as { repository: { clone_url: string } }).repository;
  const token = async (): Promise<string> => {
    const auth = (await context.octokit.auth({ type: "installation" })) as { token: string };
    return auth.token;
  };
  return {
    ports: {
      host: octokitCodeHost(context.octokit),
      history: octokitDeployHistory(context.octokit),
      publisher: octokitChangePublisher(context.octokit, options.app ? { appId: options.app.id } : {}),
      workspace: options.workspace ?? new SimpleGitWorkspace(),
      log,
      clock: options.clock,
    },
    ctx: {
      config,
      dryRun: options.dryRun,
      bot: botIdentity(options.app ?? DEFAULT_APP),
      clone: { url: repository.clone_url, token },
      ...(options.diagnosis ? { diagnosis: options.diagnosis } : {}),
      // no policies: the gate denies every action (fail closed)
      policies: options.policies ?? { policies: [] },
    },
  };
};
