import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { CodeHost } from "../../ports/code-host.js";
import type { Logger } from "../../ports/logger.js";
import type { Incident } from "../../schemas/incident.js";
import type { RepoRef } from "../../schemas/signal.js";
import { reviewersFromCodeowners } from "./reviewers-from-codeowners.js";

/** Opens the rollback pull request on the branch just created, then labels it and asks its owners to review. */
export const openRollbackPr = async (
  ports: { publisher: ChangePublisher; host: CodeHost; log: Logger },
  pr: { repo: RepoRef; incident: Incident; title: string; body: string; head: string; base: string; labels: string[]; paths: string[]; bot: string },
): Promise<number> => {
  const created = await ports.publisher.createPullRequest(pr.repo, { title: pr.title, body: pr.body, head: pr.head, base: pr.base });
  await ports.publisher.addLabels(pr.repo, created.number, pr.labels);
  const reviewers = await reviewersFromCodeowners(ports.host, pr.repo, pr.paths, [pr.bot]);
  if (reviewers.users.length + reviewers.teams.length > 0) await ports.publisher.requestReviewers(pr.repo, created.number, reviewers);
  ports.log.info({ incident: pr.incident.id, pr: created.number, reviewers: reviewers.users.length + reviewers.teams.length }, "rollback pull request opened");
  return created.number;
};
