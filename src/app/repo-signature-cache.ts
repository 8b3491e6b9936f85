import { createHash } from "node:crypto";
import type { CompiledSignatures } from "../core/diagnose/compile-signatures.js";
import { compileRepoSignatures } from "../core/diagnose/repo-diagnosis-inputs.js";

/** Enough for the repositories of a busy installation; a compiled set is a few hundred kB at most. */
export const REPO_SIGNATURE_CACHE_SIZE = 50;

type Entry = { ok: true; signatures: CompiledSignatures } | { ok: false; error: unknown };

export interface RepoSignatureCache {
  /** `base` with the file's text merged and compiled; the same text is compiled once (errors too). */
  compile: (text: string) => CompiledSignatures;
  readonly size: () => number;
}

/**
 * A least-recently-used cache of compiled repository signature sets, keyed by the SHA-256 of the
 * file's text: every failed run would otherwise re-parse and re-compile the same file.
 */
export const repoSignatureCache = (base: CompiledSignatures, capacity = REPO_SIGNATURE_CACHE_SIZE): RepoSignatureCache => {
  const entries = new Map<string, Entry>();
  const compile = (text: string): CompiledSignatures => {
    const key = createHash("sha256").update(text).digest("hex");
    let entry = entries.get(key);
    if (entry) entries.delete(key); // re-inserted below: Map order is the recency order
    else {
      try {
        entry = { ok: true, signatures: compileRepoSignatures(base, text) };
      } catch (error) {
        entry = { ok: false, error };
      }
    }
    entries.set(key, entry);
    while (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    if (!entry.ok) throw entry.error;
    return entry.signatures;
  };
  return { compile, size: () => entries.size };
};
