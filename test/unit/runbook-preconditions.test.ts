import { describe, expect, test } from "@jest/globals";
import { checkPreconditions, usesParameters } from "../../src/core/plan/runbooks/check-preconditions.js";
import { runbookScope } from "../../src/core/plan/runbooks/runbook-scope.js";
import { RunbookPrecondition } from "../../src/schemas/runbook-precondition.js";
import { alertFacts, facts, GOOD } from "./support/runbook-builders.js";

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: shop }
spec:
  maxReplicas: 10
---
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: web
          resources: { limits: { memory: 512Mi } }
`;
const files = { read: async (path: string) => ({ "k8s/shop.yaml": HPA })[path] ?? null };

const check = async (input: unknown, f = facts(), params: Record<string, unknown> = {}) =>
  checkPreconditions([{ check: RunbookPrecondition.parse(input), index: 2 }], runbookScope(f, params), files);

describe("checkPreconditions", () => {
  test("last_good_exists", async () => {
    expect(await check({ last_good_exists: true }, facts({ last_good: GOOD }))).toEqual({ kind: "passed" });
    expect(await check({ last_good_exists: true })).toEqual({ kind: "failed", reason: "preconditions[2] last_good_exists: no last good commit is known" });
  });

  test("file_exists renders its path", async () => {
    expect(await check({ file_exists: { path: "k8s/{{ params.app }}.yaml" } }, facts(), { app: "shop" })).toEqual({ kind: "passed" });
    expect(await check({ file_exists: { path: "k8s/{{ params.app }}.yaml" } }, facts(), { app: "cart" })).toEqual({
      kind: "failed",
      reason: "preconditions[2] file_exists: k8s/cart.yaml does not exist",
    });
  });

  test("key_exists looks through every YAML document and selects list items by field", async () => {
    expect(await check({ key_exists: { file: "k8s/shop.yaml", path: "spec.maxReplicas" } })).toEqual({ kind: "passed" });
    expect(await check({ key_exists: { file: "k8s/shop.yaml", path: "spec.template.spec.containers[name=web].resources.limits.memory" } })).toEqual({ kind: "passed" });
    expect(await check({ key_exists: { file: "k8s/shop.yaml", path: "spec.template.spec.containers[name=api].resources" } })).toEqual({
      kind: "failed",
      reason: "preconditions[2] key_exists: k8s/shop.yaml has no value at spec.template.spec.containers[name=api].resources",
    });
    expect(await check({ key_exists: { file: "k8s/none.yaml", path: "spec" } })).toEqual({ kind: "failed", reason: "preconditions[2] key_exists: k8s/none.yaml does not exist" });
    expect(await check({ key_exists: { file: "k8s/shop.yaml", path: "spec..x" } })).toEqual({
      kind: "invalid",
      problems: ['preconditions[2] key_exists: cannot read the key path "spec..x" at "..x"; write keys like spec.containers[name=web].image'],
    });
  });

  test("a leading selector picks a document by its fields; key_within bounds the number found", async () => {
    const path = "[kind=HorizontalPodAutoscaler,metadata.name=shop].spec.maxReplicas";
    expect(await check({ key_within: { file: "k8s/shop.yaml", path, max: 10 } })).toEqual({ kind: "passed" });
    expect(await check({ key_within: { file: "k8s/shop.yaml", path, max: 8 } })).toEqual({
      kind: "failed",
      reason: `preconditions[2] key_within: ${path} in k8s/shop.yaml is 10, above 8`,
    });
    expect(await check({ key_within: { file: "k8s/shop.yaml", path: "[kind=HorizontalPodAutoscaler,metadata.name=cart].spec.maxReplicas", max: 8 } })).toEqual({
      kind: "failed",
      reason: "preconditions[2] key_within: k8s/shop.yaml has no value at [kind=HorizontalPodAutoscaler,metadata.name=cart].spec.maxReplicas",
    });
    expect(await check({ key_within: { file: "k8s/shop.yaml", path: "[1].spec.template.spec.containers[0].resources.limits.memory", min: 1 } })).toEqual({
      kind: "failed",
      reason: 'preconditions[2] key_within: [1].spec.template.spec.containers[0].resources.limits.memory in k8s/shop.yaml is "512Mi", not a number',
    });
  });

  test("non_empty: a list or text with something in it", async () => {
    const commit = "3f2a1c9d8e7f60514253647586970a1b2c3d4e5f";
    expect(await check({ non_empty: "{{ facts.range_commits }}" }, facts({ range_commits: [commit] }))).toEqual({ kind: "passed" });
    expect(await check({ non_empty: "{{ facts.range_commits }}" })).toEqual({ kind: "failed", reason: "preconditions[2] non_empty: {{ facts.range_commits }} is empty" });
  });

  test("value_within reads a number from the facts", async () => {
    const f = alertFacts("KubeHpaMaxedOut", { max: "10" });
    expect(await check({ value_within: { value: "{{ alert.labels.max }}", max: 20 } }, f)).toEqual({ kind: "passed" });
    expect(await check({ value_within: { value: "{{ alert.labels.max }}", min: 12 } }, f)).toEqual({
      kind: "failed",
      reason: "preconditions[2] value_within: {{ alert.labels.max }} is 10, below 12",
    });
    expect(await check({ value_within: { value: "{{ alert.labels.nope }}", min: 1 } }, f)).toEqual({
      kind: "failed",
      reason: 'preconditions[2] value_within: {{ alert.labels.nope }}: alert.labels has no "nope"',
    });
  });

  test("outside_windows: weekly windows in their time zone, across midnight, and absolute ranges", async () => {
    const hours = { outside_windows: { windows: [{ name: "business-hours", days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00", timezone: "Europe/Berlin" }] } };
    // 2024-05-06 is a Monday; 10:00Z is 12:00 in Berlin (CEST), 16:00Z is 18:00.
    expect(await check(hours, facts({ now: "2024-05-06T10:00:00Z" }))).toEqual({
      kind: "failed",
      reason: 'preconditions[2] outside_windows: now (2024-05-06T10:00:00Z) is inside the window "business-hours"',
    });
    expect(await check(hours, facts({ now: "2024-05-06T16:00:00Z" }))).toEqual({ kind: "passed" });
    const night = { outside_windows: { windows: [{ name: "nightly-batch", days: ["sun"], start: "22:00", end: "02:00" }] } };
    expect((await check(night, facts({ now: "2024-05-06T01:00:00Z" }))).kind).toBe("failed");
    expect((await check(night, facts({ now: "2024-05-06T03:00:00Z" }))).kind).toBe("passed");
    const freeze = { outside_windows: { windows: [{ name: "freeze", from: "2024-05-01T00:00:00Z", until: "2024-05-07T00:00:00Z" }] } };
    expect((await check(freeze, facts({ now: "2024-05-06T10:00:00Z" }))).kind).toBe("failed");
    expect((await check(freeze, facts({ now: "2024-05-07T00:00:00Z" }))).kind).toBe("passed");
  });

  test("deployed_within compares the deploy time with now", async () => {
    expect(await check({ deployed_within: "30m" }, facts({ deployed_at: "2024-05-06T09:45:00Z" }))).toEqual({ kind: "passed" });
    expect(await check({ deployed_within: "30m" }, facts({ deployed_at: "2024-05-06T08:00:00Z" }))).toEqual({
      kind: "failed",
      reason: "preconditions[2] deployed_within: the last deploy was 120m ago, longer than 30m",
    });
    expect(await check({ deployed_within: "30m" })).toEqual({ kind: "failed", reason: "preconditions[2] deployed_within: the time of the last deploy is unknown" });
  });

  test("the first failing check stops the others", async () => {
    const checks = [{ last_good_exists: true }, { file_exists: { path: "missing" } }].map((c, index) => ({ check: RunbookPrecondition.parse(c), index }));
    expect(await checkPreconditions(checks, runbookScope(facts()), files)).toEqual({ kind: "failed", reason: "preconditions[0] last_good_exists: no last good commit is known" });
  });

  test("usesParameters tells checks over facts from checks over parameters", () => {
    expect(usesParameters(RunbookPrecondition.parse({ file_exists: { path: "k8s/{{ params.app }}.yaml" } }))).toBe(true);
    expect(usesParameters(RunbookPrecondition.parse({ file_exists: { path: "k8s/{{ alert.labels.app }}.yaml" } }))).toBe(false);
    expect(usesParameters(RunbookPrecondition.parse({ last_good_exists: true }))).toBe(false);
  });
});
