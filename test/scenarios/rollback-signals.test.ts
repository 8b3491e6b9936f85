import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { parseCommitTrailers } from "../../src/core/act/commit-trailers.js";
import { parseDrill } from "../../src/sandbox/drill/load-drill.js";
import { renderDeployment, renderDeploymentStatus } from "../../src/sandbox/render/render-deployment.js";
import {
  CREATE_ISSUE,
  CREATE_REF,
  countCalls,
  failedExpectations,
  fileAt,
  incidentOfBranch,
  loggedPushes,
  markerIncident,
  onlyPullRequest,
  patchLines,
  playDrill,
  routes,
  shellBlock,
  writes,
  type Played,
} from "./support/rollback-result.js";
import { agenticOpsApp, openDrillSession, recordingWorkspace, type DrillSession } from "./support/drill-session.js";

/** Nothing was written by any path: no branch, no pull request, no push, no clone. */
const expectNoRollbackBranch = ({ result, pushes, clones }: Played) => {
  expect(result.pullRequests).toEqual([]);
  expect(countCalls(result, CREATE_REF)).toBe(0);
  expect(pushes).toEqual([]);
  expect(loggedPushes(result)).toEqual([]);
  expect(clones).toBe(0);
};

describe("rollback from other signals, and the gates that stop it", () => {
  test("deployment_status failure: last good from the deployments API, Helm tag pinned back with its quotes", async () => {
    const played = await playDrill("rollback-deployment-status.yml");
    const { result, drill } = played;
    expect(failedExpectations(result)).toEqual([]);
    const pr = onlyPullRequest(result);
    expect(pr.files.map((f) => f.filename)).toEqual(["chart/values.yaml"]);
    const lines = patchLines(pr.files[0]!.patch ?? "");
    expect(lines.other).toEqual([]);
    expect(lines.removed).toEqual(['  tag: "1.5.0"   # set by the release pipeline']);
    expect(lines.added).toEqual(['  tag: "1.4.2"   # set by the release pipeline']);
    // the hunk is a window of the failing file before and of the last good file after
    expect(fileAt(drill, 1, "chart/values.yaml")).toContain(`${lines.before.join("\n")}\n`);
    expect(fileAt(drill, 0, "chart/values.yaml")).toContain(`${lines.after.join("\n")}\n`);
    expect(parseCommitTrailers(pr.commits[0]!.message)).toMatchObject({ incident: incidentOfBranch(pr.head), action: "set-image-tag" });

    // "last good" came from the environment's deployments, not from workflow runs
    const called = routes(result);
    expect(called).toContain("GET /repos/{owner}/{repo}/deployments");
    expect(called.filter((r) => r.includes("/actions/"))).toEqual([]);
    const good = /rolls it back to `([0-9a-f]{7})`, the last successful deployment/.exec(pr.body)?.[1];
    expect(good).toBeDefined();
    const compare = result.apiCalls.find((c) => c.route === "/repos/{owner}/{repo}/compare/{base}...{head}");
    expect(compare?.path).toMatch(new RegExp(`/compare/${good}[0-9a-f]{33}\\.\\.\\.[0-9a-f]{40}$`));
    expect(played.clones).toBe(0);
  });

  test("observe mode: one incident issue with the evidence, no branch, no pull request", async () => {
    const played = await playDrill("rollback-observe-mode.yml");
    expect(failedExpectations(played.result)).toEqual([]);
    expectNoRollbackBranch(played);
    expect(writes(played.result)).toEqual([CREATE_ISSUE]);
    expect(played.result.issues).toHaveLength(1);
    expect(played.result.issues[0]!.body).toContain("Error: health check /healthz returned 503 for 120s");
  });

  test("third-party check suite failing on main: an incident issue says why there is no rollback", async () => {
    const played = await playDrill("rollback-check-suite-main.yml");
    expect(failedExpectations(played.result)).toEqual([]);
    expectNoRollbackBranch(played);
    expect(writes(played.result)).toEqual([CREATE_ISSUE]);
    // nothing to compare against: the bot never looked for a range
    expect(routes(played.result).filter((r) => r.includes("/compare/") || r.includes("/deployments"))).toEqual([]);
    const issue = played.result.issues[0]!;
    expect(issue.title).toMatch(/CircleCI Checks failed at [0-9a-f]{7} on main/);
    expect(issue.body).toContain("## Why there is no rollback pull request\n\nNothing to roll back to: a failed check suite does not say which version was good before it.");
  });

  test("protected path in the range: the gate denies, the issue carries its reasons and the commands", async () => {
    const played = await playDrill("rollback-protected-path-denied.yml");
    expect(failedExpectations(played.result)).toEqual([]);
    expectNoRollbackBranch(played);
    expect(writes(played.result)).toEqual([CREATE_ISSUE]);
    const body = played.result.issues[0]!.body;
    expect(body).toMatch(/The policy gate denied the rollback \(protected-paths@[0-9a-f]{4}: touches protected paths: \.github\/agenticops\.yml\)\./);
    // only the protected-paths rule denied: the range's own files are in scope
    expect(body).not.toMatch(/rollback-scope@[0-9a-f]{4}: touches files outside/);
    const incident = markerIncident(body);
    expect(shellBlock(body)).toContain(`git push -u origin agenticops/${incident}`);
  });
});

