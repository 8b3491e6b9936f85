import type { CodeHost, FailedJob } from "../../ports/code-host.js";
import type { Evidence } from "../../schemas/evidence.js";
import type { RepoRef } from "../../schemas/signal.js";
import type { CompiledSignatures } from "./compile-signatures.js";
import { extractExcerptFromBytes, type ExcerptResult } from "./excerpt-engine.js";
import { fallbackSignatures } from "./fallback-signatures.js";

/**
 * Bytes of a job log streamed into the excerpt engine. The engine keeps bounded memory, so the
 * cap only bounds download time; past it the excerpt is marked truncated.
 */
export const LOG_STREAM_BYTES = 8 * 1024 * 1024;
/** @deprecated logs are streamed from the start now; this is LOG_STREAM_BYTES */
export const LOG_TAIL_BYTES = LOG_STREAM_BYTES;
const MAX_JOBS = 5;

export interface JobExcerpt {
  job: FailedJob;
  evidence: Evidence;
  /** the engine's full result: the matches feed classifyFailure */
  excerpt: ExcerptResult;
}

/**
 * Each failed job's log (at most five jobs), streamed through the excerpt engine. Without
 * `signatures` only generic failure words are known; pass the loaded set for real diagnoses.
 */
export const collectJobExcerpts = async (
  host: CodeHost,
  repo: RepoRef,
  runId: number,
  signatures: CompiledSignatures = fallbackSignatures(),
): Promise<JobExcerpt[]> => {
  const jobs = (await host.listFailedJobs(repo, runId)).slice(0, MAX_JOBS);
  const collected: JobExcerpt[] = [];
  for (const job of jobs) {
    const excerpt = await extractExcerptFromBytes(host.streamJobLog(repo, job.id, LOG_STREAM_BYTES), signatures);
    const evidence: Evidence = {
      kind: "log-excerpt",
      title: job.failedStep ? `${job.name} › ${job.failedStep}` : job.name,
      url: job.url,
      lines: excerpt.lines,
      startLine: excerpt.startLine,
      truncated: excerpt.truncated,
    };
    collected.push({ job, evidence, excerpt });
  }
  return collected;
};

/** One evidence item per failed job (at most five), each a short excerpt of its streamed log. */
export const collectJobEvidence = async (host: CodeHost, repo: RepoRef, runId: number, signatures?: CompiledSignatures): Promise<Evidence[]> =>
  (await collectJobExcerpts(host, repo, runId, signatures)).map((j) => j.evidence);
