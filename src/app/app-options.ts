import type { Clock } from "../ports/clock.js";
import type { Workspace } from "../ports/workspace.js";
import type { DeliveryGuard } from "./delivery-guard.js";
import type { DiagnosisKit } from "../core/diagnose/diagnose-run.js";
import type { PolicySet } from "../core/gate/policy-set.js";
import type { AlertSettings } from "./alerts/alert-settings.js";

/** What the composition root needs besides Probot itself. */
export interface AppOptions {
  clock: Clock;
  /** plan and log, but write nothing to GitHub */
  dryRun: boolean;
  /** the app's slug and id: the bot's login is `<slug>[bot]` */
  app?: { id: number; slug: string };
  workspace?: Workspace;
  guard: DeliveryGuard;
  /** signatures, optional LLM ranker and the secrets to redact; without it evidence is plain excerpts */
  diagnosis?: DiagnosisKit;
  /** the organisation's policies; without them the bundled policies/ are loaded on first use */
  policies?: PolicySet;
  /** alert intake (HTTP routes, repository_dispatch, journal, sink); without it the alert routes answer 503 */
  alerts?: AlertSettings;
}

export type AppOptionsInput = Omit<AppOptions, "guard"> & { guard?: DeliveryGuard };
