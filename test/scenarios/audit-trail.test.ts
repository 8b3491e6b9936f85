import { afterEach, describe, expect, test } from "@jest/globals";
import { fetchAuditFacts } from "../../src/adapters/github/fetch-audit-facts.js";
import { buildAuditTimeline, type AuditEvent } from "../../src/core/verify/audit-timeline.js";
import { auditGovernance } from "../../src/core/verify/audit-governance.js";
import { readFile } from "node:fs/promises";
import { parse, stringify } from "yaml";
import { parseDrill } from "../../src/sandbox/drill/load-drill.js";
import type { Drill } from "../../src/schemas/drill.js";
import { installationRestClient, openDrillSession, type DrillSession } from "./support/drill-session.js";

const REPO = { owner: "acme", name: "shop" };
const INCIDENT_BRANCH = /^agenticops\/(inc-[0-9a-f]{12})$/;
const BOT = "agenticops[bot]";

let session: DrillSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** The image-pin drill as shipped, followed by more events (a human reviewing and merging). */
const imagePin = async (...more: unknown[]): Promise<Drill> => {
  const raw = parse(await readFile("drills/rollback-image-pin.yml", "utf8")) as { events: unknown[] };
  raw.events.push(...more);
  return parseDrill(stringify(raw), "drills/rollback-image-pin.yml (extended)");
};

/** Plays the drill, keeps the sandbox up, and reads the incident back with the audit adapter. */
const auditAfter = async (drill: Drill) => {
  session = await openDrillSession(drill);
  await session.player.play();
  const prs = session.seeded.repoState.issues.filter((i) => i.pull);
  expect(prs).toHaveLength(1);
  const incident = INCIDENT_BRANCH.exec(prs[0]!.pull!.head)?.[1];
  if (!incident) throw new Error(`the bot's branch ${prs[0]!.pull!.head} names no incident`);
  const octokit = await installationRestClient(session);
  const facts = await fetchAuditFacts(octokit, REPO, { kind: "incident", incident });
  if (!facts) throw new Error(`the audit found nothing for ${incident}`);
  return { incident, facts, timeline: buildAuditTimeline(facts), number: prs[0]!.number };
};

