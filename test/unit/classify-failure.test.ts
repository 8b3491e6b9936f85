import { describe, expect, test } from "@jest/globals";
import { classifyFailure } from "../../src/core/diagnose/classify-failure.js";
import { compileSignatures } from "../../src/core/diagnose/compile-signatures.js";
import type { ExcerptMatch } from "../../src/core/diagnose/excerpt-engine.js";
import type { CauseClass } from "../../src/schemas/diagnosis.js";

const m = (signatureId: string, cause: CauseClass, weight: number, line: number, text = `line ${line}`): ExcerptMatch => ({ signatureId, cause, weight, line, text });

describe("classifyFailure", () => {
  test("nothing matched: unknown, no confidence, no hypotheses", () => {
    expect(classifyFailure([])).toEqual({ cause: "unknown", confidence: 0, hypotheses: [] });
  });

  test("generic words (weak unknown matches) are no evidence", () => {
    expect(classifyFailure([m("generic-error-word", "unknown", 0.3, 4), m("generic-fatal", "unknown", 0.3, 9)])).toEqual({ cause: "unknown", confidence: 0, hypotheses: [] });
  });

  test("one uncontested match: its cause, with its weight as confidence", () => {
    const result = classifyFailure([m("npm-eresolve", "dependency", 0.9, 10)]);
    expect(result).toMatchObject({ cause: "dependency", confidence: 0.9 });
    expect(result.hypotheses).toEqual([{ cause: "dependency", summary: "Dependencies could not be resolved or installed: line 10 (line 10, npm-eresolve)", confidence: 0.9 }]);
  });

  test("at equal weight the later error explains, with a confidence lowered by the rival", () => {
    // compilation: 0.8 × (0.6 + 0.4 × 0.85) = 0.752; test-failure: 0.8; confidence 0.8 − 0.5 × 0.752
    const result = classifyFailure([m("tsc-error", "compilation", 0.8, 5), m("jest-expect", "test-failure", 0.8, 9)]);
    expect(result.cause).toBe("test-failure");
    expect(result.confidence).toBe(0.42);
    expect(result.hypotheses.map((h) => h.cause)).toEqual(["test-failure", "compilation"]);
  });

  test("independent signatures of one cause add up (noisy-OR) without passing 1", () => {
    const result = classifyFailure([m("a", "dependency", 0.6, 10), m("b", "dependency", 0.6, 10), m("c", "compilation", 0.8, 10)]);
    expect(result.cause).toBe("dependency"); // 1 − 0.4 × 0.4 = 0.84 > 0.8
    expect(result.confidence).toBe(0.44);
  });

  test("a signature repeated on many lines counts once", () => {
    const warnings = Array.from({ length: 50 }, (_, i) => m("flake8", "lint", 0.5, i + 1));
    expect(classifyFailure([...warnings, m("pytest-failed-test", "test-failure", 0.55, 51)]).cause).toBe("test-failure");
  });

  test("generic matches after an error do not age it", () => {
    const generic = Array.from({ length: 40 }, (_, i) => m("generic-error-word", "unknown", 0.3, i + 2));
    expect(classifyFailure([m("npm-eresolve", "dependency", 0.9, 1), ...generic]).confidence).toBe(0.9);
  });

  test("flaky wins only when strictly stronger than every other cause", () => {
    expect(classifyFailure([m("jest-timeout", "flaky", 0.7, 3), m("jest-expect", "test-failure", 0.7, 3)]).cause).toBe("test-failure");
    expect(classifyFailure([m("jest-timeout", "flaky", 0.7, 3), m("jest-fail-file", "test-failure", 0.5, 3)]).cause).toBe("flaky");
  });

  test("a strong unknown-cause match (runner shut down) is evidence that the log cannot say why", () => {
    // unknown: 0.9 × 0.94 = 0.846; resources: 0.6; confidence 0.846 − 0.3
    const result = classifyFailure([m("runner-shutdown", "unknown", 0.9, 1), m("exit-code-137", "resources", 0.6, 2)]);
    expect(result).toMatchObject({ cause: "unknown", confidence: 0.55 });
    expect(result.hypotheses.map((h) => h.cause)).toEqual(["unknown", "resources"]);
  });

  test("weak rival hypotheses keep a minimal confidence", () => {
    const result = classifyFailure([m("npm-eresolve", "dependency", 0.9, 2), m("generic-timeout", "timeout", 0.1, 2)]);
    expect(result.hypotheses[1]).toMatchObject({ cause: "timeout", confidence: 0.01 });
  });

  test("hypotheses use the signature's summary and quote its strongest line, cut to 160 characters", () => {
    const signatures = compileSignatures([
      { id: "k8s-progress-deadline", ecosystem: "kubectl", cause: "deploy-health", pattern: "progress deadline", weight: 0.95, role: "explains", summary: "the new pods never became ready", examples: [{ line: "progress deadline", matches: true }] },
    ]);
    const long = `error: deployment "shop" exceeded its progress deadline ${"x".repeat(300)}`;
    const [hypothesis] = classifyFailure([m("k8s-progress-deadline", "deploy-health", 0.95, 7, long)], signatures).hypotheses;
    expect(hypothesis!.summary).toBe(`the new pods never became ready: ${long.slice(0, 160)}… (line 7, k8s-progress-deadline)`);
  });
});
