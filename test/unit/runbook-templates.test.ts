import { describe, expect, test } from "@jest/globals";
import { lookupPath, parseTemplate, renderTemplate, renderValue } from "../../src/core/plan/runbooks/render-template.js";

const scope = {
  facts: { last_good: null, run_id: 42, range_files: ["a.yaml", "b.yaml"], environment: "production" },
  alert: { name: "KubePodCrashLooping", labels: { deployment: "shop", replicas: "3" } },
  params: { max: 10, image: "shop:1.4.2" },
};

describe("renderTemplate", () => {
  test("a template that is the whole value keeps the value's type", () => {
    expect(renderTemplate("{{ params.max }}", scope)).toEqual({ ok: true, value: 10 });
    expect(renderTemplate("  {{facts.range_files}} ", scope)).toEqual({ ok: true, value: ["a.yaml", "b.yaml"] });
  });

  test("templates inside text are written as text", () => {
    expect(renderTemplate("k8s/{{ alert.labels.deployment }}-{{ params.max }}.yaml", scope)).toEqual({ ok: true, value: "k8s/shop-10.yaml" });
  });

  test("an absent label is a missing value, named with its path, never an empty string", () => {
    expect(renderTemplate("k8s/{{ alert.labels.container }}.yaml", scope)).toEqual({
      ok: false,
      error: { kind: "missing", message: '{{ alert.labels.container }}: alert.labels has no "container"' },
    });
  });

  test("a null fact is a missing value", () => {
    expect(renderTemplate("{{ facts.last_good }}", scope)).toEqual({ ok: false, error: { kind: "missing", message: "{{ facts.last_good }}: facts.last_good has no value" } });
  });

  test("an unknown root is a mistake in the runbook", () => {
    expect(renderTemplate("{{ env.HOME }}", scope)).toEqual({
      ok: false,
      error: { kind: "invalid", message: '{{ env.HOME }}: unknown name "env"; templates start with facts., alert., params.' },
    });
  });

  test("expressions are refused: nothing inside the braces runs", () => {
    expect(renderTemplate("{{ params.max + 1 }}", scope)).toEqual({
      ok: false,
      error: { kind: "invalid", message: '"{{ params.max + 1 }}" is not a value name; templates name values like {{ params.max }}, with no expressions' },
    });
    expect(renderTemplate("{{ process.exit() }}", scope).ok).toBe(false);
  });

  test("unbalanced braces are an error, not literal text", () => {
    expect(renderTemplate("{{ params.max", scope)).toEqual({ ok: false, error: { kind: "invalid", message: 'unbalanced "{{" or "}}" in "{{ params.max"' } });
  });

  test("a list cannot be written into text", () => {
    expect(renderTemplate("files: {{ facts.range_files }}", scope)).toEqual({
      ok: false,
      error: { kind: "invalid", message: "{{ facts.range_files }} is a list; only a template that is the whole value may name a list or map" },
    });
  });

  test("a field of a scalar is a mistake in the runbook", () => {
    expect(renderTemplate("{{ params.max.value }}", scope)).toEqual({
      ok: false,
      error: { kind: "invalid", message: '{{ params.max.value }}: params.max is number 10; it has no "value"' },
    });
  });

  test("list items are named by number; list properties such as length are not reachable", () => {
    expect(renderTemplate("{{ facts.range_files.1 }}", scope)).toEqual({ ok: true, value: "b.yaml" });
    expect(renderTemplate("{{ facts.range_files.length }}", scope)).toEqual({
      ok: false,
      error: { kind: "invalid", message: "{{ facts.range_files.length }}: facts.range_files is a list; name an item by its number, like facts.range_files.0" },
    });
    expect(renderTemplate("{{ facts.range_files.5 }}", scope)).toEqual({ ok: false, error: { kind: "missing", message: '{{ facts.range_files.5 }}: facts.range_files has no "5"' } });
  });

  test("inherited properties are not reachable", () => {
    expect(lookupPath(scope, ["params", "constructor"])).toEqual({ ok: false, error: { kind: "missing", message: 'params has no "constructor"' } });
    expect(lookupPath(scope, ["__proto__"]).ok).toBe(false);
  });

  test("text without templates is returned unchanged", () => {
    expect(renderTemplate("plain text", scope)).toEqual({ ok: true, value: "plain text" });
  });
});

describe("renderValue", () => {
  test("renders nested maps and lists", () => {
    expect(renderValue({ file: "k8s/{{ alert.labels.deployment }}.yaml", limits: [{ max: "{{ params.max }}" }], keep: 3 }, scope)).toEqual({
      ok: true,
      value: { file: "k8s/shop.yaml", limits: [{ max: 10 }], keep: 3 },
    });
  });

  test("the first error says where it is", () => {
    const rendered = renderValue({ a: "ok", b: [{ c: "{{ alert.labels.nope }}" }] }, scope, ["steps", 0, "with"]);
    expect(rendered).toEqual({ ok: false, path: ["steps", 0, "with", "b", 0, "c"], error: { kind: "missing", message: '{{ alert.labels.nope }}: alert.labels has no "nope"' } });
  });
});

describe("parseTemplate", () => {
  test("lists the paths a text names and whether it is a whole-value template", () => {
    expect(parseTemplate("{{ a.b }}/{{ c.0 }}")).toEqual({ ok: true, paths: [["a", "b"], ["c", "0"]], whole: false });
    expect(parseTemplate("{{ a.b }}")).toEqual({ ok: true, paths: [["a", "b"]], whole: true });
  });
});
