import { describe, expect, test } from "@jest/globals";
import { senseWorkflowRun } from "../../src/core/sense/sense-workflow-run.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { Signal } from "../../src/schemas/signal.js";
import { WorkflowRunEvent } from "../../src/schemas/workflow-run-event.js";
import { workflowRunPayload } from "./support/workflow-run-payload.js";

const meta = { deliveryId: "d-1", receivedAt: "2026-11-23T14:05:00.000Z" };
const event = (run: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  WorkflowRunEvent.parse(workflowRunPayload(run, extra));
const config = (deploys: unknown[] = []) => RepoConfig.parse({ deploys });

const sense = (run: Record<string, unknown>, deploys: unknown[] = []) => senseWorkflowRun(event(run), config(deploys), meta);
const signalOf = (run: Record<string, unknown>, deploys: unknown[] = []) => {
  const result = sense(run, deploys);
  if (result.kind !== "signal") throw new Error(`expected a signal, got: ${result.reason}`);
  return result;
};

describe("senseWorkflowRun on GitHub's workflow_run.completed example", () => {
  test("a failed non-deploy workflow is a workflow_failed signal with the run's facts", () => {
    const { signal, deploy } = signalOf({ name: "test", conclusion: "failure" });
    expect(deploy).toBeNull();
    expect(signal).toEqual({
      source: "github",
      kind: "workflow_failed",
      occurredAt: "2020-10-05T16:33:49.000Z",
      deliveryId: "d-1",
      receivedAt: meta.receivedAt,
      repo: { owner: "octo-org", name: "octo-repo" },
      environment: null,
      workflow: "test",
      sha: "3484a3fb816e0859fd6e1cea078d76385ff50625",
      ref: "master",
      subjectId: "289782451",
      url: "https://github.com/octo-org/octo-repo/actions/runs/289782451",
      labels: { conclusion: "failure", event: "repository_dispatch" },
    });
    expect(Signal.safeParse(signal).success).toBe(true);
  });

  test("timed_out counts as a failure", () => {
    expect(signalOf({ conclusion: "timed_out" }).signal.labels).toMatchObject({ conclusion: "timed_out" });
  });

  test.each([["success"], ["cancelled"], ["skipped"], ["neutral"]])("conclusion %s is ignored", (conclusion) => {
    const result = sense({ conclusion });
    expect(result).toEqual({ kind: "ignored", reason: `conclusion ${conclusion} is not a failure` });
  });

  test("a run still in progress (no conclusion) is ignored", () => {
    expect(sense({ status: "in_progress", conclusion: null })).toMatchObject({ kind: "ignored" });
  });

  test("actions other than completed are ignored", () => {
    const result = senseWorkflowRun(event({}, { action: "requested" }), config(), meta);
    expect(result).toEqual({ kind: "ignored", reason: "action requested is not completed" });
  });

  test("a run whose name is empty is named by its path, so the signal stays valid", () => {
    // GitHub's own example carries `name: ""`; a Signal's workflow must be non-empty.
    const { signal } = signalOf({ name: "" });
    expect(signal.workflow).toBe(".github/workflows/test.yml");
    expect(Signal.safeParse(signal).success).toBe(true);
  });
});

describe("deploy matching", () => {
  test("by workflow name, on the default branch", () => {
    const { signal, deploy } = signalOf({ name: "deploy" }, [{ workflow: "deploy", environment: "production" }]);
    expect(signal.kind).toBe("deployment_failed");
    expect(signal.environment).toBe("production");
    expect(deploy).toEqual({ workflow: "deploy", environment: "production" });
  });

  test("by full workflow path and by file name", () => {
    const run = { name: "Deploy app", path: ".github/workflows/deploy.yml" };
    expect(signalOf(run, [{ workflow: ".github/workflows/deploy.yml" }]).signal.kind).toBe("deployment_failed");
    expect(signalOf(run, [{ workflow: "deploy.yml", environment: "staging" }]).signal.environment).toBe("staging");
  });

  test("a file name only matches a whole path segment", () => {
    const run = { name: "Predeploy", path: ".github/workflows/predeploy.yml" };
    expect(signalOf(run, [{ workflow: "deploy.yml" }]).signal.kind).toBe("workflow_failed");
  });

  test("the environment defaults to production", () => {
    expect(signalOf({ name: "deploy" }, [{ workflow: "deploy" }]).signal.environment).toBe("production");
  });

  test("without a branch, only runs on the default branch (master here) are deploys", () => {
    const deploys = [{ workflow: "deploy" }];
    expect(signalOf({ name: "deploy", head_branch: "master" }, deploys).signal.kind).toBe("deployment_failed");
    expect(signalOf({ name: "deploy", head_branch: "feature/x" }, deploys).signal.kind).toBe("workflow_failed");
  });

  test("an explicit branch replaces the default branch", () => {
    const deploys = [{ workflow: "deploy", branch: "release", environment: "production" }];
    expect(signalOf({ name: "deploy", head_branch: "release" }, deploys).signal.kind).toBe("deployment_failed");
    expect(signalOf({ name: "deploy", head_branch: "master" }, deploys).signal.kind).toBe("workflow_failed");
  });

  test("the first matching deploy target wins", () => {
    const deploys = [
      { workflow: "deploy", branch: "release", environment: "production" },
      { workflow: "deploy", environment: "staging" },
    ];
    expect(signalOf({ name: "deploy", head_branch: "master" }, deploys).signal.environment).toBe("staging");
  });
});
