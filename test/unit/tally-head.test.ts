import { beforeEach, describe, expect, test } from "@jest/globals";
import { tallyHead } from "../../src/core/act/tally-head.js";
import type { PolicyCheckRecord } from "../../src/schemas/policy-check-record.js";
import { FakeGovernanceHost } from "./support/fake-governance-host.js";

const repo = { owner: "acme", name: "shop" };
const BOT = "agenticops[bot]";
const SHA = "b".repeat(40);

const record = (approvals: PolicyCheckRecord["approvals"]): PolicyCheckRecord => ({
  incident: "inc-0123456789ab",
  action: "set-image-tag",
  runbook: "image-pin",
  risk: "low",
  verdict: "allow",
  rules: [{ rule: "approvals@1a2b", verdict: "allow", reason: "1 approval(s) required" }],
  requiredApprovals: approvals?.count ?? 1,
  approvals,
  automerge: { granted: true, reason: "granted" },
  evaluatedAt: "2026-11-23T14:05:00.000Z",
  sha: SHA,
});

let host: FakeGovernanceHost;
const approve = (user: string) => host.reviews.push({ user, state: "APPROVED", commitId: SHA, submittedAt: "2026-11-23T14:10:00Z" });
const tally = (r: PolicyCheckRecord) => tallyHead(host, repo, host.pr, { bot: BOT, committers: [], record: r });
const teamReads = () => host.reads.filter((r) => r.startsWith("team:")).sort();

beforeEach(() => {
  host = new FakeGovernanceHost({
    number: 7, url: "", title: "Pin shop", state: "open", merged: false, draft: false, author: BOT,
    headRef: "agenticops/inc-0123456789ab", headSha: SHA, baseRef: "main", body: "", labels: [],
  });
  host.permissions.set("eve", "write");
  host.permissions.set("frank", "write");
  host.teams.set("acme/sre", ["frank", "olga"]);
  host.files = ["k8s/deployment.yaml"];
});

describe("tallyHead and team approvals", () => {
  test("no team at stake: no membership is read", async () => {
    approve("eve");
    const result = await tally(record({ count: 1, teams: [], codeowners: false }));
    expect(result.approvedBy).toEqual(["eve"]);
    expect(teamReads()).toEqual([]);
  });

  test("an approval by a write-access non-member leaves the team's approval missing", async () => {
    approve("eve");
    const result = await tally(record({ count: 1, teams: ["acme/sre"], codeowners: false }));
    expect(result.approvedBy).toEqual(["eve"]);
    expect(result.missing).toEqual(["an approval from a member of acme/sre"]);
    expect(teamReads()).toEqual(["team:acme/sre:eve"]);
  });

  test("a member's approval satisfies the team; only counted approvers are looked up, once per team", async () => {
    host.teams.set("acme/dba", ["eve"]);
    host.permissions.set("olga", "read");
    approve("eve");
    approve("frank");
    approve("olga"); // a member, but without write access: never asked about, never counted
    approve(BOT);
    const result = await tally(record({ count: 1, teams: ["acme/sre", "@ACME/dba"], codeowners: false }));
    expect(result.approvedBy).toEqual(["eve", "frank"]);
    expect(result.missing).toEqual([]);
    expect(teamReads()).toEqual(["team:acme/dba:eve", "team:acme/dba:frank", "team:acme/sre:eve", "team:acme/sre:frank"]);
  });

  test("a membership the app cannot read fails closed and says which permission is missing", async () => {
    host.unreadableTeams.add("acme/sre");
    approve("frank");
    const result = await tally(record({ count: 1, teams: ["acme/sre"], codeowners: false }));
    expect(result.missing).toEqual([
      "an approval from a member of acme/sre; membership of acme/sre cannot be read (the app needs the members: read organisation permission)",
    ]);
  });

  test("a team named in CODEOWNERS: its member's approval counts as the code owner's, a non-member's does not", async () => {
    host.defaultBranchFiles.set(".github/CODEOWNERS", "/k8s/ @acme/sre\n");
    approve("eve");
    const missingOwner = await tally(record({ count: 1, teams: [], codeowners: true }));
    expect(missingOwner.approvedBy).toEqual([]);
    expect(missingOwner.ignored).toEqual([{ login: "eve", reason: "not a code owner of the changed files" }]);
    expect(missingOwner.missing).toEqual(["a code owner's approval for k8s/deployment.yaml (@acme/sre)"]);
    approve("frank");
    const owned = await tally(record({ count: 1, teams: [], codeowners: true }));
    expect(owned.approvedBy).toEqual(["frank"]);
    expect(owned.missing).toEqual([]);
  });

  test("an unreadable team among a file's code owners is named in that file's missing approval", async () => {
    host.defaultBranchFiles.set("CODEOWNERS", "* @acme/sre @olga\n");
    host.unreadableTeams.add("acme/sre");
    approve("frank");
    const result = await tally(record({ count: 1, teams: [], codeowners: true }));
    expect(result.approvedBy).toEqual([]);
    expect(result.missing).toEqual([
      "a code owner's approval for k8s/deployment.yaml (@acme/sre, @olga); membership of acme/sre cannot be read (the app needs the members: read organisation permission)",
    ]);
    expect(teamReads()).toEqual(["team:acme/sre:frank"]);
  });
});
