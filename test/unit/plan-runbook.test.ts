import { describe, expect, test } from "@jest/globals";
import { planRunbook } from "../../src/core/plan/runbooks/plan-runbook.js";
import { alertFacts, runbook } from "./support/runbook-builders.js";
import { TEST_CATALOG } from "./support/test-action-catalog.js";

const APP = "spec:\n  replicas: 2\n  containers:\n    - image: shop:1.5.0\n";
const repo = (files: Record<string, string> = { "k8s/app.yaml": APP }) => ({ read: async (path: string) => files[path] ?? null });
const crashloop = (labels: Record<string, string> = { tag: "1.4.2" }, more = {}) => alertFacts("KubePodCrashLooping", labels, more);

describe("planRunbook", () => {
  test("plans each step with its catalog module and reports the filled parameters", async () => {
    const plan = await planRunbook(runbook(), crashloop(), repo(), TEST_CATALOG);
    expect(plan).toEqual({
      kind: "planned",
      runbookId: "pin-image",
      params: { tag: "1.4.2" },
      rollback: [],
      proposals: [
        {
          incidentId: "inc-000000000000",
          action: "set-image-tag",
          runbookId: "pin-image",
          risk: "low",
          params: { file: "k8s/app.yaml", image: "shop", tag: "1.4.2" },
          changes: [{ path: "k8s/app.yaml", change: "modify", content: APP.replace("1.5.0", "1.4.2"), previous: APP }],
          description: ["Set shop in k8s/app.yaml from 1.5.0 to 1.4.2."],
          inverse: "set shop back to 1.5.0",
        },
      ],
    });
  });

  test("a later step reads the files as the earlier step left them; the risk is the higher of runbook and action", async () => {
    const rb = runbook({
      risk: "low",
      steps: [
        { action: "set-image-tag", with: { file: "k8s/app.yaml", image: "shop", tag: "{{ params.tag }}" } },
        { action: "scale-replicas", with: { file: "k8s/app.yaml", replicas: 4 } },
      ],
    });
    const plan = await planRunbook(rb, crashloop(), repo(), TEST_CATALOG);
    if (plan.kind !== "planned") throw new Error(JSON.stringify(plan));
    expect(plan.proposals.map((p) => [p.action, p.risk])).toEqual([["set-image-tag", "low"], ["scale-replicas", "medium"]]);
    expect(plan.proposals[1]?.changes[0]?.content).toBe("spec:\n  replicas: 4\n  containers:\n    - image: shop:1.4.2\n");
    expect(plan.proposals[1]?.quantities).toEqual([{ name: "replicas", target: "k8s/app.yaml", from: 2, to: 4 }]);
  });

  test("skipped when no trigger matches, with the reason", async () => {
    expect(await planRunbook(runbook(), alertFacts("KubeHpaMaxedOut"), repo(), TEST_CATALOG)).toEqual({
      kind: "skipped",
      reason: "no trigger matches: triggers[0]: alert is KubeHpaMaxedOut, not KubePodCrashLooping",
    });
  });

  test("skipped when a parameter's fact is absent", async () => {
    expect(await planRunbook(runbook(), crashloop({}), repo(), TEST_CATALOG)).toEqual({
      kind: "skipped",
      reason: 'parameters.tag: {{ alert.labels.tag }}: alert.labels has no "tag"',
    });
  });

  test("checks over facts run before parameters, checks over parameters after", async () => {
    const rb = runbook({ preconditions: [{ file_exists: { path: "k8s/{{ params.tag }}.yaml" } }, { last_good_exists: true }] });
    expect(await planRunbook(rb, crashloop({}), repo(), TEST_CATALOG)).toEqual({ kind: "skipped", reason: "preconditions[1] last_good_exists: no last good commit is known" });
    const withGood = crashloop({ tag: "1.4.2" }, { last_good: "91be0041c2a8f0d2e1c8f1a9b3d4e5f60718293a" });
    expect(await planRunbook(rb, withGood, repo(), TEST_CATALOG)).toEqual({ kind: "skipped", reason: "preconditions[0] file_exists: k8s/1.4.2.yaml does not exist" });
  });

  test("skipped when an action does not apply", async () => {
    expect(await planRunbook(runbook(), crashloop({ tag: "1.5.0" }), repo(), TEST_CATALOG)).toEqual({
      kind: "skipped",
      reason: "steps[0] set-image-tag: shop is already 1.5.0",
    });
  });

  test("invalid when rendered values do not fit the action", async () => {
    const rb = runbook({
      parameters: { n: { type: "string", from: "{{ alert.labels.n }}" } },
      steps: [{ action: "scale-replicas", with: { file: "k8s/app.yaml", replicas: "{{ params.n }}" } }],
    });
    expect(await planRunbook(rb, crashloop({ n: "four" }), repo(), TEST_CATALOG)).toEqual({
      kind: "invalid",
      problems: ['steps[0].with.replicas: expected a number (got "four")'],
    });
  });

  test("invalid when the catalog lacks the action", async () => {
    const rb = runbook({ steps: [{ action: "comment", with: { body: "hi" } }] });
    expect(await planRunbook(rb, crashloop(), repo(), TEST_CATALOG)).toEqual({ kind: "invalid", problems: ['steps[0] comment: the action catalog has no "comment"'] });
  });

  test("stop conditions: max_steps counts earlier runs, alert_resolved and verification_failed stop", async () => {
    const rb = runbook({ stop_conditions: { max_steps: 1, alert_resolved: true, verification_failed: true } });
    expect(await planRunbook(rb, crashloop(undefined, { history: { "pin-image": { steps_taken: 1 } } }), repo(), TEST_CATALOG)).toEqual({
      kind: "skipped",
      reason: "stop condition max_steps: 1 step already taken for this incident, at most 1 allowed",
    });
    const resolved = alertFacts("KubePodCrashLooping", { tag: "1.4.2" }, { alert: { name: "KubePodCrashLooping", labels: { tag: "1.4.2" }, status: "resolved" } });
    expect(await planRunbook(rb, resolved, repo(), TEST_CATALOG)).toEqual({ kind: "skipped", reason: "stop condition alert_resolved: the alert KubePodCrashLooping has resolved" });
    const failedBefore = crashloop(undefined, { history: { "pin-image": { last_verification: "failed" } } });
    expect(await planRunbook(rb, failedBefore, repo(), TEST_CATALOG)).toEqual({
      kind: "skipped",
      reason: "stop condition verification_failed: the last run's verification failed, so a human takes over",
    });
  });

  test("explicit rollback steps are rendered, checked, and described in each proposal", async () => {
    const rb = runbook({ rollback: { steps: [{ action: "set-image-tag", with: { file: "k8s/app.yaml", image: "shop", tag: "1.5.0" } }] } });
    const plan = await planRunbook(rb, crashloop(), repo(), TEST_CATALOG);
    if (plan.kind !== "planned") throw new Error(JSON.stringify(plan));
    expect(plan.rollback).toEqual([{ action: "set-image-tag", params: { file: "k8s/app.yaml", image: "shop", tag: "1.5.0" } }]);
    expect(plan.proposals[0]?.inverse).toBe('runbook pin-image rolls back with: set-image-tag {"file":"k8s/app.yaml","image":"shop","tag":"1.5.0"}');
    const broken = runbook({ rollback: { steps: [{ action: "scale-replicas", with: { file: "k8s/app.yaml", replicas: 0 } }] } });
    expect(await planRunbook(broken, crashloop(), repo(), TEST_CATALOG)).toEqual({ kind: "invalid", problems: ["rollback.steps[0].with.replicas: expected a number >= 1 (got 0)"] });
  });
});
