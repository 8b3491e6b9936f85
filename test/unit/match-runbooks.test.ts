import { describe, expect, test } from "@jest/globals";
import { matchRunbooks, matchTrigger } from "../../src/core/plan/runbooks/match-runbooks.js";
import { RunbookTrigger } from "../../src/schemas/runbook-trigger.js";
import { alertFacts, facts, runbook } from "./support/runbook-builders.js";

const trigger = (input: unknown) => RunbookTrigger.parse(input);

describe("matchTrigger", () => {
  test("an alert trigger matches the alert name and every label given, with reasons", () => {
    const t = trigger({ signal: "alert", alert: ["KubePodCrashLooping", "KubePodNotReady"], labels: { namespace: "/prod-.*/", container: "api" } });
    const result = matchTrigger(t, alertFacts("KubePodCrashLooping", { namespace: "prod-eu", container: "api" }));
    expect(result).toEqual({
      matches: true,
      reasons: ["signal alert", "alert KubePodCrashLooping matches KubePodCrashLooping", "label namespace prod-eu matches /prod-.*/", "label container api matches api"],
    });
  });

  test("regular expressions must match the whole value, like Alertmanager's =~", () => {
    const t = trigger({ signal: "alert", labels: { namespace: "/prod/" } });
    expect(matchTrigger(t, alertFacts("X", { namespace: "preprod" }))).toEqual({ matches: false, reasons: ["label namespace is preprod, not /prod/"] });
    expect(matchTrigger(trigger({ signal: "alert", alert: "/kube.*/i" }), alertFacts("KubeHpaMaxedOut")).matches).toBe(true);
  });

  test("a label the alert lacks does not match", () => {
    const t = trigger({ signal: "alert", labels: { horizontalpodautoscaler: "/.+/" } });
    expect(matchTrigger(t, alertFacts("KubeHpaMaxedOut", {}))).toEqual({ matches: false, reasons: ["no label horizontalpodautoscaler is known (wanted /.+/)"] });
  });

  test("the signal kind comes first", () => {
    expect(matchTrigger(trigger({ signal: "ci-failure" }), alertFacts("X"))).toEqual({ matches: false, reasons: ["signal is alert, not ci-failure"] });
  });

  test("workflow, environment and cause constrain deploy and CI failures", () => {
    const t = trigger({ signal: "ci-failure", workflow: ["ci", "/test-.*/"], cause: ["flaky", "timeout"] });
    expect(matchTrigger(t, facts({ signal: "ci-failure", workflow: "test-linux", cause: "flaky" })).matches).toBe(true);
    expect(matchTrigger(t, facts({ signal: "ci-failure", workflow: "test-linux", cause: "compilation" }))).toEqual({
      matches: false,
      reasons: ["cause is compilation, not flaky or timeout"],
    });
    expect(matchTrigger(t, facts({ signal: "ci-failure", cause: "flaky" })).reasons).toEqual(["no workflow is known (wanted ci or /test-.*/)"]);
  });
});

describe("matchRunbooks", () => {
  test("any trigger matching is enough; reasons name the trigger", () => {
    const rb = runbook({ triggers: [{ signal: "deploy-failure" }, { signal: "alert", alert: "KubePodCrashLooping" }] });
    const [match] = matchRunbooks([rb], alertFacts("KubePodCrashLooping"));
    expect(match).toMatchObject({ matches: true, trigger: 1, reasons: ["triggers[1]: signal alert", "triggers[1]: alert KubePodCrashLooping matches KubePodCrashLooping"] });
  });

  test("a runbook no trigger matches says why for each trigger", () => {
    const rb = runbook({ triggers: [{ signal: "deploy-failure" }, { signal: "alert", alert: "KubePodCrashLooping" }] });
    const [match] = matchRunbooks([rb], alertFacts("KubeHpaMaxedOut"));
    expect(match).toMatchObject({
      matches: false,
      trigger: null,
      reasons: ["triggers[0]: signal is alert, not deploy-failure", "triggers[1]: alert is KubeHpaMaxedOut, not KubePodCrashLooping"],
    });
  });

  test("returns every runbook in order", () => {
    const a = runbook({ id: "a" });
    const b = runbook({ id: "b", triggers: [{ signal: "ci-failure" }] });
    expect(matchRunbooks([a, b], alertFacts("KubePodCrashLooping")).map((m) => [m.runbook.id, m.matches])).toEqual([["a", true], ["b", false]]);
  });
});
