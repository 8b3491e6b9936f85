import { describe, expect, test } from "@jest/globals";
import { incidentFingerprint } from "../../src/core/model/incident-fingerprint.js";
import type { IncidentKey } from "../../src/schemas/incident.js";

const key: IncidentKey = {
  repo: { owner: "acme", name: "shop" },
  kind: "deployment_failed",
  environment: "production",
  workflow: "deploy",
  sha: "3484a3fb816e0859fd6e1cea078d76385ff50625",
  group: null,
};

describe("incidentFingerprint", () => {
  test("is inc- followed by 12 lowercase hex characters", () => {
    expect(incidentFingerprint(key)).toMatch(/^inc-[0-9a-f]{12}$/);
  });

  test("is deterministic for equal facts", () => {
    expect(incidentFingerprint(key)).toBe(incidentFingerprint(structuredClone(key)));
  });

  test("ignores the case of owner, name and SHA, as GitHub does", () => {
    const shouted = { ...key, repo: { owner: "ACME", name: "Shop" }, sha: key.sha!.toUpperCase() };
    expect(incidentFingerprint(shouted)).toBe(incidentFingerprint(key));
  });

  test("ignores the order of keys at every level", () => {
    const reordered = {
      group: null,
      sha: key.sha,
      workflow: "deploy",
      environment: "production",
      kind: "deployment_failed",
      repo: { name: "shop", owner: "acme" },
    } as IncidentKey;
    expect(incidentFingerprint(reordered)).toBe(incidentFingerprint(key));
  });

  const variations: Array<[string, Partial<IncidentKey>]> = [
    ["owner", { repo: { owner: "other", name: "shop" } }],
    ["repository name", { repo: { owner: "acme", name: "shop-api" } }],
    ["kind", { kind: "workflow_failed" }],
    ["environment", { environment: "staging" }],
    ["environment (absent)", { environment: null }],
    ["workflow", { workflow: "release" }],
    ["commit", { sha: "91be004".padEnd(40, "0") }],
    ["commit (absent)", { sha: null }],
    ["alert group", { group: "HighErrorRate/api" }],
  ];

  test.each(variations)("differs when the %s differs", (_fact, change) => {
    expect(incidentFingerprint({ ...key, ...change })).not.toBe(incidentFingerprint(key));
  });

  test("every variation yields a distinct id", () => {
    const ids = variations.map(([, change]) => incidentFingerprint({ ...key, ...change }));
    expect(new Set([...ids, incidentFingerprint(key)]).size).toBe(variations.length + 1);
  });
});
