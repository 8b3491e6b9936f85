import type { z } from "zod";
import type { ActionKind, FileChange, Quantity, Risk } from "../../../schemas/action-proposal.js";

/** Files of the repository at the commit the change is made on. */
export interface RepoFiles {
  /** the file's text, or null when it does not exist */
  read(path: string): Promise<string | null>;
}

/** How an action is undone: another catalogued action with its parameters, or words for a human. */
export type InverseAction = { action: ActionKind; params: Record<string, unknown>; description: string } | { action: null; description: string };

/** What an action would do, concretely; the gate judges exactly this. */
export type PlannedAction =
  | {
      kind: "planned";
      /** file edits (empty for API-only and observe-only actions) */
      changes: FileChange[];
      quantities: Quantity[];
      /** an API call instead of a file change */
      call?: { kind: "rerun-failed-jobs" | "comment" | "open-incident-issue"; target: string };
      /** one sentence per change, in words */
      description: string[];
      inverse: InverseAction;
    }
  /** the action cannot apply (file or key missing, value already there): a normal result */
  | { kind: "not-applicable"; reason: string };

/**
 * One entry of the action catalog: typed parameters, a risk level and a pure plan. Nothing here
 * writes; act/ carries out a planned action after the gate allowed it.
 */
export interface ActionModule<P = Record<string, unknown>> {
  kind: ActionKind;
  /** strict parameter schema; runbook steps are validated against it */
  params: z.ZodType<P>;
  risk: Risk;
  /** `pull-request`: a commit on the incident branch; `api`: a GitHub call; `observe`: issue or comment only */
  effect: "pull-request" | "api" | "observe";
  plan(params: P, files: RepoFiles): Promise<PlannedAction>;
}
