import { describe, expect, test } from "@jest/globals";
import { compileSignatures, parseSignatureSet } from "../../src/core/diagnose/compile-signatures.js";
import { mergeSignatureSets } from "../../src/core/diagnose/merge-signature-sets.js";
import { isAgenticOpsError, type AgenticOpsError } from "../../src/core/model/agenticops-error.js";

const yaml = (pattern: string, id = "npm-eresolve") => `version: 1
signatures:
  - id: ${id}
    ecosystem: npm
    cause: dependency
    pattern: '${pattern}'
    weight: 0.9
    role: explains
    examples:
      - { line: 'npm ERR! code ERESOLVE', matches: true }
`;
const failure = (text: string): AgenticOpsError => {
  try {
    parseSignatureSet(text, ".github/agenticops/signatures.yaml");
  } catch (error) {
    if (isAgenticOpsError(error, "CONFIG_INVALID")) return error;
    throw error;
  }
  throw new Error("expected CONFIG_INVALID");
};

describe("parseSignatureSet", () => {
  test("a valid file becomes a signature set", () => {
    expect(parseSignatureSet(yaml("code ERESOLVE"), "x.yaml").signatures[0]).toMatchObject({ id: "npm-eresolve", weight: 0.9 });
  });

  test("a pattern that does not compile is named by file, line, column and path", () => {
    const error = failure(yaml("code (ERESOLVE"));
    expect(error.message).toMatch(/^\.github\/agenticops\/signatures\.yaml:6:14 signatures\[0\]\.pattern: does not compile: /);
    expect(error.details).toMatchObject({ file: ".github/agenticops/signatures.yaml", line: 6, path: "signatures[0].pattern" });
  });

  test("a missing field points at its signature", () => {
    const error = failure(yaml("x").replace("    weight: 0.9\n", ""));
    expect(error.message).toContain(".github/agenticops/signatures.yaml:3:5 signatures[0].weight:");
  });

  test("examples need a positive one", () => {
    expect(failure(yaml("x").replace("matches: true", "matches: false")).message).toContain("signatures[0].examples: at least one example with matches: true");
  });

  test("broken YAML names the line", () => {
    expect(failure("version: 1\nsignatures: [\n").message).toMatch(/^\.github\/agenticops\/signatures\.yaml:\d+:\d+ is not valid YAML/);
  });
});

describe("mergeSignatureSets", () => {
  const base = parseSignatureSet(yaml("code ERESOLVE") + yaml("E404", "npm-not-found").replace("version: 1\nsignatures:\n", ""), "base.yaml");

  test("an extra signature with a base id replaces it in place; new ids are appended", () => {
    const extra = parseSignatureSet(yaml("ERESOLVE|EOVERRIDE") + yaml("custom", "acme-deploy-gate").replace("version: 1\nsignatures:\n", ""), "extra.yaml");
    const merged = mergeSignatureSets(base, extra);
    expect(merged.signatures.map((s) => [s.id, s.pattern])).toEqual([
      ["npm-eresolve", "ERESOLVE|EOVERRIDE"],
      ["npm-not-found", "E404"],
      ["acme-deploy-gate", "custom"],
    ]);
    expect(compileSignatures(merged).explains).toHaveLength(3);
  });

  test("no extra set leaves the base", () => {
    expect(mergeSignatureSets(base, null)).toBe(base);
  });
});
