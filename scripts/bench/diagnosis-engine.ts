/**
 * The diagnosis engine as the benchmark sees it: one function from a raw log to an excerpt and a
 * cause. `signatures` is the product's engine (signature-driven excerpt + classifier); `legacy`
 * is the keyword excerpt it replaces, with no classifier, kept as a baseline.
 *
 * The signature engine is imported by path at run time and its output parsed with zod, so the
 * benchmark type-checks and fails with a clear message while those modules are still being
 * written, and keeps working if their option or result types grow.
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { extractFailureExcerpt } from "../../src/core/diagnose/extract-failure-excerpt.js";
import { CauseClass } from "../../src/schemas/diagnosis.js";
import type { EngineRun } from "./diagnosis-scoring.js";

export const ENGINE_KINDS = ["signatures", "legacy"] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];
export const MAX_EXCERPT_LINES = 40;

export interface DiagnosisEngine {
  name: string;
  diagnose(text: string): Promise<EngineRun>;
}

export const SIGNATURES_FILE = fileURLToPath(new URL("../../signatures/ci-failures.yaml", import.meta.url));
// Variables, not literals: TypeScript resolves literal import() specifiers at compile time.
const MODULES = {
  excerpt: "../../src/core/diagnose/excerpt-engine.js",
  classify: "../../src/core/diagnose/classify-failure.js",
  signatures: "../../src/adapters/signatures/load-signatures.js",
  compile: "../../src/core/diagnose/compile-signatures.js",
};

const ExcerptResult = z.object({
  lines: z.array(z.string()),
  startLine: z.number(),
  truncated: z.boolean(),
  matches: z.array(z.object({ signatureId: z.string(), cause: CauseClass, weight: z.number(), line: z.number(), text: z.string() })),
  totalLines: z.number(),
});
const Classification = z.object({ cause: CauseClass, confidence: z.number().min(0).max(1), hypotheses: z.array(z.unknown()) });
type AnyFunction = (...args: unknown[]) => unknown;

const exported = async (specifier: string, name: string): Promise<AnyFunction> => {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot load ${specifier} (is the signature engine merged yet?): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const fn = mod[name];
  if (typeof fn !== "function") throw new Error(`${specifier} does not export a function "${name}"`);
  return fn as AnyFunction;
};

const parseOrExplain = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`${what} returned an unexpected shape at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? ""}`, { cause: result.error });
};

const isCompiled = (value: unknown): boolean =>
  typeof value === "object" && value !== null && "explains" in value && "keywords" in value && "source" in value;

const signatureEngine = async (): Promise<DiagnosisEngine> => {
  const [extractExcerptFromText, classifyFailure, loadSignatures, compileSignatures] = await Promise.all([
    exported(MODULES.excerpt, "extractExcerptFromText"),
    exported(MODULES.classify, "classifyFailure"),
    exported(MODULES.signatures, "loadSignatures"),
    exported(MODULES.compile, "compileSignatures"),
  ]);
  // The loader may hand back the compiled set, the parsed { version, signatures } document or a list.
  const loaded = await loadSignatures(SIGNATURES_FILE);
  const compiled = isCompiled(loaded) ? loaded : await compileSignatures(loaded);
  const count = (compiled as { source?: unknown[] }).source?.length ?? 0;
  if (count === 0) throw new Error(`loadSignatures("${SIGNATURES_FILE}") returned no signatures`);
  return {
    name: `signatures (${count} from signatures/ci-failures.yaml)`,
    diagnose: async (text) => {
      const excerpt = parseOrExplain(ExcerptResult, await extractExcerptFromText(text, compiled, { maxLines: MAX_EXCERPT_LINES }), "extractExcerptFromText");
      const verdict = parseOrExplain(Classification, await classifyFailure(excerpt.matches, compiled), "classifyFailure");
      return { excerpt: excerpt.lines, cause: verdict.cause, confidence: verdict.confidence };
    },
  };
};

const legacyEngine: DiagnosisEngine = {
  name: "legacy keyword excerpt (no classifier: every log is unknown)",
  diagnose: async (text) => ({ excerpt: extractFailureExcerpt(text, MAX_EXCERPT_LINES).lines, cause: "unknown", confidence: 0 }),
};

export const loadDiagnosisEngine = async (kind: EngineKind): Promise<DiagnosisEngine> =>
  kind === "legacy" ? legacyEngine : signatureEngine();
