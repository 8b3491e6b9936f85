import { describe, expect, test } from "@jest/globals";
import { planAction } from "../../../src/core/plan/actions/action-catalog.js";
import { expectPlanned, repoFiles } from "./action-fixtures.js";

const A = "3f2a1c9d4e5b6a7f8091a2b3c4d5e6f708192a3b";
const B = "91be004c1d2e3f405162738495a6b7c8d9e0f1a2";

describe("revert-commits", () => {
  test("plans a revert per file, newest commit first, without reading files", async () => {
    const files = repoFiles({});
    const planned = expectPlanned(await planAction("revert-commits", { commits: [A, B], files: ["k8s/shop.yaml", "src/app.ts", "k8s/shop.yaml"] }, files));
    expect(planned.changes).toEqual([
      { path: "k8s/shop.yaml", change: "revert", content: null, previous: null },
      { path: "src/app.ts", change: "revert", content: null, previous: null },
    ]);
    expect(planned.description).toEqual(["Revert 3f2a1c9.", "Revert 91be004."]);
    expect(planned.inverse).toEqual({ action: null, description: "Revert the revert commit, or cherry-pick 91be004, 3f2a1c9 again (oldest first), to restore the reverted changes." });
    expect(planned.call).toBeUndefined();
    expect(files.reads).toEqual([]);
  });

  test.each([
    [{ commits: [], files: ["a"] }, ["commits"]],
    [{ commits: ["3f2a1c9"], files: ["a"] }, ["commits", 0]],
    [{ commits: [A.toUpperCase()], files: ["a"] }, ["commits", 0]],
    [{ commits: [A], files: [] }, ["files"]],
    [{ commits: [A], files: ["src/../../etc/passwd"] }, ["files", 0]],
    [{ commits: [A] }, ["files"]],
  ])("%j names the bad parameter", async (params, path) => {
    const result = await planAction("revert-commits", params, repoFiles({}));
    if (result.kind !== "invalid-params") throw new Error(`expected invalid-params, got ${result.kind}`);
    expect(result.problems.map((p) => p.path)).toEqual([path]);
  });
});

describe("API and observe-only actions", () => {
  test.each([
    ["rerun-failed-jobs", { run_id: 9876543210 }, { kind: "rerun-failed-jobs", target: "9876543210" }, "Re-run the failed jobs of workflow run 9876543210."],
    ["open-incident-issue", { title: "shop: deploy failed on prod" }, { kind: "open-incident-issue", target: "shop: deploy failed on prod" }, 'Open an incident issue titled "shop: deploy failed on prod".'],
    ["comment", { target: 42, body: "Rolled back in #43." }, { kind: "comment", target: "42" }, 'Comment on #42: "Rolled back in #43.".'],
    ["comment", { target: "#42", body: "Rolled back." }, { kind: "comment", target: "42" }, 'Comment on #42: "Rolled back.".'],
    ["comment", { target: A, body: "This commit broke\nthe health check." }, { kind: "comment", target: A }, 'Comment on commit 3f2a1c9: "This commit broke".'],
  ] as const)("%s %j is a call, with no file change", async (kind, params, call, sentence) => {
    const planned = expectPlanned(await planAction(kind, params, repoFiles({})));
    expect(planned).toMatchObject({ changes: [], quantities: [], call, description: [sentence], inverse: { action: null } });
  });

  test.each([
    ["rerun-failed-jobs", { run_id: "123" }, ["run_id"]],
    ["rerun-failed-jobs", { run_id: 0 }, ["run_id"]],
    ["open-incident-issue", { title: "   " }, ["title"]],
    ["open-incident-issue", { title: "x".repeat(257) }, ["title"]],
    ["comment", { target: "main", body: "hi" }, ["target"]],
    ["comment", { target: 0, body: "hi" }, ["target"]],
    ["comment", { target: 42, body: "" }, ["body"]],
    ["comment", { target: 42 }, ["body"]],
  ] as const)("%s %j names the bad parameter", async (kind, params, path) => {
    const result = await planAction(kind, params, repoFiles({}));
    if (result.kind !== "invalid-params") throw new Error(`expected invalid-params, got ${result.kind}`);
    expect(result.problems.map((p) => p.path)).toEqual([path]);
  });
});
