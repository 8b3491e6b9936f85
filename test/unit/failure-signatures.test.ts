import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileSignatures, parseSignatureSet } from "../../src/core/diagnose/compile-signatures.js";
import { FALLBACK_SIGNATURES } from "../../src/core/diagnose/fallback-signatures.js";
import { SignatureSet } from "../../src/schemas/failure-signature.js";

const FILE = fileURLToPath(new URL("../../signatures/ci-failures.yaml", import.meta.url));
const set = parseSignatureSet(readFileSync(FILE, "utf8"), "signatures/ci-failures.yaml");
const compiled = compileSignatures(set);

const cases = set.signatures.flatMap((s) =>
  s.examples.map((e) => ({ id: s.id, line: e.line, matches: e.matches, regex: new RegExp(s.pattern, s.flags ?? "") })),
);

describe("signatures/ci-failures.yaml", () => {
  test("is a sizeable set covering every cause class but unknown-only noise", () => {
    expect(set.signatures.length).toBeGreaterThanOrEqual(100);
    const causes = new Set(set.signatures.filter((s) => s.role === "explains").map((s) => s.cause));
    for (const cause of ["compilation", "test-failure", "lint", "dependency", "network", "timeout", "resources", "permission", "configuration", "deploy-health", "flaky"]) {
      expect(causes).toContain(cause);
    }
  });

  test.each(cases)("$id: $matches for $line", ({ regex, line, matches }) => {
    expect(regex.test(line)).toBe(matches);
  });

  test("every signature has a positive and a negative example", () => {
    const missing = set.signatures.filter((s) => !s.examples.some((e) => e.matches) || !s.examples.some((e) => !e.matches));
    expect(missing.map((s) => s.id)).toEqual([]);
  });

  // Without a literal the pre-filter must test every line of a 100 MB log against the signature.
  test("every explaining and noise signature has a literal for the keyword pre-filter", () => {
    const unfiltered = [...compiled.explains, ...compiled.noise].filter((s) => s.literals === null);
    expect(unfiltered.map((s) => s.id)).toEqual([]);
    expect(compiled.keywords.matchAll).toBe(false);
  });

  // The pre-filter must never hide a line its signature matches.
  test("the literals of every signature occur in each of its positive examples", () => {
    const hidden = [...compiled.explains, ...compiled.noise, ...compiled.context].flatMap((s) => {
      const examples = set.signatures.find((x) => x.id === s.id)!.examples.filter((e) => e.matches);
      return examples.filter((e) => !(s.literals ?? [""]).some((l) => e.line.toLowerCase().includes(l))).map((e) => `${s.id}: ${e.line}`);
    });
    expect(hidden).toEqual([]);
  });
});

describe("FALLBACK_SIGNATURES (generic words, for callers without a loaded set)", () => {
  const fallback = SignatureSet.parse(FALLBACK_SIGNATURES);
  const examples = fallback.signatures.flatMap((s) => s.examples.map((e) => ({ id: s.id, ...e, regex: new RegExp(s.pattern, s.flags ?? "") })));

  test.each(examples)("$id: $matches for $line", ({ regex, line, matches }) => {
    expect(regex.test(line)).toBe(matches);
  });

  test("are no evidence for any cause and all feed the pre-filter", () => {
    expect(fallback.signatures.every((s) => s.cause === "unknown" && s.weight < 0.5)).toBe(true);
    expect(compileSignatures(fallback).explains.filter((s) => s.literals === null)).toEqual([]);
  });
});
