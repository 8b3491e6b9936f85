import type { CodeHost } from "../ports/code-host.js";
import type { WorkflowRunRef } from "../ports/comment-host.js";
import type { DeployHistory } from "../ports/deploy-history.js";
import type { Logger } from "../ports/logger.js";
import type { RepoRef } from "../schemas/signal.js";
import { parseCommand } from "./sense/parse-command.js";
import { incidentFingerprint } from "./model/incident-fingerprint.js";
import type { RepoConfig } from "../schemas/repo-config.js";
import { diagnoseRun, type DiagnosisKit } from "./diagnose/diagnose-run.js";
import { findSuspectCommits } from "./diagnose/find-suspect-commits.js";
import { repoDiagnosisInputs } from "./diagnose/repo-diagnosis-inputs.js";
import { renderDiagnosisComment, renderSummaryLine } from "./render/render-diagnosis-comment.js";
import { COMMAND_REPLY_FOOTER, renderCommandReply, renderHelp, renderInvalid, renderNoRun, renderRefusal } from "./render/render-command-reply.js";
import { code } from "./render/markdown.js";
import { ensureComment, type EnsureCommentResult } from "./act/ensure-comment.js";

/** A comment on an issue or pull request, with what the bot needs to know about where it was made. */
export interface CommandRequest {
  repo: RepoRef;
  repoHtmlUrl: string;
  defaultBranch: string;
  issue: { number: number; isPullRequest: boolean };
  comment: { id: number; body: string; author: string; authorIsBot: boolean };
  /** `<slug>[bot]`: the bot never answers itself */
  botLogin: string;
}

export interface CommandPorts {
  host: CodeHost;
  log: Logger;
  kit: DiagnosisKit;
  /** the repository's `.github/agenticops.yml` (its service catalog), read only for a diagnosis; null when absent */
  loadConfig?: () => Promise<RepoConfig | null>;
  /** when given, the diagnosed run's suspect commits are ranked, as in a CI diagnosis comment */
  history?: DeployHistory;
}

export type Answer = "diagnosis" | "refused" | "help" | "invalid" | "no-run";

export type CommandOutcome = { kind: "ignored"; reason: string } | { kind: "answered"; answer: Answer; reply: EnsureCommentResult };

const MAY_RUN = new Set(["admin", "maintain", "write"]);
const DIAGNOSABLE = new Set(["failure", "timed_out", "cancelled", "startup_failure"]);

type Reply = { answer: Answer; body: (marker: { incident: string; kind: "diagnosis-comment" }) => string };
const short = (answer: Answer, text: string): Reply => ({ answer, body: (marker) => renderCommandReply(text, marker) });

/** The run a `diagnose` asks for: the given one, else the newest failed run of the pull request's head or the default branch. */
const findRun = async (host: CodeHost, request: CommandRequest, runId: number | null): Promise<WorkflowRunRef | string> => {
  const { repo } = request;
  if (runId !== null) return (await host.getWorkflowRun(repo, runId)) ?? `${repo.owner}/${repo.name} has no Actions run ${runId}`;
  if (request.issue.isPullRequest) {
    const head = await host.getPullRequestHead(repo, request.issue.number);
    const run = head ? await host.findLatestFailedRun(repo, { headSha: head }) : null;
    return run ?? `no run failed on the head commit of this pull request${head ? ` (${head.slice(0, 7)})` : ""}`;
  }
  return (await host.findLatestFailedRun(repo, { branch: request.defaultBranch })) ?? `no run failed on ${request.defaultBranch}`;
};

const diagnoseReply = async (request: CommandRequest, ports: CommandPorts, runId: number | null): Promise<Reply> => {
  const run = await findRun(ports.host, request, runId);
  if (typeof run === "string") return short("no-run", renderNoRun(run));
  if (run.status === "completed" && !DIAGNOSABLE.has(run.conclusion ?? "")) {
    return short("no-run", renderNoRun(`run ${run.id} (${code(run.name)}) concluded ${run.conclusion ?? "without a conclusion"}`));
  }
  const config = ports.loadConfig ? await ports.loadConfig() : null;
  // the issue or pull request the command was typed in is not "similar" to itself
  const inputs = await repoDiagnosisInputs(ports.host, ports.kit, request.repo, config, { excludeNumbers: [request.issue.number], log: ports.log });
  const suspects = ports.history ? await findSuspectCommits(ports.history, request.repo, run, ports.log) : null;
  const diagnosis = await diagnoseRun(ports.host, inputs.kit, request.repo, run.id, { knowledge: inputs.knowledge, commits: suspects?.commits, suspectRange: suspects?.range });
  ports.log.info({ run: run.id, cause: diagnosis.cause, method: diagnosis.method }, "run diagnosed on request");
  const line = renderSummaryLine({ workflow: run.name, url: run.url, headSha: run.headSha, headBranch: run.headBranch }, diagnosis);
  const summary = [line, ...inputs.notes.map((n) => `_${n}_`)].join("\n\n");
  return { answer: "diagnosis", body: (marker) => renderDiagnosisComment({ summary, diagnosis, marker, footer: COMMAND_REPLY_FOOTER }) };
};

/**
 * `/agenticops <command>` in a comment, one step per line: sense the command, gate on the author's
 * permission, diagnose, and reply once (a redelivery finds the reply by its marker).
 */
export const answerCommand = async (request: CommandRequest, ports: CommandPorts, dryRun: boolean): Promise<CommandOutcome> => {
  const { repo, comment } = request;
  // 1. sense: never the bot itself or another bot, and only a command line
  if (comment.authorIsBot || comment.author.toLowerCase() === request.botLogin.toLowerCase()) return { kind: "ignored", reason: "comment by a bot" };
  const command = parseCommand(comment.body, { repo, repoHtmlUrl: request.repoHtmlUrl });
  if (!command) return { kind: "ignored", reason: "no command" };
  // 2–4. gate and plan: help for anyone, a diagnosis only for people who may write
  let reply: Reply;
  if (command.kind === "help") reply = short("help", renderHelp(command.unknown));
  else if (!MAY_RUN.has(await ports.host.getPermission(repo, comment.author))) reply = short("refused", renderRefusal(command.kind === "invalid" ? command.command : command.kind));
  else if (command.kind === "invalid") reply = short("invalid", renderInvalid(command.reason));
  else reply = await diagnoseReply(request, ports, command.runId);
  // 5. act: one reply per command comment
  const incident = incidentFingerprint({ repo, kind: "command", environment: null, workflow: null, sha: null, group: `comment/${comment.id}` });
  const marker = { incident, kind: "diagnosis-comment" as const };
  const result = await ensureComment(ports.host, repo, { kind: "issue", number: request.issue.number }, marker, reply.body(marker), dryRun);
  ports.log.info({ command: command.kind, answer: reply.answer, author: comment.author, result: result.kind, dryRun }, "command answered");
  return { kind: "answered", answer: reply.answer, reply: result };
};
