import type { Context } from "probot";
import { octokitCodeHost } from "../adapters/github/octokit-code-host.js";
import { octokitDeployHistory } from "../adapters/github/octokit-deploy-history.js";
import { answerCommand } from "../core/answer-command.js";
import { IssueCommentEvent } from "../schemas/issue-comment-event.js";
import type { AppOptions } from "./app-options.js";
import { botIdentity, DEFAULT_APP } from "./bot-identity.js";
import { kitMissing } from "./diagnosis-kit.js";
import { loadRepoConfig } from "./load-repo-config.js";

// Cheap pre-filter, before any parsing or API call: most comments are not commands.
const MENTIONS_COMMAND = /(^|\n)\s*\/agenticops\b/;

/** `issue_comment.created`: answer `/agenticops <command>` on issues and pull requests. */
export const handleIssueComment = (options: AppOptions) => async (context: Context<"issue_comment.created">) => {
  if (!MENTIONS_COMMAND.test(context.payload.comment.body ?? "")) return;
  const log = context.log.child({ delivery: context.id, event: "issue_comment" });
  const parsed = IssueCommentEvent.safeParse(context.payload);
  if (!parsed.success) {
    log.warn({ issues: parsed.error.issues.slice(0, 5) }, "issue_comment payload not understood; ignored");
    return;
  }
  if (!options.guard.firstDelivery(context.id)) {
    log.info({}, "delivery already handled; ignored");
    return;
  }
  const event = parsed.data;
  try {
    const kit = options.diagnosis;
    if (!kit) throw kitMissing();
    const outcome = await answerCommand(
      {
        repo: { owner: event.repository.owner.login, name: event.repository.name },
        repoHtmlUrl: event.repository.html_url,
        defaultBranch: event.repository.default_branch,
        issue: { number: event.issue.number, isPullRequest: Boolean(event.issue.pull_request) },
        comment: { id: event.comment.id, body: event.comment.body ?? "", author: event.comment.user.login, authorIsBot: event.comment.user.type === "Bot" },
        botLogin: botIdentity(options.app ?? DEFAULT_APP).login,
      },
      {
        host: octokitCodeHost(context.octokit),
        log,
        kit,
        history: octokitDeployHistory(context.octokit),
        // its service catalog only enriches the diagnosis: a missing or broken config must not stop it
        loadConfig: () =>
          loadRepoConfig(context).catch((error: unknown) => {
            log.warn({ err: error }, "repository config unusable; diagnosing without its service catalog");
            return null;
          }),
      },
      options.dryRun,
    );
    log.info({ outcome: outcome.kind === "answered" ? outcome.answer : outcome.reason }, "comment handled");
  } catch (error) {
    // not answered: a redelivery (same id) must run again
    options.guard.forget(context.id);
    throw error;
  }
};
