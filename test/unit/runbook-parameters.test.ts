import { describe, expect, test } from "@jest/globals";
import { coerceParameter } from "../../src/core/plan/runbooks/coerce-parameter.js";
import { fillParameters } from "../../src/core/plan/runbooks/fill-parameters.js";
import { runbookScope } from "../../src/core/plan/runbooks/runbook-scope.js";
import { RunbookParameter } from "../../src/schemas/runbook-parameter.js";
import { alertFacts, facts, runbook, GOOD } from "./support/runbook-builders.js";

const spec = (input: unknown) => RunbookParameter.parse(input);

describe("coerceParameter", () => {
  test("integer strings (label values) become numbers and are range-checked", () => {
    const step = spec({ type: "integer", min: 1, max: 5, default: 2 });
    expect(coerceParameter(step, "3")).toEqual({ ok: true, value: 3 });
    expect(coerceParameter(step, 4)).toEqual({ ok: true, value: 4 });
    expect(coerceParameter(step, "9")).toEqual({ ok: false, message: "9 is above the maximum 5" });
    expect(coerceParameter(step, 0)).toEqual({ ok: false, message: "0 is below the minimum 1" });
    expect(coerceParameter(step, "2.5")).toEqual({ ok: false, message: 'expected a whole number, got "2.5"' });
    expect(coerceParameter(step, "")).toEqual({ ok: false, message: 'expected a whole number, got ""' });
  });

  test("enum values must be listed", () => {
    const mode = spec({ type: "enum", values: ["revert", "pin"], default: "pin" });
    expect(coerceParameter(mode, "revert")).toEqual({ ok: true, value: "revert" });
    expect(coerceParameter(mode, "delete")).toEqual({ ok: false, message: 'expected one of revert, pin, got "delete"' });
  });

  test("sha, image and duration are checked by shape", () => {
    expect(coerceParameter(spec({ type: "sha", from: "{{ facts.last_good }}" }), GOOD)).toEqual({ ok: true, value: GOOD });
    expect(coerceParameter(spec({ type: "sha", from: "x" }), "HEAD")).toEqual({ ok: false, message: 'expected a commit SHA (7 to 40 lowercase hex digits), got "HEAD"' });
    expect(coerceParameter(spec({ type: "image", from: "x" }), "ghcr.io/acme/shop:1.4.2")).toEqual({ ok: true, value: "ghcr.io/acme/shop:1.4.2" });
    expect(coerceParameter(spec({ type: "image", from: "x" }), "not an image")).toEqual({
      ok: false,
      message: 'expected an image reference like registry.io/team/api:1.4.2, got "not an image"',
    });
    expect(coerceParameter(spec({ type: "duration", default: "5m" }), "1h")).toEqual({ ok: true, value: "1h" });
    expect(coerceParameter(spec({ type: "duration", default: "5m" }), "an hour")).toEqual({ ok: false, message: 'expected a duration such as "5m" or "1h", got "an hour"' });
  });

  test("strings refuse lists and maps", () => {
    expect(coerceParameter(spec({ type: "string", from: "x" }), ["a"])).toEqual({ ok: false, message: "expected text, got a list" });
  });
});

describe("fillParameters", () => {
  const rb = runbook({
    parameters: {
      deployment: { type: "string", from: "{{ alert.labels.deployment }}" },
      step: { type: "integer", min: 1, max: 5, from: "{{ alert.labels.step }}", default: 2 },
      sha: { type: "sha", from: "{{ facts.last_good }}", default: GOOD },
    },
  });

  test("from a fact, else the default", () => {
    const filled = fillParameters(rb, runbookScope(alertFacts("X", { deployment: "shop", step: "4" })));
    expect(filled).toEqual({ kind: "filled", params: { deployment: "shop", step: 4, sha: GOOD } });
  });

  test("a fact that is absent without a default: the runbook does not apply", () => {
    expect(fillParameters(rb, runbookScope(alertFacts("X", {})))).toEqual({
      kind: "missing",
      reason: 'parameters.deployment: {{ alert.labels.deployment }}: alert.labels has no "deployment"',
    });
    expect(fillParameters(rb, runbookScope(facts({ signal: "deploy-failure" })))).toEqual({
      kind: "missing",
      reason: "parameters.deployment: {{ alert.labels.deployment }}: alert has no value",
    });
  });

  test("a fact out of range is invalid even though a default exists", () => {
    expect(fillParameters(rb, runbookScope(alertFacts("X", { deployment: "shop", step: "50" })))).toEqual({
      kind: "invalid",
      problems: ["parameters.step: 50 is above the maximum 5"],
    });
  });
});
