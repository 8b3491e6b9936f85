import type { AnnotationInput } from "../../render/render-check-run.js";
import type { CheckRunRecord } from "../../state/sandbox-state.js";
import { RestError, unprocessable, type RestRequest } from "../rest-route.js";
import { optionalEnum, optionalString } from "../route-input.js";

const STATUSES = ["queued", "in_progress", "completed"] as const;
// `stale` is GitHub's own to set.
const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "timed_out"] as const;
const LEVELS = ["notice", "warning", "failure"];

/** Check runs are written by GitHub Apps only: the installation's app and its slug. */
export const callingApp = (req: RestRequest): { appId: number; appSlug: string } => {
  const { caller } = req;
  if (caller.kind === "anonymous") throw new RestError(401, "Requires authentication");
  if (caller.kind !== "installation") throw new RestError(403, "You must authenticate via a GitHub App.");
  return { appId: caller.appId, appSlug: caller.login.replace(/\[bot\]$/, "") };
};

const annotationOf = (value: unknown, index: number): AnnotationInput => {
  const a = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const ok =
    typeof a["path"] === "string" &&
    Number.isInteger(a["start_line"]) &&
    Number.isInteger(a["end_line"]) &&
    typeof a["message"] === "string" &&
    LEVELS.includes(String(a["annotation_level"]));
  if (!ok) throw unprocessable(`Invalid request.\n\n"output.annotations[${index}]" needs path, start_line, end_line, annotation_level and message.`);
  return a as unknown as AnnotationInput;
};

/** The fields of a create or update request, in record form; undefined where not sent. */
export const checkRunChanges = (body: Record<string, unknown>, now: string): Partial<CheckRunRecord> & { annotations?: AnnotationInput[] } => {
  const conclusion = optionalEnum(body, "conclusion", CONCLUSIONS);
  let status = optionalEnum(body, "status", STATUSES);
  if (conclusion) status = "completed";
  if (status === "completed" && !conclusion) throw unprocessable("Invalid request.\n\n\"conclusion\" is required when \"status\" is \"completed\".");
  const changes: Partial<CheckRunRecord> & { annotations?: AnnotationInput[] } = {};
  const name = optionalString(body, "name");
  if (name !== undefined) changes.name = name;
  const detailsUrl = optionalString(body, "details_url");
  if (detailsUrl !== undefined) changes.detailsUrl = detailsUrl;
  const externalId = optionalString(body, "external_id");
  if (externalId !== undefined) changes.externalId = externalId;
  const startedAt = optionalString(body, "started_at");
  if (startedAt !== undefined) changes.startedAt = startedAt;
  if (status !== undefined) changes.status = status;
  if (status === "in_progress" && startedAt === undefined) changes.startedAt = now;
  if (conclusion !== undefined) {
    changes.conclusion = conclusion;
    changes.completedAt = optionalString(body, "completed_at") ?? now;
  }
  const output = body["output"];
  if (output !== undefined && output !== null) {
    if (typeof output !== "object") throw unprocessable('Invalid request.\n\n"output" is not an object.');
    const o = output as Record<string, unknown>;
    const annotations = o["annotations"];
    changes.output = {
      title: optionalString(o, "title") ?? null,
      summary: optionalString(o, "summary") ?? null,
      text: optionalString(o, "text") ?? null,
      annotations: [],
    };
    if (Array.isArray(annotations)) changes.annotations = annotations.map(annotationOf);
  }
  return changes;
};
