import type { ActionKind, ActionProposal, Risk } from "../../../schemas/action-proposal.js";
import type { IncidentId } from "../../../schemas/incident.js";
import { formatZodIssues, type SchemaProblem } from "../../validate/format-zod-issue.js";
import type { ActionModule, PlannedAction, RepoFiles } from "./action-module.js";
import { comment } from "./comment.js";
import { openIncidentIssue } from "./open-incident-issue.js";
import { rerunFailedJobs } from "./rerun-failed-jobs.js";
import { revertCommits } from "./revert-commits.js";
import { scaleReplicas } from "./scale-replicas.js";
import { setImageTag } from "./set-image-tag.js";
import { setResources } from "./set-resources.js";
import { setYamlValue } from "./set-yaml-value.js";

/** Every action the bot may take, by kind. Nothing outside this catalog is ever proposed. */
export const ACTION_CATALOG = {
  "revert-commits": revertCommits,
  "set-image-tag": setImageTag,
  "scale-replicas": scaleReplicas,
  "set-resources": setResources,
  "set-yaml-value": setYamlValue,
  "rerun-failed-jobs": rerunFailedJobs,
  "open-incident-issue": openIncidentIssue,
  comment,
} as const satisfies Record<ActionKind, Pick<ActionModule, "kind" | "risk" | "effect">>;

/** The parsed parameters of each action kind. */
export type ActionParams<K extends ActionKind> = (typeof ACTION_CATALOG)[K] extends ActionModule<infer P> ? P : never;

/** A parameter that is wrong: its path inside the parameters, and what was expected. */
export type ParamProblem = SchemaProblem;

export type ParsedActionParams = { ok: true; params: Record<string, unknown> } | { ok: false; problems: ParamProblem[] };

/** The result of planning: the planned action, not-applicable, or the parameters that are wrong. */
export type PlanActionResult = PlannedAction | { kind: "invalid-params"; action: ActionKind; problems: ParamProblem[] };

// The catalog is typed per kind; looked up by a runtime kind, each module takes what its own schema parsed.
const moduleOf = (kind: ActionKind): ActionModule<Record<string, unknown>> => ACTION_CATALOG[kind] as unknown as ActionModule<Record<string, unknown>>;

/** Validates raw parameters (from a runbook step or the model) against the action's schema. */
export const parseActionParams = (kind: ActionKind, raw: unknown): ParsedActionParams => {
  const schema = moduleOf(kind).params;
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, params: parsed.data } : { ok: false, problems: formatZodIssues(parsed.error.issues, schema, raw) };
};

/** Validates the parameters, then plans the action against the repository's files. Pure: reads only through `files`. */
export const planAction = async (kind: ActionKind, rawParams: unknown, files: RepoFiles): Promise<PlanActionResult> => {
  const parsed = parseActionParams(kind, rawParams);
  if (!parsed.ok) return { kind: "invalid-params", action: kind, problems: parsed.problems };
  return moduleOf(kind).plan(parsed.params, files);
};

export interface ProposalInput {
  incidentId: IncidentId;
  runbookId: string | null;
  kind: ActionKind;
  params: Record<string, unknown>;
  planned: Extract<PlannedAction, { kind: "planned" }>;
  /** overrides the catalog's risk when the context knows better (a rollback to a version that ran is low) */
  risk?: Risk;
}

/** The proposal the gate judges, from a planned action. */
export const toProposal = (input: ProposalInput): ActionProposal => {
  const { planned } = input;
  return {
    incidentId: input.incidentId,
    action: input.kind,
    runbookId: input.runbookId,
    risk: input.risk ?? ACTION_CATALOG[input.kind].risk,
    params: input.params,
    changes: planned.changes,
    ...(planned.quantities.length > 0 ? { quantities: planned.quantities } : {}),
    ...(planned.call ? { call: planned.call } : {}),
    description: planned.description,
    inverse: planned.inverse.description,
  };
};
