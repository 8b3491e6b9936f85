import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { Logger } from "../../ports/logger.js";
import type { RepoRef } from "../../schemas/signal.js";
import { readMarker } from "../render/hidden-marker.js";
import { renderRemediationReport, reportKey, type RemediationReport } from "../render/render-remediation-report.js";

/**
 * Posts the report on the incident's issue once per incident, step and finding (found again by
 * its hidden marker, so a replay or a second notification posts nothing). Returns where it is,
 * or null when the incident has no issue yet or in a dry run (logged instead).
 */
export const ensureRemediationReport = async (
  ports: { publisher: ChangePublisher; log: Logger },
  target: { repo: RepoRef; document: number | null; incident: string; step: number; dryRun: boolean },
  report: RemediationReport,
): Promise<number | null> => {
  const key = reportKey(report);
  if (target.document === null || target.dryRun) {
    ports.log.info({ incident: target.incident, report: key, dryRun: target.dryRun }, "remediation report not posted (no incident issue yet, or dry run)");
    return null;
  }
  const existing = await ports.publisher.listComments(target.repo, target.document);
  const posted = existing.some((body) => {
    const marker = readMarker(body);
    return marker?.kind === "remediation-report" && marker.incident === target.incident && marker.step === target.step && marker.runbook === key;
  });
  if (!posted) await ports.publisher.comment(target.repo, target.document, renderRemediationReport(report, { incident: target.incident, step: target.step }));
  return target.document;
};
