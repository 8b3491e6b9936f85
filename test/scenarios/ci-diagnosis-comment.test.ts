import { afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import type { DiagnosisKit } from "../../src/core/diagnose/diagnose-run.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { DrillPlayer } from "../../src/sandbox/drill/drill-player.js";
import { loadDrill } from "../../src/sandbox/drill/load-drill.js";
import type { Sandbox } from "../../src/sandbox/sandbox-server.js";
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

/** The rate-limit drill without its faults: the comment itself is what is looked at here. */
const ciFailure = async (): Promise<Drill> => ({ ...(await loadDrill("drills/ci-failure-under-rate-limits.yml")), faults: {} });

/** Plays more events on the session's repository, as a later part of the same drill. */
const playMore = (s: DrillSession, drill: Drill, events: Drill["events"]) =>
  new DrillPlayer(s.sandbox, { ...drill, events }, s.seeded, s.installationId).play();

describe("a failed CI run on the default branch, in the sandbox", () => {
  test("gets one diagnosis comment on its commit; a redelivery leaves it, a re-run with another log edits it in place", async () => {
    const drill = await ciFailure();
    session = await openDrillSession(drill, app);
    await session.player.play();
    const comments = session.seeded.repoState.commitComments;
    expect(comments).toHaveLength(1);
    const [comment] = comments;
    expect(comment).toMatchObject({ user: "agenticops[bot]", commitId: session.seeded.commits[1] });
    expect(comment!.body).toContain("failed at `" + session.seeded.commits[1]!.slice(0, 7) + "` on `main`: **test-failure**");
    expect(comment!.body).toMatch(/● cart › totals keep cents\n(?:.*\n)*\s+Expected: 10\.5\n\s+Received: 11/);
    expect(readMarker(comment!.body)?.kind).toBe("diagnosis-comment");
    // no earlier run of CI on main: the failing commit alone is ranked, its files from one commit call
    const failing = session.seeded.commits[1]!.slice(0, 7);
    expect(comment!.body).toMatch(new RegExp(`\\| \`${failing}\` \\| fix: rounding in cart totals \\| Eve Engineer \\|`));
    expect(comment!.body).toContain(`Suspects were ranked from the failing commit \`${failing}\` alone: no earlier successful run of this workflow on \`main\` was found.`);
    const first = comment!.body;

    const redeliver = [{ github: "workflow_run", action: "completed", payload: { workflow_run: { id: "{{run.0}}" } } }] as Drill["events"];
    await playMore(session, drill, redeliver);
    expect(session.seeded.repoState.commitComments.map((c) => c.body)).toEqual([first]);

    const job = session.seeded.repoState.jobs.find((j) => j.conclusion === "failure");
    job!.log = job!.log.replace("Received: 11", "Received: 12");
    await playMore(session, drill, redeliver);
    const after = session.seeded.repoState.commitComments;
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(comment!.id);
    expect(after[0]!.body).toContain("Received: 12");
    const writes = session.sandbox.log.apiCalls.filter((c) => c.method !== "GET" && !c.path.endsWith("/access_tokens")).map((c) => `${c.method} ${c.route}`);
    expect(writes).toEqual(["POST /repos/{owner}/{repo}/commits/{commit_sha}/comments", "PATCH /repos/{owner}/{repo}/comments/{comment_id}"]);
    expect(session.seeded.repoState.issues).toEqual([]);
  });
});
