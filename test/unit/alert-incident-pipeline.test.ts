import { describe, expect, test } from "@jest/globals";
import { GITHUB_CONTENT_LIMITS } from "../../src/core/act/write-budget.js";
import { WriteLedger } from "../../src/core/act/write-ledger.js";
import { AlertIncidentPipeline, DEFAULT_ALERT_INCIDENT_SETTINGS, type AlertIncidentSettings } from "../../src/core/alert-incident-pipeline.js";
import { readStateBlock } from "../../src/core/render/alert-incident-state-block.js";
import { readMarker, renderMarker } from "../../src/core/render/hidden-marker.js";
import type { RepoAccess } from "../../src/ports/alert-incident-host.js";
import type { RemediationPlanner } from "../../src/ports/remediation-planner.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { VirtualTime } from "../../src/sandbox/virtual-time.js";
import { T0, alert, at, notification, resolved } from "./support/alert-notifications.js";
import { InMemoryAlertHost } from "./support/in-memory-alert-host.js";

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const config = RepoConfig.parse({ services: [{ name: "checkout", files: ["k8s/checkout.yaml"], owners: ["@acme/payments"] }] });

interface World {
  time: VirtualTime;
  ledger: WriteLedger;
  host: InMemoryAlertHost;
  start: (options?: { settings?: Partial<AlertIncidentSettings>; remediation?: RemediationPlanner; optedIn?: boolean }) => AlertIncidentPipeline;
}

const world = (): World => {
  const time = new VirtualTime(T0);
  const ledger = new WriteLedger(time);
  const host = new InMemoryAlertHost(ledger);
  const start: World["start"] = (options = {}) => {
    const access: RepoAccess = { installation: "1", host, config };
    return new AlertIncidentPipeline(
      { access: async () => (options.optedIn === false ? null : access), clock: time, timers: time, ledger, log: quiet, ...(options.remediation ? { remediation: options.remediation } : {}) },
      { ...DEFAULT_ALERT_INCIDENT_SETTINGS, limits: GITHUB_CONTENT_LIMITS, ...options.settings },
    );
  };
  return { time, ledger, host, start };
};

/** Delivers `post` at its receivedAt on the virtual clock, running whatever writes come due before it. */
const deliver = async (w: World, pipeline: AlertIncidentPipeline, post: ReturnType<typeof notification>): Promise<void> => {
  await w.time.advanceTo(Date.parse(post.receivedAt), () => pipeline.idle());
  await pipeline.accept(post);
};
const drain = async (w: World, pipeline: AlertIncidentPipeline) => w.time.runAll(() => pipeline.idle());

const a1 = alert("HighLatency", "pod-1");
const a2 = alert("HighLatency", "pod-2");
const errors = alert("HighErrorRate", "pod-1");

describe("AlertIncidentPipeline: one issue per incident, updated in place", () => {
  test("a storm of posts for one service becomes one issue with the final state, in a handful of writes", async () => {
    const w = world();
    const pipeline = w.start();
    for (let i = 0; i < 30; i += 1) {
      await deliver(w, pipeline, notification("HighLatency", [a1, a2], { receivedAt: at(i * 0.1) }));
      await deliver(w, pipeline, notification("HighErrorRate", [errors], { receivedAt: at(i * 0.1 + 0.05) }));
    }
    await drain(w, pipeline);
    const [issue, ...others] = w.host.issues();
    expect(others).toEqual([]);
    expect(issue!.labels).toEqual(["agenticops", "alert", "severity/critical"]);
    expect(issue!.title).toBe("[alert] checkout: HighLatency");
    expect(issue!.body).toContain("**3 of 3 alerts firing** for service **checkout**");
    expect(issue!.body).toContain("owners @acme/payments");
    expect(w.host.writes).toEqual(["create issue", `update #${issue!.number}`]);
  });

  test("HA duplicates and repeats write nothing more", async () => {
    const w = world();
    const pipeline = w.start();
    const post = notification("HighLatency", [a1, a2]);
    await deliver(w, pipeline, post);
    await drain(w, pipeline);
    await deliver(w, pipeline, { ...post, id: "replica-b", receivedAt: at(1) });
    await deliver(w, pipeline, { ...post, id: "repeat", receivedAt: at(5) });
    await drain(w, pipeline);
    expect(w.host.writes).toEqual(["create issue"]);
  });

  test("a repository that has not opted in gets nothing", async () => {
    const w = world();
    const pipeline = w.start({ optedIn: false });
    await deliver(w, pipeline, notification("HighLatency", [a1]));
    await drain(w, pipeline);
    expect(w.host.items).toEqual([]);
    expect(w.host.reads).toEqual([]);
  });
});

