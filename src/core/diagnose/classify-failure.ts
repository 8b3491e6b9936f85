import type { CauseClass, Hypothesis } from "../../schemas/diagnosis.js";
import type { CompiledSignatures } from "./compile-signatures.js";
import type { ExcerptMatch } from "./excerpt-engine.js";

export interface Classification {
  cause: CauseClass;
  confidence: number;
  /** one per cause with evidence, strongest first */
  hypotheses: Hypothesis[];
}

const LABEL: Record<CauseClass, string> = {
  compilation: "Compilation failed",
  "test-failure": "Tests failed",
  lint: "Lint errors",
  dependency: "Dependencies could not be resolved or installed",
  network: "Network error",
  timeout: "Timed out",
  resources: "Ran out of resources",
  permission: "Permission or credentials problem",
  configuration: "Configuration error",
  "deploy-health": "The deployment is unhealthy",
  flaky: "A known flaky failure",
  unknown: "Unknown failure",
};
const MAX_TEXT = 160;
/** Signatures of cause "unknown" this strong say the log cannot explain the failure. */
export const UNKNOWN_EVIDENCE_WEIGHT = 0.5;

const isEvidence = (m: ExcerptMatch): boolean => m.cause !== "unknown" || m.weight >= UNKNOWN_EVIDENCE_WEIGHT;

// The last matched line counts fully; each distinct matched line after a match lowers it.
const recency = (laterLines: number): number => 0.6 + 0.4 * 0.85 ** laterLines;
const round = (x: number): number => Math.round(x * 100) / 100;

interface Strongest {
  strength: number;
  match: ExcerptMatch;
}

/**
 * The cause class of a failure from its signature matches, with a confidence in 0..1:
 *
 * - only evidence counts: a match of cause "unknown" below UNKNOWN_EVIDENCE_WEIGHT (generic words
 *   such as "error") shapes the excerpt and nothing else; at or above it (a runner shut down from
 *   outside) it is evidence that the log cannot say why;
 * - strength of a match = weight × recency, recency = 0.6 + 0.4 × 0.85^k where k is the number of
 *   distinct evidence lines after it (the last error before the end usually explains);
 * - a signature counts once, with its strongest match (a thousand repeats of one warning are one
 *   piece of evidence);
 * - evidence for a cause e_c = 1 − Π(1 − strength) over its signatures (noisy-OR: independent
 *   signatures add up without passing 1);
 * - the cause is the one with the most evidence; "flaky" wins only when strictly stronger than
 *   every other cause;
 * - confidence_c = e_c − 0.5 × (strongest other e), clamped to [0.01, 1], two decimals: strong and
 *   uncontested evidence is confident, two close causes are not;
 * - no evidence at all: cause "unknown", confidence 0, no hypotheses.
 */
export const classifyFailure = (matches: readonly ExcerptMatch[], signatures?: CompiledSignatures): Classification => {
  const evidence = matches.filter(isEvidence);
  const lines = [...new Set(evidence.map((m) => m.line))].sort((a, b) => a - b);
  const later = (line: number): number => {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid]! <= line) lo = mid + 1;
      else hi = mid;
    }
    return lines.length - lo;
  };
  const bySignature = new Map<string, Strongest>();
  for (const match of evidence) {
    const strength = Math.min(0.99, match.weight * recency(later(match.line)));
    const seen = bySignature.get(match.signatureId);
    if (seen === undefined || strength >= seen.strength) bySignature.set(match.signatureId, { strength, match });
  }
  const byCause = new Map<CauseClass, { missing: number; best: Strongest }>();
  for (const strongest of bySignature.values()) {
    const cause = strongest.match.cause;
    const acc = byCause.get(cause);
    if (acc === undefined) byCause.set(cause, { missing: 1 - strongest.strength, best: strongest });
    else {
      acc.missing *= 1 - strongest.strength;
      if (strongest.strength > acc.best.strength) acc.best = strongest;
    }
  }
  const ranked = [...byCause.entries()]
    .map(([cause, acc]) => ({ cause, evidence: 1 - acc.missing, best: acc.best.match }))
    .filter((c) => c.evidence > 0)
    // Ties go against "flaky": it is the explanation of last resort.
    .sort((a, b) => b.evidence - a.evidence || Number(a.cause === "flaky") - Number(b.cause === "flaky"));
  if (ranked.length === 0) return { cause: "unknown", confidence: 0, hypotheses: [] };
  const summaries = new Map(signatures?.source.map((s) => [s.id, s.summary]) ?? []);
  const hypotheses = ranked.map((c, i) => {
    const strongestOther = ranked[i === 0 ? 1 : 0]?.evidence ?? 0;
    const text = c.best.text.length > MAX_TEXT ? `${c.best.text.slice(0, MAX_TEXT)}…` : c.best.text;
    const what = summaries.get(c.best.signatureId) ?? LABEL[c.cause];
    return {
      cause: c.cause,
      summary: `${what}: ${text} (line ${c.best.line}, ${c.best.signatureId})`,
      confidence: round(Math.min(1, Math.max(0.01, c.evidence - 0.5 * strongestOther))),
    };
  });
  return { cause: ranked[0]!.cause, confidence: hypotheses[0]!.confidence, hypotheses };
};
