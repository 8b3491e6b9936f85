import type { Context } from "probot";
import { PushEvent } from "../schemas/push-event.js";
import { handOverBranch } from "../core/act/hand-over-branch.js";
import { octokitChangePublisher } from "../adapters/github/octokit-change-publisher.js";
import type { AppOptions } from "./app-options.js";
import { botIdentity, DEFAULT_APP } from "./bot-identity.js";

const BOT_BRANCH = /^refs\/heads\/(agenticops\/(inc-[0-9a-f]{12}))$/;

/** `push` to an `agenticops/<incident>` branch by anyone but the bot: hand the pull request over. */
export const handlePush = (options: AppOptions) => async (context: Context<"push">) => {
  const parsed = PushEvent.safeParse(context.payload);
  if (!parsed.success) return;
  const push = parsed.data;
  const match = BOT_BRANCH.exec(push.ref);
  const bot = botIdentity(options.app ?? DEFAULT_APP).login;
  if (!match || push.deleted || push.sender.login === bot) return;
  const log = context.log.child({ delivery: context.id, event: "push" });
  if (options.dryRun) return;
  const result = await handOverBranch(octokitChangePublisher(context.octokit), { owner: push.repository.owner.login, name: push.repository.name }, {
    branch: match[1] ?? "",
    incidentId: match[2] ?? "",
    pusher: push.sender.login,
    sha: push.after,
  });
  log.info({ result }, "human push to the bot's branch");
};