const only = (timeline: AuditEvent[], kind: AuditEvent["kind"]): AuditEvent => {
  const found = timeline.filter((e) => e.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("audit trail of a rollback, read back from GitHub with the real adapter", () => {
  test("detected, pull request opened, bot commit with its trailers, then the human's review and merge, in order", async () => {
    const drill = await imagePin(
      { wait: { advance: "1h" } },
      { review: { on: "agent-pr", user: "dana", state: "approved" } },
      { wait: { advance: "10m" } },
      { merge: { on: "agent-pr", user: "dana" } },
    );
    const { incident, facts, timeline, number } = await auditAfter(drill);
    expect(facts.incident).toBe(incident);
    expect(facts.issue).toBeNull();
    expect(facts.commits).toHaveLength(1);
    expect(facts.pullRequest).toMatchObject({ state: "closed", merged: true, mergedBy: "dana" });

    const kinds = timeline.map((e) => e.kind);
    expect(kinds[0]).toBe("detected");
    // the commit is made just before the PR is opened: same second or the one before
    expect(new Set(kinds.slice(1, 3))).toEqual(new Set(["pr-opened", "commit"]));
    // the review refreshed the bot's policy check on the head
    expect(kinds.slice(3)).toEqual(["review", "policy-check", "merged"]);
    const times = timeline.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const detected = only(timeline, "detected");
    expect(detected).toMatchObject({ actor: BOT, detail: `incident ${incident} detected` });
    // the marker's detectedAt, not a time made up by the audit
    const marker = /<!-- agenticops:v1 (\{.*?\}) -->/.exec(facts.pullRequest?.body ?? "")?.[1];
    expect(Date.parse(detected.at)).toBe(Date.parse((JSON.parse(marker ?? "{}") as { detectedAt: string }).detectedAt));

    const opened = only(timeline, "pr-opened");
    expect(opened).toMatchObject({ actor: BOT, ref: `#${number}` });
    expect(opened.detail).toMatch(new RegExp(`^Roll back production: shop 1\\.5\\.0 → 1\\.4\\.2 .*\\(agenticops/${incident}\\)$`));

    const commit = only(timeline, "commit");
    expect(commit.ref).toBe(facts.commits[0]!.sha);
    expect(commit.detail).toMatch(/: action set-image-tag; runbook image-pin; policy allow \(mode@[0-9a-f]{4}, protected-paths@[0-9a-f]{4}, kill-switch@[0-9a-f]{4}, allowed-actions@[0-9a-f]{4}, rollback-scope@[0-9a-f]{4}, bounds@[0-9a-f]{4}, step-budget@[0-9a-f]{4}, rate-limit@[0-9a-f]{4}, approvals@[0-9a-f]{4}\)$/);

    const review = only(timeline, "review");
    expect(review).toMatchObject({ actor: "dana", detail: `approved at ${facts.commits[0]!.sha.slice(0, 7)} (counts)` });
    expect(only(timeline, "policy-check")).toMatchObject({ detail: "agenticops/policy success: Allowed set-image-tag; approved by dana", ref: facts.commits[0]!.sha });
    const merged = only(timeline, "merged");
    expect(merged).toMatchObject({ actor: "dana", ref: `#${number}` });
    expect(Date.parse(merged.at) - Date.parse(review.at)).toBeGreaterThanOrEqual(10 * 60_000);
    expect(Date.parse(review.at) - Date.parse(opened.at)).toBeGreaterThanOrEqual(60 * 60_000);
    // nothing else happened: no human push, comment or label change
    expect(kinds).toHaveLength(6);

    // what the audit read behind the scenes: GET …/issues/{n}/events (the merge's two events, none
    // for a fresh issue), and every call the audit made was served as GitHub would
    const octokit = await installationRestClient(session!);
    const events = await octokit.rest.issues.listEvents({ owner: REPO.owner, repo: REPO.name, issue_number: number });
    expect(events.data.map((e) => [e.event, e.actor?.login, e.created_at])).toEqual([
      ["merged", "dana", facts.pullRequest?.mergedAt],
      ["closed", "dana", facts.pullRequest?.closedAt],
    ]);
    const fresh = await octokit.rest.issues.create({ owner: REPO.owner, repo: REPO.name, title: "unrelated" });
    expect((await octokit.rest.issues.listEvents({ owner: REPO.owner, repo: REPO.name, issue_number: fresh.data.number })).data).toEqual([]);
    expect(session!.sandbox.log.problems()).toEqual([]);
  });

  test("a human pushes to the bot's branch and approves: the audit shows the approval not counted, the check waiting, nothing merged", async () => {
    const drill = await imagePin(
      { push: { branch: "{{pr.0.head}}", user: "eve", message: "keep the exporter on 0.9.1", files: { "k8s/exporter.yaml": "image: ghcr.io/acme/exporter:0.9.1\n" } } },
      { review: { on: "agent-pr", user: "eve", state: "approved" } },
      { review: { on: "agent-pr", user: "dana", state: "changes_requested", body: "pin 1.4.1, not 1.4.2" } },
    );
    const { facts, timeline } = await auditAfter(drill);
    const head = facts.commits.at(-1)!.sha.slice(0, 7);
    expect(timeline.filter((e) => e.kind === "review").map((e) => [e.actor, e.detail])).toEqual([
      ["eve", `approved at ${head} (not counted: pushed commits to this pull request: an approval of one's own change does not count)`],
      ["dana", `changes requested at ${head}`],
    ]);
    expect(only(timeline, "override")).toMatchObject({ actor: "dana", detail: `changes requested at ${head}: the bot will not merge` });
    const governance = auditGovernance(facts);
    expect(governance.approvals).toEqual({ counted: [], ignored: [{ login: "eve", reason: "pushed commits to this pull request: an approval of one's own change does not count" }] });
    expect(governance.policyCheck).toMatchObject({ conclusion: "action_required", title: "Changed by eve after the policy decision: needs 1 more approval from a reviewer with write access who did not push" });
    expect(facts.pullRequest).toMatchObject({ state: "open", merged: false });
    const labels = session!.seeded.repoState.issues.find((i) => i.pull)?.labels ?? [];
    expect(labels).toContain("agenticops/overridden");
    expect(session!.sandbox.log.problems()).toEqual([]);
  });
});
