import { describe, expect, test } from "@jest/globals";
import { evaluatePolicies } from "../../src/core/gate/evaluate-policies.js";
import type { RollbackPlan } from "../../src/core/plan/rollback-plan.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { renderRollbackPr, versionChange, type RollbackPrInput } from "../../src/core/render/render-rollback-pr.js";
import type { Evidence } from "../../src/schemas/evidence.js";
import { bundledPolicies } from "./support/bundled-policies.js";
import { commit, deployIncident, FAILING, LAST_GOOD, sha } from "./support/rollback-fixtures.js";

const incident = deployIncident();
const K8S = "k8s/deployment.yaml";
const pin: Extract<RollbackPlan, { kind: "pin" }> = {
  kind: "pin",
  files: [{ path: K8S, text: "image: ghcr.io/acme/shop:1.4.2\n" }],
  edits: [{ file: K8S, path: ["spec", "template", "spec", "containers", 0, "image"], from: "ghcr.io/acme/shop:1.5.0", to: "ghcr.io/acme/shop:1.4.2", line: 12 }],
  proposal: {
    incidentId: incident.id,
    action: "set-image-tag",
    runbookId: "deploy-failed-rollback",
    risk: "low",
    params: {},
    changes: [{ path: K8S, change: "modify", content: "image: ghcr.io/acme/shop:1.4.2\n", previous: "image: ghcr.io/acme/shop:1.5.0\n" }],
    description: ["In `k8s/deployment.yaml` line 12, set `spec.template.spec.containers.0.image` from `ghcr.io/acme/shop:1.5.0` back to `ghcr.io/acme/shop:1.4.2`."],
    inverse: "Revert this pull request's commit to deploy `ghcr.io/acme/shop:1.5.0` again.",
  },
};
const revert: Extract<RollbackPlan, { kind: "revert" }> = {
  kind: "revert",
  targets: [
    { sha: FAILING, parents: 1 },
    { sha: sha("a"), parents: 1 },
  ],
  proposal: { ...pin.proposal, action: "revert-commits", risk: "medium", changes: [{ path: "src/cart.ts", change: "revert", content: null, previous: null }], description: ['Revert fffffff "feat: totals | taxes".'], inverse: "Revert this pull request's commit to restore the reverted commits." },
};
const range = [commit(sha("a"), [LAST_GOOD], "fix: cart"), commit(FAILING, [sha("a")], "feat: totals | taxes\n\nlong body", "alice")];
const evidenceItem = (title: string, lines: string[]): Evidence => ({ kind: "log-excerpt", title, url: "https://github.com/acme/shop/actions/runs/4200/job/7", lines, startLine: 1, truncated: false });
const input = (change: Partial<RollbackPrInput> = {}): RollbackPrInput => ({
  incident,
  plan: pin,
  decision: evaluatePolicies(bundledPolicies(), pin.proposal, {
    repo: "acme/shop",
    environment: "production",
    mode: "assist",
    now: new Date("2026-11-23T14:05:00.000Z"),
    labels: [],
    killSwitch: false,
    stepsTaken: 0,
    recentActions: 0,
    rangeFiles: [K8S, "src/cart.ts"],
    signal: "deployment_failed",
  }),
  evidence: [evidenceItem("deploy › rollout", ['error: deployment "shop" exceeded its progress deadline'])],
  range,
  lastGood: { sha: LAST_GOOD, source: "deployment", at: "2026-11-23T12:00:00Z" },
  ...change,
});
const MARKER = `<!-- agenticops:v1 {"incident":"${incident.id}","kind":"rollback-pr","detectedAt":"2026-11-23T14:04:02.000Z","environment":"production"} -->`;
const HEADINGS = ["## Summary", "## Evidence", "## Diagnosis", "## Plan", "## Policy decision", "## How to undo", "## How it will be verified", `---\nIncident \`${incident.id}\``];
/** Positions of the headings, each searched after the previous one. */
const positions = (body: string) => HEADINGS.reduce<number[]>((at, h) => [...at, body.indexOf(h, (at.at(-1) ?? -1) + 1)], []);

