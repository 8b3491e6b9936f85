import { describe, expect, test } from "@jest/globals";
import type { z } from "zod";
import { ActionProposal } from "../../src/schemas/action-proposal.js";
import { Diagnosis } from "../../src/schemas/diagnosis.js";
import { Evidence } from "../../src/schemas/evidence.js";
import { Incident } from "../../src/schemas/incident.js";
import { Outcome } from "../../src/schemas/outcome.js";
import { PolicyDecision } from "../../src/schemas/policy-decision.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { Signal } from "../../src/schemas/signal.js";
import { WorkflowRunEvent } from "../../src/schemas/workflow-run-event.js";
import { workflowRunPayload } from "./support/workflow-run-payload.js";

const sha = "3484a3fb816e0859fd6e1cea078d76385ff50625";
const at = "2026-11-23T14:05:00.000Z";
const id = "inc-0123456789ab";

const signal = {
  source: "github", kind: "deployment_failed", deliveryId: "d-1", receivedAt: at, repo: { owner: "acme", name: "shop" },
  environment: "production", workflow: "deploy", sha, ref: "main", subjectId: "42",
  url: "https://github.com/acme/shop/actions/runs/42", labels: { conclusion: "failure" },
};
const evidence = {
  kind: "log-excerpt", title: "rollout", url: "https://github.com/acme/shop/actions/runs/42/job/7",
  lines: ["error: deployment exceeded its progress deadline"], startLine: 12, truncated: false,
};
const incident = {
  id, title: "Deploy to production failed at 3484a3f (deploy)", severity: "high", status: "open", openedAt: at, signals: [signal],
  key: { repo: signal.repo, kind: "deployment_failed", environment: "production", workflow: "deploy", sha, group: null },
};
const diagnosis = {
  cause: "deploy-health", confidence: 0.8, summary: "Rollout exceeded its progress deadline after the image bump.",
  hypotheses: [{ cause: "deploy-health", summary: "new image crashes on start", confidence: 0.8 }],
  evidence: [evidence], suspects: [{ sha, subject: "feat: new cache layer", author: "eve", score: 3, reasons: ["touches k8s/"] }],
  runbookId: "deploy-failed-rollback", method: "deterministic", llmNote: null,
};
const proposal = {
  incidentId: id, action: "set-image-tag", runbookId: "deploy-failed-rollback", risk: "low", params: { tag: "1.4.2" },
  changes: [{ path: "k8s/deployment.yaml", change: "modify", content: "image: shop:1.4.2\n", previous: "image: shop:1.5.0\n" }],
  description: ["Set the shop image back to 1.4.2."], inverse: "Revert this pull request.",
};
const decision = {
  verdict: "needs-approval", requiredApprovals: 1, evaluatedAt: at,
  approvals: { count: 1, teams: ["acme/sre"], codeowners: true }, automerge: { granted: false, rule: null, reason: "the verdict is needs-approval, not allow" },
  rules: [{ rule: "change-freeze@91c0", policy: "default", verdict: "needs-approval", reason: "inside the change freeze \"weekend\"" }],
};
const outcome = {
  incidentId: id, result: "pr-opened", detectedAt: at, actedAt: at, resolvedAt: null, pullRequest: 7, issue: null, note: null,
};
const repoConfig = { version: 1, mode: "observe", deploys: [{ workflow: "deploy.yml", environment: "staging", branch: "main" }], labels: ["ops"] };

/** schema, a realistic value, a change that breaks it, and the path the error must name */
const cases: Array<[string, z.ZodType, Record<string, unknown>, (v: any) => void, string]> = [
  ["Signal", Signal, signal, (v) => (v.sha = "3484a3f"), "sha"],
  ["Signal (repo)", Signal, signal, (v) => (v.repo.owner = ""), "repo.owner"],
  ["Incident", Incident, incident, (v) => (v.id = "inc-XYZ"), "id"],
  ["Incident (key)", Incident, incident, (v) => (v.key.kind = "meltdown"), "key.kind"],
  ["Evidence", Evidence, evidence, (v) => (v.startLine = 0), "startLine"],
  ["Diagnosis", Diagnosis, diagnosis, (v) => (v.hypotheses[0].confidence = 1.5), "hypotheses.0.confidence"],
  ["ActionProposal", ActionProposal, proposal, (v) => (v.changes[0].path = ""), "changes.0.path"],
  ["PolicyDecision", PolicyDecision, decision, (v) => (v.rules[0].verdict = "maybe"), "rules.0.verdict"],
  ["Outcome", Outcome, outcome, (v) => (v.pullRequest = -1), "pullRequest"],
  ["RepoConfig", RepoConfig, repoConfig, (v) => (v.deploys[0].workflow = ""), "deploys.0.workflow"],
  ["WorkflowRunEvent", WorkflowRunEvent, workflowRunPayload(), (v) => (v.workflow_run.head_sha = "main"), "workflow_run.head_sha"],
];

const paths = (error: z.ZodError) => error.issues.map((i) => i.path.join("."));

describe("domain schemas", () => {
  test.each(cases)("%s accepts a realistic value", (_name, schema, value) => {
    expect(schema.safeParse(value).error).toBeUndefined();
  });

  test.each(cases)("%s rejects a wrong value and names its path", (_name, schema, value, breakIt, path) => {
    const broken = structuredClone(value);
    breakIt(broken);
    const result = schema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(paths(result.error!)).toEqual([path]);
  });

  test.each(cases.filter(([name]) => !name.includes(" ") && name !== "WorkflowRunEvent"))(
    "%s is strict: an unknown key is an error at that key",
    (_name, schema, value) => {
      const result = schema.safeParse({ ...value, colour: "blue" });
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["colour"] });
    },
  );

  test("WorkflowRunEvent reads a foreign payload: unknown fields are accepted and dropped", () => {
    const parsed = WorkflowRunEvent.parse(workflowRunPayload());
    expect(Object.keys(parsed).sort()).toEqual(["action", "repository", "workflow_run"]);
    expect(parsed.workflow_run).not.toHaveProperty("actor");
  });

  test("RepoConfig fills defaults for an empty file", () => {
    expect(RepoConfig.parse({})).toMatchObject({ version: 1, mode: "assist", deploys: [], labels: ["agenticops"] });
    expect(RepoConfig.parse({ deploys: [{ workflow: "deploy" }] }).deploys).toEqual([{ workflow: "deploy", environment: "production" }]);
  });
});