describe("AlertIncidentPipeline: resolution", () => {
  test("when every alert resolved: the body says so, then the issue is closed, labelled `resolved` and commented, once", async () => {
    const w = world();
    const pipeline = w.start();
    await deliver(w, pipeline, notification("HighLatency", [a1]));
    await deliver(w, pipeline, notification("HighLatency", [resolved(a1, 3)], { receivedAt: at(3) }));
    await deliver(w, pipeline, notification("HighLatency", [resolved(a1, 3)], { receivedAt: at(4), id: "replica-b" }));
    await drain(w, pipeline);
    const issue = w.host.issues()[0]!;
    expect(w.host.writes).toEqual(["create issue", `update #${issue.number} closed`, `label #${issue.number} resolved`, `comment #${issue.number}`]);
    expect(issue.state).toBe("closed");
    expect(issue.body).toContain("**Resolved** at 2026-11-23T14:03:00.000Z");
    expect(issue.comments[0]!.body).toContain("All alerts of this incident resolved (last at 2026-11-23T14:03:00.000Z); closing.");
  });

  test("a flap within the window reopens the same issue and drops the label", async () => {
    const w = world();
    const pipeline = w.start();
    await deliver(w, pipeline, notification("HighLatency", [a1]));
    await deliver(w, pipeline, notification("HighLatency", [resolved(a1, 1)], { receivedAt: at(1) }));
    await drain(w, pipeline);
    await deliver(w, pipeline, notification("HighLatency", [{ ...a1, startsAt: at(4) }], { receivedAt: at(4) }));
    await drain(w, pipeline);
    const issue = w.host.issues()[0]!;
    expect(w.host.issues()).toHaveLength(1);
    expect(issue.state).toBe("open");
    expect(w.host.writes.slice(-2)).toEqual([`update #${issue.number} open`, `unlabel #${issue.number} resolved`]);
  });

  test("a pending remediation pull request is told the incident resolved on its own before merge", async () => {
    const w = world();
    const pipeline = w.start();
    const pr = w.host.seed({ kind: "pull-request", body: "fix", labels: ["agenticops"] });
    await deliver(w, pipeline, notification("HighLatency", [a1]));
    const id = [...pipeline.book.all()][0]!.id;
    expect(pipeline.recordPullRequest(id, pr.number)).toBe(true);
    expect(pipeline.recordPullRequest(id, pr.number + 1)).toBe(false);
    await deliver(w, pipeline, notification("HighLatency", [resolved(a1, 2)], { receivedAt: at(2) }));
    await drain(w, pipeline);
    expect(pr.labels).toContain("resolved-before-merge");
    expect(pr.comments).toHaveLength(1);
    expect(pr.comments[0]!.body).toMatch(/^Resolved on its own before merge: every alert of incident `inc-[0-9a-f]{12}` resolved at 2026-11-23T14:02:00.000Z/);
    expect(readMarker(pr.comments[0]!.body)).toEqual({ incident: id, kind: "resolution-note" });
  });
});

describe("AlertIncidentPipeline: restart", () => {
  test("a new process finds the open issue by label and marker, updates it, and opens no second one", async () => {
    const w = world();
    const first = w.start();
    await deliver(w, first, notification("HighLatency", [a1]));
    await drain(w, first);
    const second = w.start();
    await deliver(w, second, notification("HighLatency", [a1, a2], { receivedAt: at(2) }));
    await drain(w, second);
    expect(w.host.issues()).toHaveLength(1);
    const issue = w.host.issues()[0]!;
    expect(w.host.writes).toEqual(["create issue", `update #${issue.number}`]);
    expect(readStateBlock(issue.body)!.alerts.map((a) => a[0]).sort()).toEqual([a1.fingerprint, a2.fingerprint].sort());
    expect(w.host.reads).toEqual(["list open", "list closed", "list open", "list closed"]);
  });

  test("a journal replay after a restart, of posts whose incident already resolved and closed, writes nothing", async () => {
    const w = world();
    const first = w.start();
    const posts = [notification("HighLatency", [a1]), notification("HighLatency", [resolved(a1, 2)], { receivedAt: at(2) })];
    for (const post of posts) await deliver(w, first, post);
    await drain(w, first);
    const writes = w.host.writes.length;
    const second = w.start();
    for (const post of posts) await second.accept(post);
    await drain(w, second);
    expect(w.host.writes).toHaveLength(writes);
    expect(w.host.issues()).toHaveLength(1);
  });
});