describe("renderRollbackPr body", () => {
  test("sections follow the control loop, and the footer ends with the rollback-pr marker", () => {
    const { body } = renderRollbackPr(input());
    const at = positions(body);
    expect(at.every((p) => p >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(body.endsWith(MARKER)).toBe(true);
    expect(readMarker(body)).toEqual({ incident: incident.id, kind: "rollback-pr", detectedAt: "2026-11-23T14:04:02.000Z", environment: "production" });
  });

  test("summary names the environment, the failing and last good commits and where last good came from", () => {
    const { body } = renderRollbackPr(input());
    expect(body).toContain("The deploy to **production** failed at `fffffff` ([run](https://github.com/acme/shop/actions/runs/4200)).");
    expect(body).toContain("rolls it back to `1111111`, the last successful deployment (2026-11-23T12:00:00Z).");
    expect(body).toContain("Only the deployed version changes");
    const fromRuns = renderRollbackPr(input({ plan: revert, lastGood: { sha: LAST_GOOD, source: "workflow-run", at: "x" } })).body;
    expect(fromRuns).toContain("the last successful run of the deploy workflow");
    expect(fromRuns).toContain("The commits since the last good version are reverted in one commit.");
  });

  test("the suspects table lists the range newest first and escapes | in subjects", () => {
    const { body } = renderRollbackPr(input({ plan: revert }));
    expect(body).toContain("Commits deployed since the last good version (2, newest first); all are reverted:");
    const rows = body.split("\n").filter((l) => /^\| (fffffff|aaaaaaa) /.test(l));
    expect(rows).toEqual(["| fffffff | feat: totals \\| taxes | alice |  |", "| aaaaaaa | fix: cart | dev |  |"]);
    expect(rows.every((r) => r.split(/(?<!\\)\|/).length === 6)).toBe(true);
  });

  test("plan and policy sections show the action, each change in words and every rule", () => {
    const { body } = renderRollbackPr(input());
    expect(body).toContain("Runbook `deploy-failed-rollback`, action `set-image-tag` (risk low).");
    expect(body).toContain(`- ${pin.proposal.description[0]}`);
    expect(body).toContain("**allow** — evaluated 2026-11-23T14:05:00.000Z");
    const rows = [...body.matchAll(/^\| `([a-z-]+)@[0-9a-f]{4}` \| (builtin|default) \| allow \| /gm)].map((m) => m[1]);
    expect(rows).toEqual(["mode", "protected-paths", "kill-switch", "allowed-actions", "rollback-scope", "bounds", "step-budget", "rate-limit", "approvals"]);
    expect(body).toContain("Approvals required: 1. Automerge: not granted.");
    expect(body).toContain(`${pin.proposal.inverse} Closing this pull request without merging tells the bot not to propose this rollback again.`);
  });

  test("the policy table keeps one row per rule whatever the reason holds, and names approvers and an automerge grant", () => {
    const decision = {
      ...input().decision,
      requiredApprovals: 2,
      approvals: { count: 2, teams: ["acme/sre"], codeowners: true },
      automerge: { granted: true, rule: "automerge@abcd", reason: "grants automerge of set-image-tag (risk low) in production (automerge@abcd)" },
      rules: [{ rule: "path-boundaries@1234", policy: "org", verdict: "allow" as const, reason: "k8s/a|b.yaml\nand @alice" }],
    };
    const { body } = renderRollbackPr(input({ decision }));
    expect(body).toContain("| `path-boundaries@1234` | org | allow | k8s/a\\|b.yaml and @\u200balice |");
    expect(body).toContain("Approvals required: 2, including one from each of acme/sre and the code owners. Automerge: granted by `automerge@abcd` once required checks pass on the head commit.");
  });

  test("evidence is collapsible, linked, and a log line with backticks cannot close its fence", () => {
    const { body } = renderRollbackPr(input({ evidence: [evidenceItem("deploy › rollout", ["run ```kubectl```", "done"])] }));
    expect(body).toContain('<details><summary><a href="https://github.com/acme/shop/actions/runs/4200/job/7">deploy › rollout</a></summary>');
    expect(body).toContain("````text\nrun ```kubectl```\ndone\n````");
    expect(renderRollbackPr(input({ evidence: [] })).body).toContain("## Evidence\n\n_No failed job logs were available._");
  });
});

describe("renderRollbackPr title", () => {
  test("a pin says which image goes from which version back to which", () => {
    expect(renderRollbackPr(input()).title).toBe("Roll back production: shop 1.5.0 → 1.4.2 after the deploy of fffffff failed");
  });

  test("a revert says how many commits, singular or plural", () => {
    expect(renderRollbackPr(input({ plan: revert })).title).toBe("Roll back production to 1111111: revert 2 commits after the deploy of fffffff failed");
    const one = { ...revert, targets: [{ sha: FAILING, parents: 1 }] };
    expect(renderRollbackPr(input({ plan: one })).title).toContain(": revert 1 commit after");
  });

  test("versionChange shortens image references and keeps other values raw", () => {
    expect(versionChange("registry:5000/team/api:2.0", "registry:5000/team/api:1.9")).toBe("api 2.0 → 1.9");
    expect(versionChange("1.5.0", "1.4.2")).toBe("1.5.0 → 1.4.2");
  });
});

describe("renderRollbackPr size limit", () => {
  const line = (i: number) => `2026-11-23T14:04:02Z step ${i}: ${"x".repeat(120)}`;
  const huge = Array.from({ length: 40 }, (_, j) => evidenceItem(`job ${j}`, Array.from({ length: 200 }, (_, i) => line(i))));

  test("a huge evidence set stays under 65,536 characters with the footer and marker whole", () => {
    const { body } = renderRollbackPr(input({ evidence: huge }));
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.endsWith(MARKER)).toBe(true);
    expect(readMarker(body)?.incident).toBe(incident.id);
  });

  test("the evidence is cut, not the plan, the policy decision or how to undo", () => {
    const { body } = renderRollbackPr(input({ evidence: huge }));
    expect(positions(body).every((p) => p >= 0)).toBe(true);
    expect(body).toContain("**allow** — evaluated");
    expect(body).toContain("_Evidence truncated to fit GitHub's size limit._");
    // the room is used: whole jobs first, then the last lines of the next one
    expect(body.length).toBeGreaterThan(60_000);
    expect(body).toContain("<summary><a href=\"https://github.com/acme/shop/actions/runs/4200/job/7\">job 0</a></summary>");
    expect(body).toMatch(/job \d+<\/a> \(excerpt\)<\/summary>\n\n```text\n[^`]*step 199: x+\n```/);
  });

  test("every fence and <details> opened in the cut evidence is closed again", () => {
    const { body } = renderRollbackPr(input({ evidence: huge }));
    const fences = body.split("\n").filter((l) => /^`{3,}/.test(l));
    expect(fences.length % 2).toBe(0);
    expect(body.split("<details>").length).toBe(body.split("</details>").length);
  });
});

test("the summary carries a Mermaid timeline: last good, the failure, the proposal, with no ':' inside the times", () => {
  const { body } = renderRollbackPr(input());
  const block = /```mermaid\ntimeline\n([\s\S]*?)\n```/.exec(body)?.[1] ?? "";
  const events = block.split("\n").slice(1).map((l) => l.trim());
  expect(events).toHaveLength(3);
  expect(events[0]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}h\\d{2} : last good ${LAST_GOOD.slice(0, 7)}$`));
  expect(events[1]).toContain(`deploy of ${FAILING.slice(0, 7)} failed`);
  expect(events[2]).toMatch(/rollback proposed \(set-image-tag, policy allow\)$/);
});
