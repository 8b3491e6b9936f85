import { beforeEach, describe, expect, test } from "@jest/globals";
import { handOverBranch } from "../../src/core/act/hand-over-branch.js";
import { readMarker, renderMarker } from "../../src/core/render/hidden-marker.js";
import { InMemoryChangePublisher } from "./support/in-memory-change-publisher.js";
import { repo } from "./support/rollback-fixtures.js";

const INCIDENT = "inc-0123456789ab";
const BRANCH = `agenticops/${INCIDENT}`;
const push = { branch: BRANCH, incidentId: INCIDENT, pusher: "alice", sha: "4f9c1d2e".padEnd(40, "0") };

let publisher: InMemoryChangePublisher;
beforeEach(() => {
  publisher = new InMemoryChangePublisher();
});

describe("handOverBranch", () => {
  test("a human push to the bot's branch with an open PR: one comment hands the PR over", async () => {
    publisher.addPull("some-other-branch");
    const pr = publisher.addPull(BRANCH);
    await expect(handOverBranch(publisher, repo, push)).resolves.toEqual({ kind: "commented", pr: pr.number });
    const [body] = publisher.comments.get(pr.number) ?? [];
    expect(body).toContain(`@alice pushed 4f9c1d2 to \`${BRANCH}\`. AgenticOps will not push to this branch again: this pull request is now in your hands.`);
    expect(body).toContain("closing it without merging tells the bot not to propose this rollback again");
    expect(readMarker(body)).toEqual({ incident: INCIDENT, kind: "handover-comment" });
    expect(publisher.writes).toEqual([{ op: "comment", number: pr.number }]);
  });

  test("a second push does not comment again", async () => {
    const pr = publisher.addPull(BRANCH);
    await handOverBranch(publisher, repo, push);
    const again = await handOverBranch(publisher, repo, { ...push, pusher: "bob", sha: "9".repeat(40) });
    expect(again).toEqual({ kind: "already-handed-over", pr: pr.number });
    expect(publisher.comments.get(pr.number)).toHaveLength(1);
  });

  test("other comments on the PR, or another incident's hand-over, do not count", async () => {
    const pr = publisher.addPull(BRANCH);
    await publisher.comment(repo, pr.number, "LGTM, but let me fix the tag by hand");
    await publisher.comment(repo, pr.number, renderMarker({ incident: "inc-ffffffffffff", kind: "handover-comment" }));
    await publisher.comment(repo, pr.number, renderMarker({ incident: INCIDENT, kind: "diagnosis-comment" }));
    expect(await handOverBranch(publisher, repo, push)).toEqual({ kind: "commented", pr: pr.number });
    expect(publisher.comments.get(pr.number)).toHaveLength(4);
  });

  test("no open PR on the branch (closed, merged or none): nothing is written", async () => {
    expect(await handOverBranch(publisher, repo, push)).toEqual({ kind: "no-open-pr" });
    publisher.addPull(BRANCH, { state: "closed" });
    publisher.addPull(BRANCH, { state: "closed", merged: true });
    expect(await handOverBranch(publisher, repo, push)).toEqual({ kind: "no-open-pr" });
    expect(publisher.writes).toEqual([]);
  });

  test("the open PR is picked among closed ones from the same branch", async () => {
    publisher.addPull(BRANCH, { state: "closed" });
    const open = publisher.addPull(BRANCH);
    expect(await handOverBranch(publisher, repo, push)).toEqual({ kind: "commented", pr: open.number });
  });
});