/**
 * The status of an older deployment arriving after a newer one was made. A drill cannot express
 * this yet: its `deployment_status` event always creates a new (hence newest) deployment, and no
 * template names an existing one. So the repository comes from a drill and the late delivery is
 * made here, through the same player the drills use.
 */
const LATE_STATUS_DRILL = `
name: rollback-newer-deployment-is-stale
repo:
  owner: acme
  name: shop
  commits:
    - message: initial import
      files:
        .github/agenticops.yml: "version: 1\\ndeploys: [{ workflow: argo-sync, environment: production }]\\n"
        chart/values.yaml: "image:\\n  repository: ghcr.io/acme/shop\\n  tag: \\"1.4.2\\"\\n"
    - message: "release: shop 1.5.0"
      files:
        chart/values.yaml: "image:\\n  repository: ghcr.io/acme/shop\\n  tag: \\"1.5.0\\"\\n"
    - message: "release: shop 1.5.1"
      files:
        chart/values.yaml: "image:\\n  repository: ghcr.io/acme/shop\\n  tag: \\"1.5.1\\"\\n"
  deployments:
    - { environment: production, sha: "{{commits.0}}", state: success }
    - { environment: production, sha: "{{commits.1}}", state: failure }
    - { environment: production, sha: "{{commits.2}}", state: success }
events:
  - wait: { advance: 5m }
`;

describe("a failed deployment that is no longer the newest of its environment", () => {
  const recorder = recordingWorkspace();
  let session: DrillSession | undefined;

  // the world is built once: the drill's history, then the late delivery of the older failure
  beforeAll(async () => {
    session = await openDrillSession(parseDrill(LATE_STATUS_DRILL, "rollback-newer-deployment-is-stale.yml"), agenticOpsApp(recorder.workspace));
    await session.player.play();
    const { sandbox, seeded } = session;
    const repoState = seeded.repoState;
    const failed = repoState.deployments.find((d) => d.sha === seeded.commits[1]);
    const status = failed?.statuses.at(-1);
    if (!failed || status?.state !== "failure") throw new Error("the seeded failed deployment is missing");
    if (repoState.deployments.at(-1)?.sha !== seeded.commits[2]) throw new Error("the newer deployment is not the newest");
    const env = sandbox.restContext();
    await session.player.deliver("deployment_status", "created", "acme", {
      deployment: renderDeployment(env, repoState, failed),
      deployment_status: { ...renderDeploymentStatus(env, repoState, failed, status), log_url: "https://argocd.example.com/applications/shop" },
      workflow_run: null,
    });
  });
  afterAll(async () => {
    await session?.close();
  });

  test("the late status is answered, read against the environment's deployments, and nothing is pushed", () => {
    const { sandbox, seeded } = session!;
    expect(sandbox.log.webhooks.map((w) => [w.event, w.status])).toEqual([["deployment_status", 200]]);
    expect(sandbox.log.apiCalls.map((c) => `${c.method} ${c.route}`)).toContain("GET /repos/{owner}/{repo}/deployments");
    expect(recorder.pushes).toEqual([]);
    expect(recorder.clones()).toBe(0);
    expect(seeded.repoState.issues.filter((i) => i.pull)).toEqual([]);
    expect(sandbox.log.problems()).toEqual([]);
  });

  // Regression guard: the history listing stops at the newest success, which hid the failing
  // deployment, and that newer success used to be taken as "last good" (an incident issue "… is
  // behind of the last good …" was opened); fixed in eccceaf.
  test("it is stale: nothing is written, not even an incident issue", () => {
    const { sandbox, seeded } = session!;
    const writes = sandbox.log.apiCalls.filter((c) => c.method !== "GET" && !c.route.endsWith("/access_tokens"));
    expect(writes.map((c) => `${c.method} ${c.route}`)).toEqual([]);
    expect(seeded.repoState.issues).toEqual([]);
  });
});
