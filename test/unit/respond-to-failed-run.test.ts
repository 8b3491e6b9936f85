import { beforeEach, describe, expect, test } from "@jest/globals";
import { respondToFailedRun } from "../../src/core/respond-to-failed-run.js";
import { LOG_TAIL_BYTES } from "../../src/core/diagnose/collect-job-evidence.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import type { Logger } from "../../src/ports/logger.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { WorkflowRunEvent } from "../../src/schemas/workflow-run-event.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";
import { workflowRunPayload } from "./support/workflow-run-payload.js";

const deployRun = { name: "deploy", path: ".github/workflows/deploy.yml", conclusion: "failure" };
const event = (run: Record<string, unknown> = deployRun) => WorkflowRunEvent.parse(workflowRunPayload(run));
const config = RepoConfig.parse({ deploys: [{ workflow: "deploy", environment: "production" }] });
const meta = (change: Partial<{ deliveryId: string; receivedAt: string; dryRun: boolean }> = {}) => ({
  deliveryId: "d-1",
  receivedAt: "2026-11-23T14:05:00.000Z",
  occurredAt: null,
  dryRun: false,
  ...change,
});
const log = [
  "2026-11-23T14:02:01.0000000Z ##[group]Run kubectl rollout status deploy/shop",
  "2026-11-23T14:04:02.0000000Z error: deployment \"shop\" exceeded its progress deadline",
  "2026-11-23T14:04:02.2000000Z ##[error]Process completed with exit code 1.",
  "",
].join("\n");

let host: InMemoryCodeHost;
let logged: Array<{ level: string; message: string; details: Record<string, unknown> }>;
let ports: { host: InMemoryCodeHost; log: Logger };
beforeEach(() => {
  host = new InMemoryCodeHost();
  host.jobs = [{ id: 7, name: "rollout", conclusion: "failure", url: "https://github.com/octo-org/octo-repo/actions/runs/289782451/job/7", failedStep: "kubectl rollout" }];
  host.logs.set(7, log);
  logged = [];
  const record = (level: string) => (details: Record<string, unknown>, message: string) => void logged.push({ level, message, details });
  ports = { host, log: { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") } };
});

describe("respondToFailedRun", () => {
  test.each([["success"], ["cancelled"], [null]])("a run concluding %s is ignored without reading or writing", async (conclusion) => {
    const outcome = await respondToFailedRun(event({ ...deployRun, conclusion }), config, meta(), ports);
    expect(outcome.kind).toBe("ignored");
    expect(host.logReads).toEqual([]);
    expect(host.writes).toEqual([]);
  });

  test("a failed deploy is reported in one issue with its labels, severity and log excerpt", async () => {
    const outcome = await respondToFailedRun(event(), config, meta(), ports);
    expect(outcome).toMatchObject({ kind: "reported", issue: { kind: "created", issue: { number: 1 } } });
    expect(outcome.kind === "reported" && outcome.incidentId).toMatch(/^inc-[0-9a-f]{12}$/);
    expect(host.logReads).toEqual([{ jobId: 7, maxBytes: LOG_TAIL_BYTES }]);
    expect(host.issues).toHaveLength(1);
    const [issue] = host.issues;
    expect(issue!.title).toBe("[incident] Deploy to production failed at 3484a3f (deploy)");
    expect(issue!.labels).toEqual(["agenticops", "severity/high"]);
    expect(issue!.body).toContain("[rollout › kubectl rollout](https://github.com/octo-org/octo-repo/actions/runs/289782451/job/7)");
    expect(issue!.body).toContain('error: deployment "shop" exceeded its progress deadline\nProcess completed with exit code 1.');
    expect(readMarker(issue!.body)?.incident).toBe(outcome.kind === "reported" ? outcome.incidentId : "");
    expect(logged.map((l) => l.message)).toEqual(["incident opened", "incident issue ensured"]);
  });

  test("a failed non-deploy workflow is low severity and uses the repository's labels", async () => {
    const custom = RepoConfig.parse({ labels: ["ops", "ci"] });
    await respondToFailedRun(event({ name: "test", conclusion: "timed_out" }), custom, meta(), ports);
    expect(host.issues[0]).toMatchObject({ title: "[incident] test failed at 3484a3f on master", labels: ["ops", "ci", "severity/low"] });
  });

  test("a duplicate delivery of the same run leaves the one issue unchanged", async () => {
    await respondToFailedRun(event(), config, meta(), ports);
    const again = await respondToFailedRun(event(), config, meta({ deliveryId: "d-2" }), ports);
    expect(again).toMatchObject({ kind: "reported", issue: { kind: "unchanged", issue: { number: 1 } } });
    expect(host.writes.map((w) => w.op)).toEqual(["createIssue"]);
  });

  test("without failed jobs the issue still opens and says no logs were available", async () => {
    host.jobs = [];
    await respondToFailedRun(event(), config, meta(), ports);
    expect(host.issues[0]!.body).toContain("_No failed job logs were available._");
  });

  test("reads the logs of at most five failed jobs", async () => {
    host.jobs = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, name: `shard ${i + 1}`, conclusion: "failure", url: `https://example.com/${i}`, failedStep: null }));
    await respondToFailedRun(event(), config, meta(), ports);
    expect(host.logReads.map((r) => r.jobId)).toEqual([1, 2, 3, 4, 5]);
  });

  test("a dry run diagnoses but writes nothing", async () => {
    const outcome = await respondToFailedRun(event(), config, meta({ dryRun: true }), ports);
    expect(outcome).toMatchObject({ kind: "reported", issue: { kind: "created" } });
    expect(host.logReads).toHaveLength(1);
    expect(host.writes).toEqual([]);
  });
});
