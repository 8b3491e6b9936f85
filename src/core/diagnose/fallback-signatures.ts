import type { FailureSignature, SignatureSet } from "../../schemas/failure-signature.js";
import { compileSignatures, type CompiledSignatures } from "./compile-signatures.js";

const generic = (id: string, pattern: string, weight: number, examples: [string, boolean][], flags?: "i"): FailureSignature => ({
  id,
  ecosystem: "generic",
  cause: "unknown",
  pattern,
  ...(flags ? { flags } : {}),
  weight,
  role: "explains",
  examples: examples.map(([line, matches]) => ({ line, matches })),
});

/**
 * The failure vocabulary of the keyword excerpt that predates signatures: words every CI tool
 * prints, none of them evidence for a cause. The pure core uses it when no signature set was
 * loaded (the default set lives in signatures/ci-failures.yaml, read by an adapter).
 */
export const FALLBACK_SIGNATURES: SignatureSet = {
  version: 1,
  signatures: [
    generic("fallback-error", "\\berror\\b|\\bERR!", 0.3, [["npm ERR! code ELIFECYCLE", true], ["error: rollout stalled", true], ["errors: 0", false]], "i"),
    generic("fallback-failed", "\\bFAIL(?:ED|URE)?\\b|✕ |✗ ", 0.3, [["FAIL src/cache.test.ts", true], ["  ✕ stores values (4 ms)", true], ["all passed", false]], "i"),
    generic("fallback-fatal", "\\bfatal\\b|\\bpanic: |Traceback \\(most recent", 0.3, [["fatal: unable to access registry", true], ["panic: runtime error", true], ["ok", false]], "i"),
    generic("fallback-exception", "[Ee]xception|[A-Z][A-Za-z]*Error\\b", 0.3, [["TypeError: x is undefined", true], ['Exception in thread "main"', true], ["terror", false]]),
    generic("fallback-killed", "OOMKilled|\\btimed? ?out\\b|exit(?:ed)? (?:with )?code [1-9]", 0.3, [["Reason: OOMKilled", true], ["container exited with code 137", true], ["exit code 0", false]], "i"),
  ],
};

let compiled: CompiledSignatures | null = null;

/** FALLBACK_SIGNATURES, compiled once. */
export const fallbackSignatures = (): CompiledSignatures => (compiled ??= compileSignatures(FALLBACK_SIGNATURES));
