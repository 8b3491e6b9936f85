import type { z } from "zod";
import type { AlertNotification, AlertSource } from "../../../schemas/alert.js";
import { AlertmanagerWebhook } from "../../../schemas/alertmanager-webhook.js";
import { GrafanaWebhook } from "../../../schemas/grafana-webhook.js";
import { GenericAlertPayload } from "../../../schemas/generic-alert.js";
import { formatJsonPath } from "../../../schemas/drill-template.js";
import { formatZodIssues } from "../../validate/format-zod-issue.js";
import { normaliseAlertmanager, type PostMeta } from "./normalise-alertmanager.js";
import { normaliseGrafana } from "./normalise-grafana.js";
import { normaliseGeneric } from "./normalise-generic.js";

export type ParsedAlertPost =
  | { ok: true; notification: AlertNotification }
  /** `path` is where the first problem is ("" for the body as a whole); `message` is `<path>: <problem>` */
  | { ok: false; path: string; problem: string; message: string };

interface Format<S extends z.ZodType> {
  schema: S;
  normalise: (payload: z.infer<S>, meta: PostMeta) => AlertNotification;
}
const format = <S extends z.ZodType>(f: Format<S>) => (value: unknown, meta: PostMeta): ParsedAlertPost => {
  const result = f.schema.safeParse(value);
  if (result.success) return { ok: true, notification: f.normalise(result.data, meta) };
  const [first] = formatZodIssues(result.error.issues, f.schema, value, { yaml: false });
  const path = formatJsonPath(first?.path ?? []);
  const problem = first?.message ?? "does not match the expected format";
  return { ok: false, path, problem, message: `${path || "body"}: ${problem}` };
};

const FORMATS: Record<AlertSource, (value: unknown, meta: PostMeta) => ParsedAlertPost> = {
  alertmanager: format({ schema: AlertmanagerWebhook, normalise: normaliseAlertmanager }),
  grafana: format({ schema: GrafanaWebhook, normalise: normaliseGrafana }),
  generic: format({ schema: GenericAlertPayload, normalise: normaliseGeneric }),
};

/** Validates an already-parsed payload (a repository_dispatch's client payload) and normalises it. */
export const parseAlertPayload = (source: AlertSource, value: unknown, meta: PostMeta): ParsedAlertPost => FORMATS[source](value, meta);

/**
 * Parses and validates one alert post, and normalises it. A refusal names the first problem and
 * where it is (`alerts[3].startsAt: expected an ISO date-time`), so the sender can fix it.
 */
export const parseAlertPost = (source: AlertSource, body: string, meta: PostMeta): ParsedAlertPost => {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const problem = `not valid JSON: ${(error as Error).message}`;
    return { ok: false, path: "", problem, message: `body is ${problem}` };
  }
  return parseAlertPayload(source, value, meta);
};
