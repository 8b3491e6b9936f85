import { describe, expect, test } from "@jest/globals";
import { z } from "zod";
import { ACTION_CATALOG, parseActionParams, planAction, toProposal } from "../../../src/core/plan/actions/action-catalog.js";
import { ActionKind, ActionProposal } from "../../../src/schemas/action-proposal.js";
import { expectPlanned, repoFiles } from "./action-fixtures.js";
import { SHOP } from "./k8s-manifests.js";

const INCIDENT = "inc-2f9c1d0a4b7e";

describe("ACTION_CATALOG", () => {
  test("has exactly one module per action kind, filed under its own kind", () => {
    expect(Object.keys(ACTION_CATALOG).sort()).toEqual([...ActionKind.options].sort());
    for (const [kind, module] of Object.entries(ACTION_CATALOG)) expect(module.kind).toBe(kind);
  });

  test("risk and effect of each action", () => {
    const summary = Object.fromEntries(Object.entries(ACTION_CATALOG).map(([kind, m]) => [kind, `${m.risk}/${m.effect}`]));
    expect(summary).toEqual({
      "revert-commits": "medium/pull-request",
      "set-image-tag": "medium/pull-request",
      "scale-replicas": "low/pull-request",
      "set-resources": "medium/pull-request",
      "set-yaml-value": "high/pull-request",
      "rerun-failed-jobs": "low/api",
      "open-incident-issue": "low/observe",
      comment: "low/observe",
    });
  });

  test("every parameter schema converts to JSON Schema, for runbook editors", () => {
    for (const module of Object.values(ACTION_CATALOG)) {
      const schema = z.toJSONSchema(module.params, { io: "input", unrepresentable: "throw" }) as { additionalProperties?: unknown };
      expect(schema.additionalProperties).toBe(false);
    }
  });
});

describe("parseActionParams and planAction", () => {
  test("reports every bad parameter with its path, suggesting the likely key", async () => {
    const parsed = parseActionParams("scale-replicas", { file: "k8s/shop.yaml", kind: "Deployment", nmae: "shop", to: "5" });
    if (parsed.ok) throw new Error("expected problems");
    const byPath = (a: { path: unknown[] }, b: { path: unknown[] }) => String(a.path).localeCompare(String(b.path));
    expect(parsed.problems.sort(byPath)).toEqual([
      { path: ["name"], message: 'missing required key "name"', at: "key" },
      { path: ["nmae"], message: 'unknown key "nmae" (did you mean "name"?)', at: "key" },
      { path: ["to"], message: 'expected a number (got "5")', at: "value" },
    ]);
  });

  test("a non-map is reported at the root", () => {
    expect(parseActionParams("comment", "please comment")).toMatchObject({ ok: false, problems: [{ path: [] }] });
  });

  test("planAction returns invalid-params without reading any file", async () => {
    const files = repoFiles({ "k8s/shop.yaml": SHOP });
    const result = await planAction("set-image-tag", { file: "k8s/shop.yaml", image: "ghcr.io/acme/shop" }, files);
    expect(result).toEqual({ kind: "invalid-params", action: "set-image-tag", problems: [{ path: ["tag"], message: "give a tag, a digest, or both", at: "value" }] });
    expect(files.reads).toEqual([]);
  });
});

describe("toProposal", () => {
  test("a file edit becomes a valid proposal with its quantities and the inverse in words", async () => {
    const params = { file: "k8s/shop.yaml", kind: "Deployment", name: "shop", to: 5 };
    const planned = expectPlanned(await planAction("scale-replicas", params, repoFiles({ "k8s/shop.yaml": SHOP })));
    const proposal = toProposal({ incidentId: INCIDENT, runbookId: "scale-on-saturation", kind: "scale-replicas", params, planned });
    expect(ActionProposal.parse(proposal)).toEqual(proposal);
    expect(proposal).toMatchObject({
      incidentId: INCIDENT,
      action: "scale-replicas",
      runbookId: "scale-on-saturation",
      risk: "low",
      params,
      quantities: [{ name: "replicas", target: "k8s/shop.yaml#Deployment/shop", from: 3, to: 5 }],
      inverse: "Set `spec.replicas` of Deployment/shop in `k8s/shop.yaml` back to 3.",
    });
    expect(proposal.changes).toEqual(planned.changes);
    expect(proposal).not.toHaveProperty("call");
  });

  test("an API action carries its call and no quantities; the caller may override the risk", async () => {
    const planned = expectPlanned(await planAction("rerun-failed-jobs", { run_id: 77 }, repoFiles({})));
    const proposal = toProposal({ incidentId: INCIDENT, runbookId: null, kind: "rerun-failed-jobs", params: { run_id: 77 }, planned, risk: "medium" });
    expect(ActionProposal.parse(proposal)).toEqual(proposal);
    expect(proposal).toMatchObject({ risk: "medium", changes: [], call: { kind: "rerun-failed-jobs", target: "77" } });
    expect(proposal).not.toHaveProperty("quantities");
  });
});
