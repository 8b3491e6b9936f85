/**
 * The world `bench:alerts` runs in: the sandbox, the app started the production way (Probot,
 * GitHub App auth, AgenticOpsOctokit), one installation per organisation, a repository per four
 * services with its service catalog, and the alert incident sink on a virtual clock: the storm
 * spans half an hour and pacing would take longer, so the sink's clock and timers are virtual
 * while every GitHub call really goes to the sandbox.
 */
import { AgenticOpsOctokit } from "../../src/adapters/github/agenticops-octokit.js";
import { createApp } from "../../src/app/create-app.js";
import { createAlertIncidentSink, type AlertIncidentSink } from "../../src/app/create-alert-incident-sink.js";
import { WriteLedger } from "../../src/core/act/write-ledger.js";
import type { Clock } from "../../src/ports/clock.js";
import { startApp, type RunningApp } from "../../src/sandbox/app-harness.js";
import { Sandbox } from "../../src/sandbox/sandbox-server.js";
import { seedConfigRepo } from "../../src/sandbox/seed-config-repo.js";
import type { RepoState } from "../../src/sandbox/state/sandbox-state.js";
import { VirtualTime } from "../../src/sandbox/virtual-time.js";
import type { StormService } from "./alert-storm.js";

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

export class AlertBenchWorld {
  private constructor(
    readonly sandbox: Sandbox,
    readonly app: RunningApp,
    readonly sink: AlertIncidentSink,
    readonly ledger: RecordingLedger,
    readonly time: VirtualTime,
    readonly repos: RepoState[],
  ) {}

  /**
   * The app's Octokit counts writes into the bench's ledger and does not pace them in real time
   * (its Bottleneck would wait real minutes): the sink's scheduler alone keeps the budget here.
   */
  static async start(services: StormService[], start: number): Promise<AlertBenchWorld> {
    const sandbox = await Sandbox.start();
    const time = new VirtualTime(start);
    const ledger = new RecordingLedger(time);
    const Octokit = AgenticOpsOctokit.defaults((o: Record<string, unknown>) => ({ ...o, writeLedger: ledger, throttle: { ...((o["throttle"] as object | undefined) ?? {}), enabled: false } }));
    const app = await startApp(sandbox, createApp({ clock: time, dryRun: false }), { Octokit });
    const installations = new Map<string, number>();
    const byRepo = new Map<string, StormService[]>();
    for (const s of services) byRepo.set(`${s.repo.owner}/${s.repo.name}`, [...(byRepo.get(`${s.repo.owner}/${s.repo.name}`) ?? []), s]);
    const repos: RepoState[] = [];
    for (const [repo, members] of byRepo) {
      const [owner, name] = repo.split("/") as [string, string];
      const installationId = installations.get(owner) ?? sandbox.installApp(app.appId, owner).id;
      installations.set(owner, installationId);
      repos.push(await seedConfigRepo(sandbox, { owner, name, installationId, config: catalog(members) }));
    }
    const sink = createAlertIncidentSink(app.probot, { clock: time, timers: time, ledger });
    return new AlertBenchWorld(sandbox, app, sink, ledger, time, repos);
  }

  /** Runs the sink's timers (its paced writes) up to `at`. */
  until(at: number): Promise<void> {
    return this.time.advanceTo(at, () => this.sink.idle());
  }

  /** Until every scheduled write is on GitHub; the virtual time it ended. */
  async drain(): Promise<number> {
    const end = await this.time.runAll(() => this.sink.idle());
    await this.sink.settled();
    return end;
  }

  async close(): Promise<void> {
    await this.sink.close();
    await this.app.close();
    await this.sandbox.close();
  }
}
