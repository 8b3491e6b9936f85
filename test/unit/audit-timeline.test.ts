import { describe, expect, test } from "@jest/globals";
import { formatCommitMessage } from "../../src/core/act/commit-trailers.js";
import { renderMarker } from "../../src/core/render/hidden-marker.js";
import { buildAuditTimeline, renderAuditTimeline, type AuditFacts } from "../../src/core/verify/audit-timeline.js";

const INCIDENT = "inc-2f9c1d0a4b7e";
const BOT = "agenticops[bot]";
// The marker with the detection time the renderer is expected to add (extra keys survive JSON).
const marker = renderMarker({ incident: INCIDENT, kind: "rollback-pr" }).replace("} -->", ',"detectedAt":"2024-05-01T14:02:30Z"} -->');

const botCommit = formatCommitMessage("Roll back deploy api@3f2a1c9 to 91be004", "Health check failing since 14:02.", {
  incident: INCIDENT,
  action: "revert-commits",
  runbook: "deploy-failed-rollback",
  policy: "allow (rollback-scope@3e1a, change-freeze@91c0)",
});

const facts = (over: Partial<AuditFacts> = {}): AuditFacts => ({
  incident: INCIDENT,
  pullRequest: {
    number: 42,
    title: "Roll back deploy api@3f2a1c9 to 91be004",
    state: "closed",
    merged: true,
    createdAt: "2024-05-01T14:03:10Z",
    closedAt: "2024-05-01T14:20:00Z",
    mergedAt: "2024-05-01T14:20:00Z",
    mergedBy: "alice",
    author: BOT,
    headBranch: `agenticops/${INCIDENT}`,
    body: `## Summary\n\nRoll back.\n\n---\n${marker}\n`,
  },
  commits: [
    { sha: "a".repeat(40), message: botCommit, author: BOT, date: "2024-05-01T14:03:05Z" },
    { sha: "b".repeat(40), message: "bump probe timeout\n\nneeded for the slow node pool", author: "bob", date: "2024-05-01T14:10:00Z" },
  ],
  reviews: [
    { user: "alice", state: "APPROVED", submittedAt: "2024-05-01T14:15:00Z", commitId: "b".repeat(40) },
    { user: "carol", state: "PENDING", submittedAt: null, commitId: null },
  ],
  comments: [
    { user: "bob", body: "@alice pushing a probe fix on top | please re-check", createdAt: "2024-05-01T14:09:00Z", on: "pr" },
    { user: BOT, body: `<!-- agenticops:v1 {"incident":"${INCIDENT}","kind":"diagnosis-comment"} -->\nA human pushed to this branch; I will not push again.`, createdAt: "2024-05-01T14:10:30Z", on: "pr" },
  ],
  issue: { number: 41, createdAt: "2024-05-01T14:03:00Z", closedAt: "2024-05-01T14:30:00+02:00" },
  labelEvents: [{ actor: "alice", label: "rollback", action: "labeled", createdAt: "2024-05-01T14:16:00Z", on: "pr" }],
  ...over,
});

