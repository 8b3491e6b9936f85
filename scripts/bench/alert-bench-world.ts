/**
 * The world `bench:alerts` runs in: the sandbox; the app started the production way (Probot,
 * GitHub App auth, AgenticOpsOctokit) with its alert intake (HTTP routes, journal on disk,
 * routing) and the alert incident sink; one installation per organisation and a repository per
 * four services with its service catalog. The app's clock, and so the sink's pacing, is virtual:
 * the storm spans half an hour and pacing would take longer, while every HTTP request and every
 * GitHub call is real.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { AgenticOpsOctokit } from "../../src/adapters/github/agenticops-octokit.js";
import type { AlertIntake } from "../../src/app/alerts/alert-intake.js";
import { createApp } from "../../src/app/create-app.js";
import type { AlertIncidentSink } from "../../src/app/create-alert-incident-sink.js";
import { defaultAlertSink } from "../../src/app/alerts/default-alert-sink.js";
import { WriteLedger } from "../../src/core/act/write-ledger.js";
import type { Clock } from "../../src/ports/clock.js";
import type { AlertRoutes } from "../../src/schemas/alert-routes.js";
import { startApp, type RunningApp } from "../../src/sandbox/app-harness.js";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import { seedConfigRepo } from "../../src/sandbox/seed-config-repo.js";
import type { RepoState } from "../../src/sandbox/state/sandbox-state.js";
import { VirtualTime } from "../../src/sandbox/virtual-time.js";
import type { StormService } from "./alert-storm.js";

export const BENCH_TOKEN = "bench-alertmanager-token-0123456789";

/** The ledger the app's Octokit counts into, keeping every write's time (the real one keeps an hour). */
export class RecordingLedger extends WriteLedger {
  readonly all = new Map<string, number[]>();

  constructor(private readonly time: Clock) {
    super(time);
  }

  override record(installation: string | number): void {
    super.record(installation);
    const key = String(installation);
    this.all.set(key, [...(this.all.get(key) ?? []), this.time.now().getTime()]);
  }
}

const catalog = (services: StormService[]): string =>
  ["services:", ...services.flatMap((s) => [`  - name: ${s.name}`, `    files: [k8s/${s.name}.yaml]`, `    owners: ["${s.owners[0]}"]`])].join("\n") + "\n";

/** The incident sink with each `accept` timed: how long the sink itself takes, after intake's answer. */
const timedSink = (sink: AlertIncidentSink, took: number[]): AlertIncidentSink => ({
  accept: async (n) => {
    const started = performance.now();
    const delivery = await sink.accept(n);
    took.push(performance.now() - started);
    return delivery;
  },
  settled: () => sink.settled(),
  idle: () => sink.idle(),
  close: () => sink.close(),
  stats: () => sink.stats(),
  recordPullRequest: (id, pr) => sink.recordPullRequest(id, pr),
  issueOf: (id) => sink.issueOf(id),
});

export class AlertBenchWorld {
  readonly acceptMs: number[] = [];
  private sink!: AlertIncidentSink;
  private intake!: AlertIntake;
  private app!: RunningApp;
  readonly repos: RepoState[] = [];

  private constructor(
    readonly sandbox: Sandbox,
    readonly ledger: RecordingLedger,
    readonly time: VirtualTime,
    private readonly journalDir: string,
  ) {}

  /**
   * The app's Octokit counts writes into the bench's ledger and does not pace them in real time
   * (its Bottleneck would wait real minutes): the sink's scheduler alone keeps the budget here.
   */
  static async start(services: StormService[], start: number, routes: AlertRoutes): Promise<AlertBenchWorld> {
    const time = new VirtualTime(start);
    const world = new AlertBenchWorld(await Sandbox.start(), new RecordingLedger(time), time, await mkdtemp(join(tmpdir(), "agenticops-bench-journal-")));
    const Octokit = AgenticOpsOctokit.defaults((o: Record<string, unknown>) => ({ ...o, writeLedger: world.ledger, throttle: { ...((o["throttle"] as object | undefined) ?? {}), enabled: false } }));
    const alerts = {
      credentials: { bearerTokens: [BENCH_TOKEN], basic: [], hmac: { secrets: [], header: "X-Signature", timestampHeader: "X-Timestamp", maxAgeSeconds: 300 } },
      maxBodyBytes: 4 * 2 ** 20,
      journalDir: world.journalDir,
      routes,
      // the production default sink, on the bench's virtual time and ledger, its accept timed
      sink: (probot: Parameters<typeof defaultAlertSink>[0]) => {
        world.sink = timedSink(defaultAlertSink(probot, { clock: time, dryRun: false, timers: time, ledger: world.ledger }), world.acceptMs);
        return world.sink;
      },
      onStarted: (intake: AlertIntake) => (world.intake = intake),
    };
    world.app = await startApp(world.sandbox, createApp({ clock: time, dryRun: false, alerts }), { Octokit });
    const installations = new Map<string, number>();
    const byRepo = new Map<string, StormService[]>();
    for (const s of services) byRepo.set(`${s.repo.owner}/${s.repo.name}`, [...(byRepo.get(`${s.repo.owner}/${s.repo.name}`) ?? []), s]);
    for (const [repo, members] of byRepo) {
      const [owner, name] = repo.split("/") as [string, string];
      const installationId = installations.get(owner) ?? world.sandbox.installApp(world.app.appId, owner).id;
      installations.set(owner, installationId);
      world.repos.push(await seedConfigRepo(world.sandbox, { owner, name, installationId, config: catalog(members) }));
    }
    return world;
  }

  /** Where the app's alert routes listen. */
  get origin(): string {
    return new URL(this.app.webhookUrl).origin;
  }

  /** Intake has handed everything to the sink, and the sink is not writing. */
  private async quiet(): Promise<void> {
    await this.intake.idle();
    await this.sink.idle();
  }

  /** Runs the sink's timers (its paced writes) up to `at`, with intake and sink quiet in between. */
  until(at: number): Promise<void> {
    return this.time.advanceTo(at, () => this.quiet());
  }

  /** Until every accepted notification is written to GitHub and done in the journal. */
  async drain(): Promise<void> {
    await this.time.runAll(() => this.quiet());
    await this.sink.settled();
    await this.intake.settled();
  }

  /** Notifications the intake journaled, and those not done (their write still to come). */
  journal(): { journaled: number; pending: number } {
    return this.intake.stats();
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.intake.close();
    await this.sink.close();
    await this.sandbox.close();
    await rm(this.journalDir, { recursive: true, force: true });
  }
}
