import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import type { DiagnosisKit } from "../../src/core/diagnose/diagnose-run.js";
import { REPO_SIGNATURES_FILE } from "../../src/core/diagnose/repo-diagnosis-inputs.js";
import { renderMarker } from "../../src/core/render/hidden-marker.js";
import { loadDrill } from "../../src/sandbox/drill/load-drill.js";
import type { Sandbox } from "../../src/sandbox/sandbox-server.js";
import { ensureLabel } from "../../src/sandbox/state/ensure-label.js";
import type { Drill } from "../../src/schemas/drill.js";
import { agenticOpsApp, openDrillSession, type DrillSession } from "./support/drill-session.js";

let kit: DiagnosisKit;
let session: DrillSession | undefined;
beforeAll(async () => {
  kit = { signatures: await loadSignatures(), ranker: null, knownSecrets: [] };
});
afterEach(async () => {
  await session?.close();
  session = undefined;
});

// the kit is loaded in beforeAll, so it is read when a session starts
const app = (sandbox: Sandbox) => agenticOpsApp(undefined, kit)(sandbox);

/** The rate-limit drill without its faults, optionally with more files in its first commit. */
const ciFailure = async (files: Record<string, string> = {}): Promise<Drill> => {
  const drill = await loadDrill("drills/ci-failure-under-rate-limits.yml");
  const [first, ...rest] = drill.repo.commits;
  return { ...drill, faults: {}, repo: { ...drill.repo, commits: [{ ...first!, files: { ...first!.files, ...files } }, ...rest] } };
};

/** A closed issue as the bot leaves them, written straight into the sandbox's repository state. */
const seedIssue = (s: DrillSession, issue: { title: string; body: string; labels: string[] }) => {
  const { state } = s.sandbox;
  const repoState = s.seeded.repoState;
  const now = state.timestamp();
  const number = state.nextNumber(repoState);
  repoState.issues.push({
    number,
    id: state.id(),
    title: issue.title,
    body: issue.body,
    user: "agenticops[bot]",
    state: "closed",
    stateReason: "completed",
    labels: issue.labels.map((name) => ensureLabel(state, repoState, name).name),
    assignees: [],
    createdAt: now,
    updatedAt: now,
    closedAt: now,
    reactions: [],
  });
  return number;
};

const pastIncidentBody = [
  "## Summary",
  "- **Repository:** acme/web",
  "## Diagnosis",
  "**test-failure** (confidence 85%): cart totals keep cents failed after the rounding change: Expected 10.5, Received 11.",
  "## Evidence",
  "<details><summary>test</summary>\n\n```text\nunrelated log text\n```\n\n</details>",
  renderMarker({ incident: "inc-0123456789ab", kind: "incident-issue" }),
].join("\n\n");

describe("a failed CI run's comment, with the repository's own knowledge", () => {
  test("names a similar past incident labelled agenticops, and not an unlabelled look-alike", async () => {
    session = await openDrillSession(await ciFailure(), app);
    const past = seedIssue(session, { title: "[incident] CI failed on main: cart totals keep cents", body: pastIncidentBody, labels: ["agenticops"] });
    seedIssue(session, { title: "cart totals keep cents (user report)", body: pastIncidentBody.replace("inc-0123456789ab", "inc-ba9876543210"), labels: ["bug"] });
    await session.player.play();
    const [comment, ...more] = session.seeded.repoState.commitComments;
    expect(more).toEqual([]);
    expect(comment!.body).toContain("Similar past incidents: [CI failed on main: cart totals keep cents](");
    expect(comment!.body).toContain(`/acme/web/issues/${past})`);
    expect(comment!.body).not.toContain("user report");
    const listed = session.sandbox.log.apiCalls.filter((c) => c.method === "GET" && c.route === "/repos/{owner}/{repo}/issues");
    expect(listed).toHaveLength(1);
  });

  test("an invalid signatures file is a one-line note; the default signatures still diagnose", async () => {
    session = await openDrillSession(await ciFailure({ [REPO_SIGNATURES_FILE]: "version: 1\nsignatures:\n  - id: broken\n" }), app);
    await session.player.play();
    const [comment] = session.seeded.repoState.commitComments;
    expect(comment!.body).toContain("**test-failure**");
    expect(comment!.body).not.toMatch(/flaky \d+%/);
    expect(comment!.body).toMatch(/_`\.github\/agenticops\/signatures\.yaml` was ignored, the default signatures were used: \.github\/agenticops\/signatures\.yaml:3:5 [^\n]*_/);
  });

  test("a valid signatures file adds the repository's own signature", async () => {
    const own = [
      "version: 1",
      "signatures:",
      "  - id: acme-cart-cents",
      "    ecosystem: jest",
      "    cause: flaky",
      "    pattern: 'totals keep cents'",
      "    weight: 1",
      "    role: explains",
      "    summary: the cart cents test is a known flake",
      "    examples:",
      "      - { line: '● cart › totals keep cents', matches: true }",
      "",
    ].join("\n");
    session = await openDrillSession(await ciFailure({ [REPO_SIGNATURES_FILE]: own }), app);
    await session.player.play();
    const [comment] = session.seeded.repoState.commitComments;
    expect(comment!.body).not.toContain("was ignored");
    // the repository says this line is a known flake: that cause now competes with the default one
    expect(comment!.body).toMatch(/Other hypotheses: [^\n]*flaky \d+%/);
  });
});
