import { describe, expect, test } from "@jest/globals";
import { formatCommitMessage } from "../../src/core/act/commit-trailers.js";
import { renderMarker } from "../../src/core/render/hidden-marker.js";
import { buildAuditTimeline, renderAuditTimeline, type AuditFacts } from "../../src/core/verify/audit-timeline.js";
import { auditGovernance, renderAuditGovernance } from "../../src/core/verify/audit-governance.js";

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
    expect(events.filter((e) => e.kind === "review")).toEqual([{ at: "2024-05-01T14:15:00Z", actor: "alice", kind: "review", detail: "approved at bbbbbbb (counts)", ref: "b".repeat(40) }]);
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

describe("approvals and overrides in the audit", () => {
  const HEAD = "b".repeat(40);
  const overrideComment = renderMarker({
    incident: INCIDENT,
    kind: "override-comment",
    overrides: [
      { kind: "changes-requested", by: "carol", at: "2024-05-01T14:12:00Z", sha: HEAD },
      { kind: "closed-unmerged", by: "dave", at: "2024-05-01T14:40:00Z", sha: HEAD },
    ],
  });
  const governed = facts({
    pullRequest: { ...facts().pullRequest!, merged: false, mergedAt: null, mergedBy: null, closedAt: "2024-05-01T14:40:00Z" },
    reviews: [
      { user: "bob", state: "APPROVED", submittedAt: "2024-05-01T14:11:00Z", commitId: HEAD },
      { user: "alice", state: "APPROVED", submittedAt: "2024-05-01T14:05:00Z", commitId: "a".repeat(40) },
      { user: "carol", state: "APPROVED", submittedAt: "2024-05-01T14:06:00Z", commitId: HEAD },
      { user: "carol", state: "CHANGES_REQUESTED", submittedAt: "2024-05-01T14:12:00Z", commitId: HEAD },
    ],
    comments: [{ user: BOT, body: `**Human override recorded.**\n\n${overrideComment}`, createdAt: "2024-05-01T14:12:05Z", on: "pr" }],
    policyCheck: { headSha: HEAD, status: "completed", conclusion: "action_required", title: "Changed by bob after the policy decision: needs 1 more approval", completedAt: "2024-05-01T14:11:02Z" },
  });
  const timeline = buildAuditTimeline(governed);

  test("each approval says whether it counts: not by someone who pushed, not on an older commit, not when superseded", () => {
    expect(timeline.filter((e) => e.kind === "review").map((e) => [e.actor, e.detail])).toEqual([
      ["alice", "approved at aaaaaaa (not counted: approved aaaaaaa, not the current head bbbbbbb)"],
      ["carol", "approved at bbbbbbb (superseded by a later review)"],
      ["bob", "approved at bbbbbbb (not counted: pushed commits to this pull request: an approval of one's own change does not count)"],
      ["carol", "changes requested at bbbbbbb"],
    ]);
  });

  test("recorded overrides are events, and closing unmerged names who closed it", () => {
    expect(timeline.filter((e) => e.kind === "override").map((e) => [e.at, e.actor, e.detail])).toEqual([
      ["2024-05-01T14:12:00Z", "carol", "changes requested at bbbbbbb: the bot will not merge"],
      ["2024-05-01T14:40:00Z", "dave", "closed without merging: not proposed again"],
    ]);
    expect(timeline.find((e) => e.kind === "closed-unmerged")).toMatchObject({ actor: "dave" });
    expect(timeline.find((e) => e.kind === "policy-check")).toMatchObject({ detail: "agenticops/policy action_required: Changed by bob after the policy decision: needs 1 more approval", ref: HEAD });
  });

  test("the summary lists approvals, overrides and the policy check per incident", () => {
    const summary = auditGovernance(governed);
    expect(summary.approvals).toEqual({
      counted: [],
      ignored: [
        { login: "bob", reason: "pushed commits to this pull request: an approval of one's own change does not count" },
        { login: "alice", reason: "approved aaaaaaa, not the current head bbbbbbb" },
      ],
    });
    expect(summary.overrides.map((o) => o.by)).toEqual(["carol", "dave"]);
    expect(renderAuditGovernance(summary)).toBe(
      [
        "approvals on bbbbbbb: bob not counted (pushed commits to this pull request: an approval of one's own change does not count); alice not counted (approved aaaaaaa, not the current head bbbbbbb)",
        "overrides: changes requested by carol at 2024-05-01T14:12:00Z; closed unmerged by dave at 2024-05-01T14:40:00Z",
        "policy check on bbbbbbb: action_required — Changed by bob after the policy decision: needs 1 more approval",
      ].join("\n"),
    );
  });

  test("a human quoting the override marker records nothing", () => {
    const quoted = facts({ comments: [{ user: "mallory", body: overrideComment, createdAt: "2024-05-01T14:12:05Z", on: "pr" }] });
    expect(auditGovernance(quoted).overrides).toEqual([]);
  });
});
