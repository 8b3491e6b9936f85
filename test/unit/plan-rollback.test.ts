import { beforeEach, describe, expect, test } from "@jest/globals";
import { firstParentChain, planRollback, type PlanInput } from "../../src/core/plan/plan-rollback.js";
import type { Comparison } from "../../src/ports/deploy-history.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { InMemoryChangePublisher } from "./support/in-memory-change-publisher.js";
import { comparison, commit, deployIncident, FAILING, k8sDeployment, LAST_GOOD, modified, repo, sha, sourceChange } from "./support/rollback-fixtures.js";

const K8S = "k8s/deployment.yaml";
const bump = commit(FAILING, [LAST_GOOD], "release: shop 1.5.0");
const input = (cmp: Comparison, config = RepoConfig.parse({})): PlanInput => ({
  incident: deployIncident(),
  repo,
  config,
  environment: "production",
  lastGood: LAST_GOOD,
  failing: FAILING,
  base: "main",
  comparison: cmp,
});

let publisher: InMemoryChangePublisher;
beforeEach(() => {
  publisher = new InMemoryChangePublisher();
});

describe("planRollback: pin the image value back", () => {
  test("an image changed in a k8s manifest is pinned back in that file only, byte for byte", async () => {
    publisher.setFile("main", K8S, k8sDeployment("1.5.0"));
    const cmp = comparison([bump], [modified(K8S, k8sDeployment("1.4.2"), k8sDeployment("1.5.0")), sourceChange("src/cart.ts")]);
    const plan = await planRollback(publisher, input(cmp));
    if (plan.kind !== "pin") throw new Error(`expected a pin, got ${plan.kind}`);
    expect(plan.files).toEqual([{ path: K8S, text: k8sDeployment("1.4.2") }]);
    expect(plan.edits).toEqual([{ file: K8S, path: ["spec", "template", "spec", "containers", 0, "image"], from: "ghcr.io/acme/shop:1.5.0", to: "ghcr.io/acme/shop:1.4.2", line: 12 }]);
    expect(plan.proposal).toMatchObject({ action: "set-image-tag", risk: "low", runbookId: "image-pin", incidentId: deployIncident().id });
    expect(plan.proposal.changes.map((c) => [c.path, c.change])).toEqual([[K8S, "modify"]]);
    expect(plan.proposal.changes[0]?.previous).toBe(k8sDeployment("1.5.0"));
    expect(plan.proposal.description).toEqual([
      "In `k8s/deployment.yaml` line 12, set `spec.template.spec.containers.0.image` from `ghcr.io/acme/shop:1.5.0` back to `ghcr.io/acme/shop:1.4.2`.",
    ]);
    // read from the default branch: the value is pinned only if it is still the failing one there
    expect(publisher.reads).toEqual([`main:${K8S}`]);
  });

  test("the file changed on the default branch since the failure (blob sha differs): revert instead", async () => {
    publisher.setFile("main", K8S, k8sDeployment("1.5.1"));
    const cmp = comparison([bump], [modified(K8S, k8sDeployment("1.4.2"), k8sDeployment("1.5.0"))]);
    const plan = await planRollback(publisher, input(cmp));
    expect(plan).toMatchObject({ kind: "revert", targets: [{ sha: FAILING, parents: 1 }], proposal: { action: "revert-commits", risk: "medium" } });
  });

  test("the file is gone from the default branch: revert instead", async () => {
    const cmp = comparison([bump], [modified(K8S, k8sDeployment("1.4.2"), k8sDeployment("1.5.0"))]);
    expect((await planRollback(publisher, input(cmp))).kind).toBe("revert");
  });

  test("a configured service version_key in a values file is pinned", async () => {
    const values = (v: string) => `# shop chart values\nreplicas: 2\napp:\n  name: shop\n  version: ${v} # bumped by CI\n`;
    publisher.setFile("main", "deploy/values.yml", values("1.5.0"));
    const cmp = comparison([bump], [modified("deploy/values.yml", values("1.4.2"), values("1.5.0"))]);
    const config = RepoConfig.parse({ services: [{ name: "shop", files: ["deploy/values.yml"], version_key: "app.version" }] });
    const plan = await planRollback(publisher, input(cmp, config));
    expect(plan).toMatchObject({ kind: "pin", files: [{ path: "deploy/values.yml", text: values("1.4.2") }], edits: [{ path: ["app", "version"], from: "1.5.0", to: "1.4.2", line: 5 }] });
    // without the service's key nothing marks app.version as a version: a plain revert
    expect((await planRollback(publisher, input(cmp))).kind).toBe("revert");
  });

  test("a configured file that is not YAML is not pinned", async () => {
    publisher.setFile("main", "VERSION", "1.5.0\n");
    const cmp = comparison([bump], [modified("VERSION", "1.4.2\n", "1.5.0\n")]);
    const config = RepoConfig.parse({ services: [{ name: "shop", files: ["VERSION"] }] });
    expect((await planRollback(publisher, input(cmp, config))).kind).toBe("revert");
  });
});

