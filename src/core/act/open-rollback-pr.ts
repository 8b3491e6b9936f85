import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { CodeHost } from "../../ports/code-host.js";
import type { Logger } from "../../ports/logger.js";
import type { Incident } from "../../schemas/incident.js";
import type { RepoRef } from "../../schemas/signal.js";
import { reviewersFromCodeowners } from "./reviewers-from-codeowners.js";

export type Reviewers = { users: string[]; teams: string[] };

/**
 * The owners to ask, looked up while other work runs (the caller starts it early). A failed
 * lookup costs the review request, never the pull request.
 */
export const lookUpReviewers = (ports: { host: CodeHost; log: Logger }, repo: RepoRef, paths: string[], bot: string): Promise<Reviewers> =>
  reviewersFromCodeowners(ports.host, repo, paths, [bot]).catch((error: unknown) => {
    ports.log.warn({ err: error instanceof Error ? error.message : String(error) }, "CODEOWNERS lookup failed; no reviewers requested");
    return { users: [], teams: [] };
  });

/** Opens the rollback pull request on the branch just created, then labels it and asks its owners to review. */
export const openRollbackPr = async (
  ports: { publisher: ChangePublisher; log: Logger },
  pr: { repo: RepoRef; incident: Pick<Incident, "id">; title: string; body: string; head: string; base: string; labels: string[]; reviewers: Promise<Reviewers> },
): Promise<number> => {
  const created = await ports.publisher.createPullRequest(pr.repo, { title: pr.title, body: pr.body, head: pr.head, base: pr.base });
  const reviewers = await pr.reviewers;
  await Promise.all([
    ports.publisher.addLabels(pr.repo, created.number, pr.labels),
    reviewers.users.length + reviewers.teams.length > 0 ? ports.publisher.requestReviewers(pr.repo, created.number, reviewers) : Promise.resolve(),
  ]);
  ports.log.info({ incident: pr.incident.id, pr: created.number, reviewers: reviewers.users.length + reviewers.teams.length }, "rollback pull request opened");
  return created.number;
};
