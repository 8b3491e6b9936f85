import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import type { CauseClass } from "../../schemas/diagnosis.js";
import { SignatureSet, type FailureSignature } from "../../schemas/failure-signature.js";
import { AgenticOpsError } from "../model/agenticops-error.js";
import { buildKeywordAutomaton, type KeywordAutomaton } from "./keyword-automaton.js";
import { buildLiteralMatcher, type LiteralMatcher } from "./literal-matcher.js";
import { requiredLiterals } from "./pattern-literals.js";

export interface CompiledSignature {
  readonly id: string;
  readonly cause: CauseClass;
  readonly weight: number;
  readonly summary: string | undefined;
  readonly regex: RegExp;
  /** lower-cased literals one of which a matching line contains; null: always test */
  readonly literals: readonly string[] | null;
}

/** A signature set ready for the excerpt engine: regular expressions compiled once, pre-filters built. */
export interface CompiledSignatures {
  readonly source: readonly FailureSignature[];
  readonly explains: readonly CompiledSignature[];
  readonly context: readonly CompiledSignature[];
  readonly noise: readonly CompiledSignature[];
  /** finds the lines worth testing against `explains` (plus Actions annotations and exit codes) */
  readonly keywords: KeywordAutomaton;
  /**
   * The signatures a line may match, in one pass over it: indices below `explains.length` are
   * explaining signatures, then noise signatures, then ANNOTATION_LITERAL and EXIT_LITERAL, then
   * context signatures.
   */
  readonly lineMatcher: LiteralMatcher;
}

/**
 * Literals every log's interesting lines carry besides the signatures' own: Actions annotations
 * (`##[error]`, `##[group]`, which line numbers must skip) and exit codes (the final marker).
 */
export const BUILTIN_KEYWORDS = ["##[", "exit"];
export const ANNOTATION_LITERAL = 0;
export const EXIT_LITERAL = 1;

// Literals containing a cased non-ASCII letter cannot be checked on an ASCII-folded line.
const quickLiterals = (literals: string[] | null): string[] | null =>
  literals !== null && literals.every((l) => [...l].every((c) => c <= "\u007f" || c.toLowerCase() === c.toUpperCase())) ? literals : null;

const compileOne = (s: FailureSignature): CompiledSignature => {
  const literals = requiredLiterals(s.pattern, s.flags);
  return { id: s.id, cause: s.cause, weight: s.weight, summary: s.summary, regex: new RegExp(s.pattern, s.flags ?? ""), literals: quickLiterals(literals) };
};

const automatonFor = (signatures: readonly CompiledSignature[], extra: string[]): KeywordAutomaton => {
  const unfiltered = signatures.some((s) => s.literals === null);
  return buildKeywordAutomaton([...extra, ...signatures.flatMap((s) => s.literals ?? [])], unfiltered);
};

/** Compiles a validated set (or a list of signatures) for the excerpt engine. */
export const compileSignatures = (set: SignatureSet | readonly FailureSignature[]): CompiledSignatures => {
  const source = "signatures" in set ? set.signatures : set;
  const compiled = source.map((s) => ({ role: s.role, sig: compileOne(s) }));
  const byRole = (role: FailureSignature["role"]) => compiled.filter((c) => c.role === role).map((c) => c.sig);
  const explains = byRole("explains");
  const noise = byRole("noise");
  const context = byRole("context");
  return {
    source,
    explains,
    context,
    noise,
    keywords: automatonFor(explains, BUILTIN_KEYWORDS),
    lineMatcher: buildLiteralMatcher([
      ...[...explains, ...noise].map((s) => s.literals),
      ...BUILTIN_KEYWORDS.map((k) => [k]),
      ...context.map((s) => s.literals),
    ]),
  };
};

const describePath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");

/**
 * Parses and validates a signature file. Errors are CONFIG_INVALID and name the file, the line
 * and the path of every problem, e.g. `signatures.yaml:12:5 signatures[2].pattern: does not compile…`.
 */
export const parseSignatureSet = (text: string, file: string): SignatureSet => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (offset: number | undefined): string => {
    if (offset === undefined) return file;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new AgenticOpsError("CONFIG_INVALID", `${where(first.pos[0])} is not valid YAML: ${first.message.split("\n")[0]}`, {
      details: { file, line: lineCounter.linePos(first.pos[0]).line },
      hint: "fix the YAML syntax at that line",
    });
  }
  const parsed = SignatureSet.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue: z.core.$ZodIssue) => {
    // The node at the path, or its nearest existing parent (a missing key points at its object).
    let node: unknown = undefined;
    for (let n = issue.path.length; n >= 0 && node === undefined; n -= 1) node = doc.getIn(issue.path.slice(0, n), true);
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    const line = offset === undefined ? null : lineCounter.linePos(offset).line;
    return { at: where(offset), line, path: describePath(issue.path), message: issue.message };
  });
  throw new AgenticOpsError("CONFIG_INVALID", issues.map((i) => `${i.at} ${i.path || "(root)"}: ${i.message}`).join("\n"), {
    details: { file, line: issues[0]?.line ?? null, path: issues[0]?.path ?? "", issues },
    hint: "each signature needs id, ecosystem, cause, pattern, weight, role and examples; see schemas/failure-signatures.schema.json",
  });
};
