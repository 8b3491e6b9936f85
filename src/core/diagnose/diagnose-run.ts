import type { CodeHost } from "../../ports/code-host.js";
import type { HypothesisRanker } from "../../ports/hypothesis-ranker.js";
import type { Diagnosis } from "../../schemas/diagnosis.js";
import type { RepoRef } from "../../schemas/signal.js";
import type { SuspectRange } from "../../schemas/suspect-range.js";
import type { CompiledSignatures } from "./compile-signatures.js";
import { diagnoseFailure } from "./diagnose-failure.js";
import type { KnowledgeDoc } from "./knowledge-index.js";
import type { CommitWithFiles } from "./rank-suspects.js";

/** Logs are streamed and capped: the explanation is near the end, and 100 MB logs exist. */
export const LOG_CAP_BYTES = 8 * 1024 * 1024;
const MAX_JOBS = 5;

export interface DiagnosisKit {
  signatures: CompiledSignatures;
  ranker: HypothesisRanker | null;
  /** the app's own secrets, redacted by exact value from everything posted or sent */
  knownSecrets: string[];
  /**
   * Compiles `signatures` with a repository's own signature file merged on top (throws
   * CONFIG_INVALID for an invalid file); the app caches by the file's text. Absent: compiled each time.
   */
  repoSignatures?: (text: string) => CompiledSignatures;
}

/** The diagnosis of one failed Actions run: its failed jobs' logs (at most five), streamed. */
export const diagnoseRun = async (
  host: CodeHost,
  kit: DiagnosisKit,
  repo: RepoRef,
  runId: number,
  context: { commits?: CommitWithFiles[]; suspectRange?: SuspectRange; knowledge?: KnowledgeDoc[]; service?: string; environment?: string } = {},
): Promise<Diagnosis> => {
  const jobs = (await host.listFailedJobs(repo, runId)).slice(0, MAX_JOBS);
  const logs = jobs.map((job) => ({
    title: job.failedStep ? `${job.name} › ${job.failedStep}` : job.name,
    url: job.url,
    bytes: host.streamJobLog(repo, job.id, LOG_CAP_BYTES),
  }));
  return diagnoseFailure(
    { logs, commits: context.commits ?? [], suspectRange: context.suspectRange, knowledge: context.knowledge ?? [], service: context.service, environment: context.environment },
    { signatures: kit.signatures, knownSecrets: kit.knownSecrets },
    kit.ranker,
  );
};
