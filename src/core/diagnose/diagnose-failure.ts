import type { HypothesisRanker } from "../../ports/hypothesis-ranker.js";
import { CauseClass, type Diagnosis } from "../../schemas/diagnosis.js";
import type { Evidence } from "../../schemas/evidence.js";
import type { SuspectRange } from "../../schemas/suspect-range.js";
import { classifyFailure } from "./classify-failure.js";
import type { CompiledSignatures } from "./compile-signatures.js";
import { extractExcerptFromBytes, extractExcerptFromLines, GAP, type ExcerptMatch } from "./excerpt-engine.js";
import { buildKnowledgeIndex, searchKnowledge, type KnowledgeDoc } from "./knowledge-index.js";
import { rankSuspects, type CommitWithFiles } from "./rank-suspects.js";
import type { LogBytes } from "./read-log-bytes.js";
import { redactSecretLines } from "./redact-secrets.js";

interface LogSource {
  title: string;
  url: string | null;
}

/** A log as raw bytes, as downloaded: the fast path (only keyword lines are decoded). */
export interface FailedLogBytes extends LogSource {
  bytes: LogBytes;
  lines?: undefined;
}

/** A log already split into lines (a check run's output). */
export interface FailedLogLines extends LogSource {
  lines: AsyncIterable<string> & { readonly capped?: boolean };
  bytes?: undefined;
}

export type FailedLog = FailedLogBytes | FailedLogLines;

export interface DiagnosisSources {
  logs: FailedLog[];
  /** the commits between last good and the failure, with their files; [] when unknown */
  commits: CommitWithFiles[];
  /** what `commits` are, for the write-up; absent when the caller shows its range itself */
  suspectRange?: SuspectRange;
  /** runbooks, past incidents, bot pull requests and the service catalog */
  knowledge: KnowledgeDoc[];
  service?: string;
  environment?: string;
}

export interface DiagnoseOptions {
  signatures: CompiledSignatures;
  /** the app's own secrets (tokens, webhook secret): redacted by exact value */
  knownSecrets: string[];
  maxLines?: number;
}

const LLM_EXCERPT_LINES = 80;

/** The top hypothesis, with the strongest matching line when the hypothesis does not quote it already. */
const summaryOf = (label: string, matches: ExcerptMatch[]): string => {
  const strongest = [...matches].sort((a, b) => b.weight - a.weight || b.line - a.line)[0];
  const line = strongest?.text.trim().slice(0, 200);
  return line && !label.includes(line) ? `${label}: ${line}` : label;
};

/**
 * Step 2 of the loop, without an LLM unless one is given: excerpt each failed log (streamed),
 * redact secrets, classify the cause, rank suspect commits, attach knowledge; then let the LLM
 * re-rank hypotheses within the catalog. Any LLM failure leaves the deterministic result standing.
 */
export const diagnoseFailure = async (sources: DiagnosisSources, options: DiagnoseOptions, ranker: HypothesisRanker | null): Promise<Diagnosis> => {
  const evidence: Evidence[] = [];
  const matches: ExcerptMatch[] = [];
  for (const log of sources.logs) {
    const excerptOptions = { maxLines: options.maxLines ?? 40 };
    const excerpt = log.bytes !== undefined ? await extractExcerptFromBytes(log.bytes, options.signatures, excerptOptions) : await extractExcerptFromLines(log.lines, options.signatures, excerptOptions);
    const { lines } = redactSecretLines(excerpt.lines, { knownSecrets: options.knownSecrets });
    evidence.push({ kind: "log-excerpt", title: log.title, url: log.url, lines, startLine: excerpt.startLine, truncated: excerpt.truncated });
    matches.push(...excerpt.matches.map((m) => ({ ...m, text: redactSecretLines([m.text], { knownSecrets: options.knownSecrets }).lines[0] ?? "" })));
  }
  const classification = classifyFailure(matches, options.signatures);
  const excerpt = evidence.flatMap((e) => e.lines).filter((l) => l !== GAP);
  const suspects = rankSuspects({ excerpt, commits: sources.commits });
  const index = buildKnowledgeIndex(sources.knowledge);
  const found = searchKnowledge(index, { excerpt, cause: classification.cause, service: sources.service, environment: sources.environment }, 3);
  const base: Diagnosis = {
    cause: classification.cause,
    confidence: classification.confidence,
    summary: summaryOf(classification.hypotheses[0]?.summary ?? "No known failure signature matched", matches),
    hypotheses: classification.hypotheses,
    evidence,
    suspects,
    suspectRange: sources.suspectRange ?? null,
    runbookId: found.runbooks[0]?.id ?? null,
    method: "deterministic",
    llmNote: null,
    related: found.incidents.map((hit) => ({ id: hit.id, title: hit.title, url: hit.url, why: `shares ${hit.matched.slice(0, 4).join(", ")}` })),
    owners: found.owners,
    tokens: { in: 0, out: 0 },
  };
  if (!ranker || evidence.length === 0) return base;
  const runbooks = sources.knowledge.filter((d) => d.kind === "runbook").map((d) => ({ id: d.id, title: d.title }));
  const outcome = await ranker.rank({
    excerpt: excerpt.slice(-LLM_EXCERPT_LINES),
    hypotheses: base.hypotheses,
    suspects: suspects.slice(0, 5).map((s) => ({ sha: s.sha, subject: s.subject, reasons: s.reasons })),
    runbooks,
    causes: CauseClass.options,
  });
  if (outcome.kind === "failed") {
    return { ...base, tokens: { in: outcome.tokensIn, out: outcome.tokensOut }, llmNote: `An LLM was configured but ${outcome.reason.replace(/-/g, " ")} (${outcome.detail.slice(0, 120)}); the deterministic diagnosis stands.` };
  }
  const { result } = outcome;
  const top = result.hypotheses[0];
  return {
    ...base,
    cause: top?.cause ?? base.cause,
    confidence: top?.confidence ?? base.confidence,
    hypotheses: result.hypotheses.length > 0 ? result.hypotheses : base.hypotheses,
    runbookId: result.runbookId ?? base.runbookId,
    method: "llm-ranked",
    tokens: { in: result.tokensIn, out: result.tokensOut },
  };
};