describe("buildAuditTimeline", () => {
  const events = buildAuditTimeline(facts());

  test("orders every fact chronologically in UTC, with detection taken from the PR's marker", () => {
    expect(events.map((e) => [e.at, e.kind])).toEqual([
      ["2024-05-01T12:30:00Z", "issue-closed"], // +02:00 normalised: closed before detection, and shown so
      ["2024-05-01T14:02:30Z", "detected"],
      ["2024-05-01T14:03:00Z", "issue-opened"],
      ["2024-05-01T14:03:05Z", "commit"],
      ["2024-05-01T14:03:10Z", "pr-opened"],
      ["2024-05-01T14:09:00Z", "comment"],
      ["2024-05-01T14:10:00Z", "human-push"],
      ["2024-05-01T14:10:30Z", "comment"],
      ["2024-05-01T14:15:00Z", "review"],
      ["2024-05-01T14:16:00Z", "labeled"],
      ["2024-05-01T14:20:00Z", "merged"],
    ]);
  });

  test("bot commits carry the decisions from their trailers; commits without trailers are human pushes", () => {
    const commit = events.find((e) => e.kind === "commit")!;
    expect(commit).toMatchObject({ actor: BOT, ref: "a".repeat(40) });
    expect(commit.detail).toBe(
      "Roll back deploy api@3f2a1c9 to 91be004: action revert-commits; runbook deploy-failed-rollback; policy allow (rollback-scope@3e1a, change-freeze@91c0)",
    );
    expect(events.find((e) => e.kind === "human-push")).toMatchObject({ actor: "bob", detail: `bump probe timeout (pushed to agenticops/${INCIDENT} without Agenticops trailers)` });
  });

  test("reviews name state and commit, pending reviews are skipped, comments show their first visible line", () => {
    expect(events.filter((e) => e.kind === "review")).toEqual([{ at: "2024-05-01T14:15:00Z", actor: "alice", kind: "review", detail: "approved at bbbbbbb", ref: "b".repeat(40) }]);
    expect(events.filter((e) => e.kind === "comment").map((e) => e.detail)).toEqual([
      "on the pull request: @alice pushing a probe fix on top | please re-check",
      "on the pull request: A human pushed to this branch; I will not push again.",
    ]);
    expect(events.find((e) => e.kind === "merged")).toMatchObject({ actor: "alice", ref: "#42" });
  });

  test("a PR closed without merging, no marker time, and an issue-only incident", () => {
    const pr = { ...facts().pullRequest!, merged: false, mergedAt: null, mergedBy: null, body: renderMarker({ incident: INCIDENT, kind: "rollback-pr" }) };
    const kinds = buildAuditTimeline(facts({ pullRequest: pr, commits: [], reviews: [], comments: [], labelEvents: [], issue: null })).map((e) => e.kind);
    expect(kinds).toEqual(["pr-opened", "closed-unmerged"]);
    const issueOnly = buildAuditTimeline(facts({ pullRequest: null, commits: [], reviews: [], comments: [], labelEvents: undefined, issue: { number: 7, createdAt: "2024-05-01T14:03:00Z", closedAt: null, body: marker } }));
    expect(issueOnly.map((e) => e.kind)).toEqual(["detected", "issue-opened"]);
  });

  test("a marker about another incident, or a tampered one, gives no detection time", () => {
    const other = marker.replace(INCIDENT, "inc-ffffffffffff");
    const tampered = marker.replace("2024-05-01T14:02:30Z", "yesterday");
    for (const body of [other, tampered, null]) {
      const pr = { ...facts().pullRequest!, body };
      expect(buildAuditTimeline(facts({ pullRequest: pr })).some((e) => e.kind === "detected")).toBe(false);
    }
  });
});

describe("renderAuditTimeline", () => {
  const events = buildAuditTimeline(facts());

  test("text: one aligned line per event", () => {
    const lines = renderAuditTimeline(events, "text").split("\n");
    expect(lines).toHaveLength(events.length);
    expect(lines[1]).toBe(`2024-05-01T14:02:30Z  detected         ${BOT}  incident ${INCIDENT} detected`);
    // time (20) + kind (15) + actor (widest, 15) with two-space gaps: every detail starts in column 56
    expect(lines.every((l) => /^\S+ {2}[a-z-]+ +\S+ +$/.test(l.slice(0, 56)) && l[56] !== " ")).toBe(true);
  });

  test("markdown: a table whose cells cannot break the table or mention anyone", () => {
    const md = renderAuditTimeline(events, "markdown").split("\n");
    expect(md[0]).toBe("| Time (UTC) | Event | Actor | Detail |");
    expect(md).toHaveLength(events.length + 2);
    const comment = md.find((l) => l.includes("pushing a probe fix"))!;
    expect(comment).toBe("| 2024-05-01T14:09:00Z | comment | `bob` | on the pull request: &#64;alice pushing a probe fix on top \\| please re-check |");
  });

  test("json: the events themselves; empty timelines say so", () => {
    expect(JSON.parse(renderAuditTimeline(events, "json"))).toEqual(events);
    expect(renderAuditTimeline([], "text")).toBe("no events");
    expect(renderAuditTimeline([], "json")).toBe("[]");
  });
});
