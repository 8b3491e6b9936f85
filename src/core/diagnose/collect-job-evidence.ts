import type { CodeHost } from "../../ports/code-host.js";
import type { Evidence } from "../../schemas/evidence.js";
import type { RepoRef } from "../../schemas/signal.js";
import { extractFailureExcerpt } from "./extract-failure-excerpt.js";

/** Logs are read from the end: the explanation of a failure is almost always near the end. */
export const LOG_TAIL_BYTES = 256 * 1024;
const MAX_JOBS = 5;

/** One evidence item per failed job (at most five), each a short excerpt of its log. */
export const collectJobEvidence = async (host: CodeHost, repo: RepoRef, runId: number): Promise<Evidence[]> => {
  const jobs = (await host.listFailedJobs(repo, runId)).slice(0, MAX_JOBS);
  const evidence: Evidence[] = [];
  for (const job of jobs) {
    const log = await host.readJobLogTail(repo, job.id, LOG_TAIL_BYTES);
    const excerpt = extractFailureExcerpt(log);
    evidence.push({
      kind: "log-excerpt",
      title: job.failedStep ? `${job.name} › ${job.failedStep}` : job.name,
      url: job.url,
      lines: excerpt.lines,
      startLine: excerpt.startLine,
      truncated: excerpt.truncated,
    });
  }
  return evidence;
};
