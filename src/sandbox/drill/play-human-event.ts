import type { DrillEvent } from "../../schemas/drill-event.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { IssueRecord } from "../state/sandbox-state.js";
import { parseAuthor } from "./parse-author.js";
import { syncPullHeads } from "../rest/sync-pull-heads.js";
import type { DrillPlayer } from "./drill-player.js";

const REPO = "/repos/{owner}/{repo}";
type Target = "issue" | "pr" | "agent-pr";

/** `agent-pr` is the newest pull request opened by a bot; `issue`/`pr` take an explicit number (default: the newest). */
export const resolveTarget = (player: DrillPlayer, on: Target, given: number | string | undefined): IssueRecord => {
  // after template rendering a number may still arrive as its string form
  const number = given === undefined ? undefined : Number(given);
  const issues = player.repoState.issues;
  const candidates =
    on === "agent-pr"
      ? issues.filter((i) => i.pull && player.sandbox.state.users.get(i.user)?.type === "Bot")
      : issues.filter((i) => (on === "pr" ? i.pull !== undefined : true));
  const found = number !== undefined ? candidates.find((i) => i.number === number) : candidates.at(-1);
  if (!found) {
    const what = on === "agent-pr" ? "pull request opened by the bot" : on === "pr" ? "pull request" : "issue";
    throw new AgenticOpsError("DRILL_EXPECTATION_FAILED", `no ${what}${number !== undefined ? ` #${number}` : ""} to act on`, {
      hint: "the bot did not open it (see the API calls above), or the drill acts on it too early",
    });
  }
  return found;
};

/** The people in a drill act through the sandbox's own routes, then GitHub's webhook follows. */
export const playHumanEvent = async (player: DrillPlayer, event: DrillEvent): Promise<void> => {
  const { sandbox } = player;
  const params = { owner: player.drill.repo.owner, repo: player.drill.repo.name };
  const issueParams = (issue: IssueRecord) => ({ ...params, issue_number: String(issue.number), pull_number: String(issue.number) });
  const pullPayload = async (issue: IssueRecord) => sandbox.actAs(player.drill.repo.owner, "GET", `${REPO}/pulls/{pull_number}`, issueParams(issue));
  const issuePayload = async (issue: IssueRecord) => sandbox.actAs(player.drill.repo.owner, "GET", `${REPO}/issues/{issue_number}`, issueParams(issue));

  if ("comment" in event) {
    const target = resolveTarget(player, event.comment.on, event.comment.number);
    const comment = await sandbox.actAs(event.comment.user, "POST", `${REPO}/issues/{issue_number}/comments`, issueParams(target), { body: event.comment.body });
    await player.deliver("issue_comment", "created", event.comment.user, { issue: await issuePayload(target), comment });
    return;
  }
  if ("review" in event) {
    const target = resolveTarget(player, event.review.on, event.review.number);
    const verb = { approved: "APPROVE", changes_requested: "REQUEST_CHANGES", commented: "COMMENT" }[event.review.state];
    const review = await sandbox.actAs(event.review.user, "POST", `${REPO}/pulls/{pull_number}/reviews`, issueParams(target), {
      event: verb,
      ...(event.review.body ? { body: event.review.body } : verb === "APPROVE" ? {} : { body: "(drill review)" }),
    });
    await player.deliver("pull_request_review", "submitted", event.review.user, { review, pull_request: await pullPayload(target) });
    return;
  }
  if ("merge" in event) {
    const target = resolveTarget(player, event.merge.on, event.merge.number);
    await sandbox.actAs(event.merge.user, "PUT", `${REPO}/pulls/{pull_number}/merge`, issueParams(target), { merge_method: event.merge.method });
    await player.deliver("pull_request", "closed", event.merge.user, { number: target.number, pull_request: await pullPayload(target) });
    return;
  }
  if ("close" in event) {
    const target = resolveTarget(player, event.close.on, event.close.number);
    if (target.pull) {
      await sandbox.actAs(event.close.user, "PATCH", `${REPO}/pulls/{pull_number}`, issueParams(target), { state: "closed" });
      await player.deliver("pull_request", "closed", event.close.user, { number: target.number, pull_request: await pullPayload(target) });
    } else {
      await sandbox.actAs(event.close.user, "PATCH", `${REPO}/issues/{issue_number}`, issueParams(target), { state: "closed" });
      await player.deliver("issues", "closed", event.close.user, { issue: await issuePayload(target) });
    }
    return;
  }
  if ("push" in event) {
    const { push } = event;
    const branch = push.branch ?? player.drill.repo.default_branch;
    const before = (await sandbox.git.resolve(params.owner, params.repo, branch)) ?? "0".repeat(40);
    const author = parseAuthor(push.author ?? `${push.user} <${push.user}@users.noreply.github.com>`);
    const sha = await sandbox.git.commitFiles(params.owner, params.repo, branch, { message: push.message, author, committer: author, files: push.files });
    player.seeded.commits.push(sha);
    // as a push over git HTTP would: open pull requests from this branch now end at the new commit
    await syncPullHeads(sandbox.restContext(), params.owner, params.repo);
    await player.deliver("push", undefined, push.user, {
      ref: `refs/heads/${branch}`,
      before,
      after: sha,
      created: before === "0".repeat(40),
      deleted: false,
      forced: false,
      head_commit: { id: sha, tree_id: sha, message: push.message, author: { ...author, username: push.user }, committer: { ...author, username: push.user } },
      commits: [{ id: sha, tree_id: sha, message: push.message, author: { ...author, username: push.user }, committer: { ...author, username: push.user } }],
    });
    return;
  }
  throw new AgenticOpsError("DRILL_INVALID", `unsupported drill event ${Object.keys(event).join(",")}`);
};
