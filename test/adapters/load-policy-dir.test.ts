import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLED_POLICY_DIR, loadPolicyDir } from "../../src/adapters/policies/load-policy-dir.js";
import { evaluatePolicies } from "../../src/core/gate/evaluate-policies.js";
import { formatProblem } from "../../src/core/validate/located-problem.js";

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "agenticops-policies-"));
  dir = join(root, "policies");
  await mkdir(dir);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const VALID = `id: base
description: rollbacks only
rules:
  - kind: allowed_actions
    actions: [revert-commits]
tests:
  - name: a revert is allowed
    proposal: { action: revert-commits }
    facts: { range_files: [] }
    expect: { verdict: allow }
`;

describe("loadPolicyDir", () => {
  test("the bundled directory loads without problems, examples left out", async () => {
    const loaded = await loadPolicyDir(BUNDLED_POLICY_DIR);
    expect(loaded.problems).toEqual([]);
    expect(loaded.policies.map((p) => p.id)).toEqual(["default"]);
  });

  test("a malformed file is rejected at file:line:column; its valid siblings still load", async () => {
    await writeFile(join(dir, "a-base.yaml"), VALID);
    await writeFile(join(dir, "b-broken.yml"), "id: broken\ndescription: x\nrules:\n  - kind: step_budget\n    max_actions: many\ntests:\n  - name: t\n    proposal: { action: comment }\n    expect: { verdict: allow }\n");
    await writeFile(join(dir, "c-syntax.yaml"), "id: [unclosed\n");
    await writeFile(join(dir, "notes.md"), "not a policy");
    const loaded = await loadPolicyDir(dir);
    expect(loaded.policies.map((p) => p.id)).toEqual(["base"]);
    expect(loaded.problems.map(formatProblem)).toEqual([
      "policies/b-broken.yml:5:18: rules[0].max_actions: expected a number (got \"many\")",
      expect.stringMatching(/^policies\/c-syntax\.yaml:\d+:\d+: YAML syntax error: /),
    ]);
  });

  test("an unknown key names the key and suggests the right one", async () => {
    await writeFile(join(dir, "typo.yaml"), VALID.replace("    actions: [revert-commits]", "    actoins: [revert-commits]"));
    const loaded = await loadPolicyDir(dir);
    expect(loaded.policies).toEqual([]);
    expect(loaded.problems.map(formatProblem).join("\n")).toMatch(/^policies\/typo\.yaml:5:5: rules\[0\]/m);
    expect(loaded.problems.map((p) => p.message).join("\n")).toContain("actoins");
  });

  test("a duplicate id is rejected where it is written, naming the first file", async () => {
    await writeFile(join(dir, "a.yaml"), VALID);
    await writeFile(join(dir, "b.yaml"), `# a copy\n${VALID}`);
    const loaded = await loadPolicyDir(dir);
    expect(loaded.policies).toHaveLength(1);
    expect(loaded.problems.map(formatProblem)).toEqual(['policies/b.yaml:2:5: id: policy id "base" is already used by policies/a.yaml; ids must be unique']);
  });

  test("no valid policy left: the gate denies everything (fail closed)", async () => {
    await writeFile(join(dir, "broken.yaml"), "id: x\n");
    const loaded = await loadPolicyDir(dir);
    expect(loaded.policies).toEqual([]);
    const decision = evaluatePolicies(loaded, {
      incidentId: "inc-0123456789ab",
      action: "revert-commits",
      runbookId: null,
      risk: "low",
      params: {},
      changes: [],
      description: [],
      inverse: "revert",
    }, { repo: "acme/shop", environment: null, mode: "assist", now: new Date("2026-01-05T12:00:00Z"), labels: [], killSwitch: false, stepsTaken: 0, recentActions: 0, rangeFiles: [], signal: null });
    expect(decision.verdict).toBe("deny");
  });

  test("an empty or missing directory is a problem, not a crash", async () => {
    expect((await loadPolicyDir(dir)).problems.map((p) => p.message)).toEqual(["no policy files (*.yaml) found"]);
    expect((await loadPolicyDir(join(root, "missing"))).problems.map((p) => p.message)).toEqual(["cannot read the policy directory (ENOENT)"]);
  });
});