describe("AlertIncidentPipeline: failed deploys", () => {
  const rollbackBody = (detected: string) => `Rollback.\n\n${renderMarker({ incident: "inc-aaaaaaaaaaaa", kind: "rollback-pr", detectedAt: detected, environment: "production" })}`;
  const crash = alert("KubePodCrashLooping", "checkout-1");

  test("a crash loop right after a bot-detected failed deploy is a comment on its rollback pull request, not a second issue", async () => {
    const w = world();
    const pr = w.host.seed({ kind: "pull-request", body: rollbackBody(at(-2)), labels: ["agenticops", "rollback"] });
    const pipeline = w.start();
    await deliver(w, pipeline, notification("KubePodCrashLooping", [crash]));
    await deliver(w, pipeline, notification("KubePodCrashLooping", [resolved(crash, 4)], { receivedAt: at(4) }));
    await drain(w, pipeline);
    expect(w.host.issues()).toEqual([]);
    expect(pr.comments).toHaveLength(1);
    expect(pr.comments[0]!.body).toContain("### Alerts during this incident");
    expect(pr.comments[0]!.body).toContain("**Resolved** at 2026-11-23T14:04:00.000Z");
    expect(pr.state).toBe("open");
    expect(w.host.writes).toEqual([`comment #${pr.number}`, `edit comment #${pr.number}`]);
  });

  test("after a restart, the deploy's alert comment is found again and edited, not duplicated", async () => {
    const w = world();
    const pr = w.host.seed({ kind: "pull-request", body: rollbackBody(at(-2)), labels: ["agenticops", "rollback"] });
    const first = w.start();
    await deliver(w, first, notification("KubePodCrashLooping", [crash]));
    await drain(w, first);
    const second = w.start();
    await deliver(w, second, notification("HighLatency", [{ ...a1, startsAt: at(3) }], { receivedAt: at(3) }));
    await drain(w, second);
    expect(pr.comments).toHaveLength(1);
    expect(w.host.issues()).toEqual([]);
    expect(readStateBlock(pr.comments[0]!.body)!.alerts).toHaveLength(2);
  });

  test("an incident already in its own issue links a deploy incident that appears later in the window", async () => {
    const w = world();
    const pipeline = w.start();
    await deliver(w, pipeline, notification("HighLatency", [a1]));
    await drain(w, pipeline);
    const pr = w.host.seed({ kind: "pull-request", body: rollbackBody(at(1)), labels: ["agenticops", "rollback"] });
    await deliver(w, pipeline, notification("HighLatency", [a1], { receivedAt: at(2) }));
    await drain(w, pipeline);
    await deliver(w, pipeline, notification("HighLatency", [a1], { receivedAt: at(3) }));
    await drain(w, pipeline);
    expect(w.host.issues()[0]!.body).toContain(`- **Related:** #${pr.number} (rollback pull request for a failed deploy to production, \`inc-aaaaaaaaaaaa\`)`);
  });
});

describe("AlertIncidentPipeline: acknowledgement and the remediation hook", () => {
  test("with acknowledge: written, accept resolves only once the issue exists", async () => {
    const w = world();
    const pipeline = w.start({ settings: { acknowledge: "written" } });
    await pipeline.accept(notification("HighLatency", [a1]));
    expect(w.host.issues()).toHaveLength(1);
  });

  test("a delivery is written when its incident's write is applied, not when accepted; a repeat waits for the pending write", async () => {
    const w = world();
    const pipeline = w.start();
    const heard: string[] = [];
    const hear = (name: string, delivery: { written: Promise<void> }) => void delivery.written.then(() => heard.push(`${name} after ${w.host.writes.length} writes`));
    await deliver(w, pipeline, notification("HighLatency", [a1]));
    await drain(w, pipeline);
    await w.time.advanceTo(Date.parse(at(0.1)));
    hear("grown", await pipeline.accept(notification("HighLatency", [a1, a2], { receivedAt: at(0.1) })));
    hear("repeat", await pipeline.accept(notification("HighLatency", [a1, a2], { id: "replica", receivedAt: at(0.1) })));
    await Promise.resolve();
    expect(heard).toEqual([]); // the update waits for the flush interval
    await drain(w, pipeline);
    expect(heard).toEqual(["grown after 2 writes", "repeat after 2 writes"]);
    hear("repeat once written", await pipeline.accept(notification("HighLatency", [a1, a2], { id: "late", receivedAt: at(0.5) })));
    const ignored = w.start({ optedIn: false });
    hear("not opted in", await ignored.accept(notification("HighLatency", [a1])));
    await Promise.resolve();
    expect(heard.slice(2)).toEqual(["repeat once written after 2 writes", "not opted in after 2 writes"]);
  });

  test("the planner hears of openings, changes and resolutions, never of repeats", async () => {
    const w = world();
    const heard: string[] = [];
    const pipeline = w.start({ remediation: { incidentChanged: async (view, change) => void heard.push(`${change} ${view.incident.alerts.size} ${view.document.kind}`) } });
    await deliver(w, pipeline, notification("HighLatency", [a1]));
    await deliver(w, pipeline, notification("HighLatency", [a1], { receivedAt: at(1) }));
    await deliver(w, pipeline, notification("HighLatency", [a1, a2], { receivedAt: at(2) }));
    await deliver(w, pipeline, notification("HighLatency", [resolved(a1, 3), resolved(a2, 3)], { receivedAt: at(3) }));
    expect(heard).toEqual(["opened 1 issue", "updated 2 issue", "resolved 2 issue"]);
  });
});