describe("planRollback: hand over to humans", () => {
  test("a workflow file in the range without an image change: workflow-files handoff", async () => {
    const cmp = comparison([bump], [sourceChange("src/cart.ts"), sourceChange(".github/workflows/deploy.yml")]);
    const plan = await planRollback(publisher, input(cmp));
    expect(plan).toEqual({
      kind: "handoff",
      reason: "workflow-files",
      detail: "the range changes `.github/workflows/deploy.yml`; GitHub Apps without the workflows permission cannot push such changes",
    });
  });

  test("a workflow file renamed away from .github/workflows also needs the workflows permission", async () => {
    const renamed = { ...sourceChange("ci/deploy.yml"), status: "renamed", previousPath: ".github/workflows/deploy.yml", patch: null };
    expect(await planRollback(publisher, input(comparison([bump], [renamed])))).toMatchObject({ kind: "handoff", reason: "workflow-files" });
  });

  test("an image pin wins over a workflow file in the same range: the pin does not touch it", async () => {
    publisher.setFile("main", K8S, k8sDeployment("1.5.0"));
    const cmp = comparison([bump], [modified(K8S, k8sDeployment("1.4.2"), k8sDeployment("1.5.0")), sourceChange(".github/workflows/deploy.yml")]);
    const plan = await planRollback(publisher, input(cmp));
    expect(plan.kind === "pin" && plan.files.map((f) => f.path)).toEqual([K8S]);
  });

  test.each([["diverged"], ["behind"], ["identical"]] as const)("status %s: not-a-descendant handoff", async (status) => {
    const plan = await planRollback(publisher, input(comparison([bump], [sourceChange("src/cart.ts")], { status })));
    expect(plan).toEqual({ kind: "handoff", reason: "not-a-descendant", detail: `fffffff is ${status} of the last good 1111111; there is no linear range to roll back` });
  });

  test("more commits than GitHub listed: range-too-large handoff", async () => {
    const plan = await planRollback(publisher, input(comparison([bump], [sourceChange("src/cart.ts")], { totalCommits: 251 })));
    expect(plan).toMatchObject({ kind: "handoff", reason: "range-too-large" });
    expect(plan.kind === "handoff" && plan.detail).toContain("251 commits separate the last good 1111111 from fffffff");
  });

  test("no commits in the range: no-commits handoff", async () => {
    expect(await planRollback(publisher, input(comparison([], [])))).toMatchObject({ kind: "handoff", reason: "no-commits" });
  });
});

describe("revert plans and the first-parent chain", () => {
  // main:    L ── A ──────── M ── B (failing)
  // feature:   └─ F1 ── F2 ──┘
  const [A, F1, F2, M] = [sha("a"), sha("c"), sha("d"), sha("e")];
  const range = [
    commit(A, [LAST_GOOD], "fix: cart totals"),
    commit(F1, [LAST_GOOD], "feat: coupons"),
    commit(F2, [F1], "feat: coupon | gift card"),
    commit(M, [A, F2], "Merge pull request #7 from acme/coupons\n\nCoupons"),
    commit(FAILING, [M], "chore: bump deps"),
  ];

  test("the chain follows first parents from the failing commit, newest first, and stops at the range", () => {
    expect(firstParentChain(range, FAILING).map((c) => c.sha)).toEqual([FAILING, M, A]);
    expect(firstParentChain(range, sha("0"))).toEqual([]);
  });

  test("commits that came through the merge are not reverted; the merge is, against its first parent", async () => {
    const plan = await planRollback(publisher, input(comparison(range, [sourceChange("src/cart.ts"), sourceChange("src/coupon.ts")])));
    if (plan.kind !== "revert") throw new Error(`expected a revert, got ${plan.kind}`);
    expect(plan.targets).toEqual([
      { sha: FAILING, parents: 1 },
      { sha: M, parents: 2 },
      { sha: A, parents: 1 },
    ]);
    expect(plan.proposal.params).toEqual({ lastGood: LAST_GOOD, failing: FAILING, commits: [FAILING, M, A] });
    expect(plan.proposal.description).toEqual([
      'Revert fffffff "chore: bump deps".',
      'Revert eeeeeee "Merge pull request #7 from acme/coupons" (a merge, against its first parent).',
      'Revert aaaaaaa "fix: cart totals".',
    ]);
    expect(plan.proposal.changes).toEqual([
      { path: "src/cart.ts", change: "revert", content: null, previous: null },
      { path: "src/coupon.ts", change: "revert", content: null, previous: null },
    ]);
  });
});
