import type { Drill } from "../../schemas/drill.js";
import type { DrillEvent } from "../../schemas/drill-event.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { Sandbox } from "../sandbox-server.js";
import type { RepoState } from "../state/sandbox-state.js";
import { renderRepository } from "../render/render-repository.js";
import { renderUser } from "../render/render-user.js";
import { buildWebhookPayload } from "../webhooks/webhook-payloads.js";
import { sendWebhook } from "../webhooks/send-webhook.js";
import { drillTemplateVars, renderTemplates, type TemplateVars } from "./render-templates.js";
import type { SeededRepo } from "./seed-drill-repo.js";
import { githubEventOverrides } from "./github-event-overrides.js";
import { playHumanEvent } from "./play-human-event.js";
import { playCheckEvent } from "./play-check-event.js";
import { AlertEpisodes } from "../alerts/alert-episodes.js";
import { playAlertEvent, type AlertAnswer } from "./play-alert-event.js";
import { advanceSandboxClock } from "../alerts/drill-timers.js";

/** Plays a drill's events in order against the sandbox and the running app. */
export class DrillPlayer {
  private deliveries = 0;
  private readonly episodes = new AlertEpisodes();
  /** the app's answers to the `alert:` events, in order */
  readonly alertAnswers: AlertAnswer[] = [];

  constructor(
    readonly sandbox: Sandbox,
    readonly drill: Drill,
    readonly seeded: SeededRepo,
    readonly installationId: number,
    /** after each `alert:` event, what the app accepted takes effect before the next event */
    private readonly alerts?: { settle(): Promise<void> },
  ) {}

  get repoState(): RepoState {
    return this.seeded.repoState;
  }

  vars(): TemplateVars {
    const { repo } = this.drill;
    const pulls = this.repoState.issues.filter((i) => i.pull);
    return drillTemplateVars({
      owner: repo.owner,
      name: repo.name,
      defaultBranch: repo.default_branch,
      commits: this.seeded.commits,
      runs: this.seeded.runs,
      pullRequests: pulls.map((i) => i.number),
      pullRequestHeads: pulls.map((i) => i.pull?.head ?? ""),
    });
  }

  async play(): Promise<void> {
    for (const [index, event] of this.drill.events.entries()) {
      await this.playEvent(renderTemplates(event, this.vars(), ["events", index]), index);
    }
  }

  /** A webhook as GitHub would send it for this repository, sent by `sender`. */
  async deliver(event: string, action: string | undefined, sender: string, overrides: Record<string, unknown>): Promise<void> {
    const env = this.sandbox.restContext();
    const payload = buildWebhookPayload(event, action, {
      repository: renderRepository(this.repoState, this.sandbox.state, env.apiUrl, env.origin),
      sender: renderUser(this.sandbox.state.ensureUser(sender, sender.endsWith("[bot]") ? "Bot" : "User"), env.apiUrl, env.origin),
      installation: { id: this.installationId },
      overrides,
    });
    await sendWebhook(this.sandbox, this.deliveries, event, payload);
    this.deliveries += 1;
  }

  private async playEvent(event: DrillEvent, index: number): Promise<void> {
    if ("github" in event) {
      const overrides = await githubEventOverrides(this, event);
      await this.deliver(event.github, event.action, event.sender ?? this.drill.repo.owner, overrides);
      return;
    }
    if ("alert" in event) {
      this.alertAnswers.push(await playAlertEvent(this.sandbox, event, index, this.episodes));
      if (event.settle) await this.alerts?.settle();
      return;
    }
    if ("check" in event) {
      await playCheckEvent(this, event.check);
      return;
    }
    if ("wait" in event) {
      if (event.wait.ms) await new Promise((r) => setTimeout(r, event.wait.ms));
      if (event.wait.advance) this.advanceClock(event.wait.advance);
      return;
    }
    await playHumanEvent(this, event);
  }

  private advanceClock(duration: string): void {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(duration);
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
    if (!match) throw new AgenticOpsError("DRILL_INVALID", `cannot advance the clock by "${duration}"`);
    advanceSandboxClock(this.sandbox.state, Number(match[1]) * unit[match[2] as keyof typeof unit]);
  }
}
