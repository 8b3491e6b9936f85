import { describe, expect, test } from "@jest/globals";
import { lastGoodFromDeployments, lastGoodFromRuns } from "../../src/core/plan/find-last-good.js";
import { deployment, run } from "./support/fake-deploy-history.js";

const sha = (c: string) => c.repeat(40);
const [A, B, C, D] = [sha("a"), sha("b"), sha("c"), sha("d")];

describe("lastGoodFromRuns", () => {
  const failing = { id: 1010, runNumber: 10, headSha: D };

  test("a newer successful run means the failure was superseded: stale", () => {
    const runs = [run(12, sha("e"), "success"), run(11, sha("e"), "failure"), run(10, D, "failure"), run(9, C, "success")];
    const result = lastGoodFromRuns(runs, failing);
    expect(result).toEqual({ kind: "stale", reason: "run #12 of the same workflow succeeded after the failure" });
  });

  test("a newer run that failed or is still running does not make the failure stale", () => {
    const runs = [run(12, sha("e"), null), run(11, sha("e"), "failure"), run(10, D, "failure"), run(9, C, "success")];
    expect(lastGoodFromRuns(runs, failing)).toMatchObject({ kind: "last-good", sha: C });
  });

  test("the newest success before the failure wins, skipping failed runs in between", () => {
    const runs = [run(10, D, "failure"), run(9, C, "failure"), run(8, B, "success"), run(7, A, "success")];
    expect(lastGoodFromRuns(runs, failing)).toEqual({
      kind: "last-good",
      sha: B,
      source: "workflow-run",
      id: 1008,
      at: "2026-11-23T12:08:00.000Z",
    });
  });

  test("the order of the list does not matter, run numbers do", () => {
    const runs = [run(7, A, "success"), run(10, D, "failure"), run(8, B, "success")];
    expect(lastGoodFromRuns(runs, failing)).toMatchObject({ sha: B });
  });

  test("an earlier success of the failing commit itself is not a version to roll back to", () => {
    const runs = [run(10, D, "failure"), run(9, D, "success"), run(8, B, "success")];
    expect(lastGoodFromRuns(runs, failing)).toMatchObject({ kind: "last-good", sha: B, id: 1008 });
  });

  test("the failing run re-run successfully (same id, latest attempt listed): stale", () => {
    const runs = [run(10, D, "success"), run(9, C, "success")];
    expect(lastGoodFromRuns(runs, failing)).toEqual({ kind: "stale", reason: "run #10 succeeded when it was re-run" });
  });

  test("the failing run listed as failed (its latest attempt) is not stale", () => {
    expect(lastGoodFromRuns([run(10, D, "failure"), run(9, C, "success")], failing)).toMatchObject({ kind: "last-good", sha: C });
  });

  test("no earlier successful run: none", () => {
    expect(lastGoodFromRuns([run(10, D, "failure"), run(9, C, "cancelled")], failing)).toEqual({
      kind: "none",
      reason: "no earlier successful run of this workflow on this branch",
    });
    expect(lastGoodFromRuns([], failing).kind).toBe("none");
  });
});

describe("lastGoodFromDeployments", () => {
  test("the newest earlier success of a different commit, whatever order the list comes in", () => {
    const list = [deployment(2, B, "success", 2), deployment(4, D, "failure", 4), deployment(1, A, "inactive", 1), deployment(3, C, "error", 3)];
    expect(lastGoodFromDeployments(list, { id: 4, sha: D })).toEqual({
      kind: "last-good",
      sha: B,
      source: "deployment",
      id: 2,
      at: "2026-11-23T12:02:00.000Z",
    });
  });

  test("when the failing deployment is not the newest, something was deployed since: stale", () => {
    const list = [deployment(5, sha("e"), "success", 5), deployment(4, D, "failure", 4), deployment(2, B, "success", 2)];
    const result = lastGoodFromDeployments(list, { id: 4, sha: D });
    expect(result).toEqual({ kind: "stale", reason: "a newer deployment of eeeeeee to production succeeded" });
  });

  test("a newer deployment still in progress also makes it stale, and says so", () => {
    const list = [deployment(5, sha("e"), null, 5), deployment(4, D, "failure", 4)];
    expect(lastGoodFromDeployments(list, { id: 4, sha: D })).toEqual({ kind: "stale", reason: "a newer deployment of eeeeeee to production is pending" });
  });

  test("inactive counts as once good: GitHub marks earlier successes inactive", () => {
    const list = [deployment(4, D, "failure", 4), deployment(3, C, "inactive", 3), deployment(2, B, "success", 2)];
    expect(lastGoodFromDeployments(list, { id: 4, sha: D })).toMatchObject({ kind: "last-good", sha: C, id: 3 });
  });

  test("an earlier deployment of the failing commit is skipped", () => {
    const list = [deployment(4, D, "failure", 4), deployment(3, D, "success", 3), deployment(2, B, "inactive", 2)];
    expect(lastGoodFromDeployments(list, { id: 4, sha: D })).toMatchObject({ kind: "last-good", sha: B, id: 2 });
  });

  test("equal timestamps are ordered by id, newest id first", () => {
    const list = [deployment(3, C, "success", 3), deployment(4, D, "failure", 3)];
    expect(lastGoodFromDeployments(list, { id: 4, sha: D })).toMatchObject({ kind: "last-good", sha: C });
    expect(lastGoodFromDeployments(list, { id: 3, sha: C }).kind).toBe("stale");
  });

  test("without a deployment id the failing deployment is found by its sha", () => {
    const list = [deployment(4, D, "failure", 4), deployment(2, B, "success", 2)];
    expect(lastGoodFromDeployments(list, { id: null, sha: D })).toMatchObject({ kind: "last-good", sha: B });
    const redeployed = [deployment(5, C, "success", 5), ...list];
    expect(lastGoodFromDeployments(redeployed, { id: null, sha: D }).kind).toBe("stale");
  });

  test("without a deployment id and no deployment of the failing sha, any other commit's success counts", () => {
    const list = [deployment(3, C, "failure", 3), deployment(2, B, "inactive", 2)];
    expect(lastGoodFromDeployments(list, { id: null, sha: D })).toMatchObject({ kind: "last-good", sha: B, id: 2 });
  });

  test("a failing deployment no longer listed (the history stops at the newest success) is stale, not rolled back to what came after it", () => {
    const list = [deployment(5, sha("e"), "success", 5)];
    expect(lastGoodFromDeployments(list, { id: 4, sha: D })).toEqual({ kind: "stale", reason: "a newer deployment of eeeeeee to production succeeded" });
  });

  test("no earlier success: none", () => {
    const list = [deployment(4, D, "failure", 4), deployment(3, C, "error", 3), deployment(2, B, null, 2)];
    expect(lastGoodFromDeployments(list, { id: 4, sha: D })).toEqual({ kind: "none", reason: "no earlier successful deployment to this environment" });
    expect(lastGoodFromDeployments([], { id: 4, sha: D }).kind).toBe("none");
  });
});
