import { describe, expect, test } from "@jest/globals";
import { DEFAULT_SIGNATURES_FILE, loadSignatures, loadSignatureSet } from "../../src/adapters/signatures/load-signatures.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";

const extra = `version: 1
signatures:
  - id: npm-eresolve
    ecosystem: npm
    cause: dependency
    pattern: 'ERESOLVE'
    weight: 0.5
    role: noise
    examples: [{ line: 'npm ERR! code ERESOLVE', matches: true }]
`;

describe("loadSignatures", () => {
  test("reads signatures/ci-failures.yaml from the package root and compiles it", async () => {
    expect(DEFAULT_SIGNATURES_FILE).toMatch(/signatures[/\\]ci-failures\.yaml$/);
    const compiled = await loadSignatures();
    expect(compiled.source.length).toBeGreaterThanOrEqual(100);
    expect(compiled.explains.some((s) => s.id === "npm-eresolve")).toBe(true);
  });

  test("a repository's extra signatures override defaults by id", async () => {
    const compiled = await loadSignatures(undefined, { text: extra, file: ".github/agenticops/signatures.yaml" });
    expect(compiled.explains.some((s) => s.id === "npm-eresolve")).toBe(false);
    expect(compiled.noise.some((s) => s.id === "npm-eresolve")).toBe(true);
  });

  test("invalid extra signatures name their file", async () => {
    const error = await loadSignatureSet(undefined, { text: extra.replace("weight: 0.5", "weight: 5"), file: ".github/agenticops/signatures.yaml" }).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CONFIG_INVALID")).toBe(true);
    expect((error as Error).message).toMatch(/^\.github\/agenticops\/signatures\.yaml:7:\d+ signatures\[0\]\.weight/);
  });

  test("a missing file is CONFIG_INVALID", async () => {
    const error = await loadSignatureSet("/nonexistent/signatures.yaml").catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CONFIG_INVALID")).toBe(true);
  });
});
