import { z } from "zod";
import { HumanOverride } from "../../schemas/human-override.js";

const PREFIX = "<!-- agenticops:v1 ";
/** closes every hidden block the bot writes */
export const HIDDEN_SUFFIX = " -->";

/** State the bot keeps in its own issue and PR bodies, so GitHub is the database. */
export const Marker = z.object({
  incident: z.string().regex(/^inc-[0-9a-f]{12}$/),
  kind: z.enum(["incident-issue", "rollback-pr", "diagnosis-comment", "handover-comment", "override-comment", "alert-incident", "resolution-note", "remediation-pr", "remediation-report"]),
  /** when the incident was detected: the audit timeline starts here */
  detectedAt: z.iso.datetime({ offset: true }).optional(),
  /** override comments: every human "no" recorded on the pull request, oldest first */
  overrides: z.array(HumanOverride).optional(),
  /** the environment a deploy incident is about: alerts from that environment link to it */
  environment: z.string().min(1).nullable().optional(),
  /** remediation pull requests and reports: the runbook and the step of the incident (1, 2, …) */
  runbook: z.string().min(1).optional(),
  step: z.number().int().min(1).optional(),
});
export type Marker = z.infer<typeof Marker>;

/**
 * JSON inside an HTML comment: `<` and `>` are escaped (JSON.parse reads them back), so no value
 * (an environment or label) can close the comment early and spill into the rendered body; `@` too,
 * so a label value is never a mention.
 */
export const commentSafeJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/@/g, "\\u0040");

export const renderMarker = (marker: Marker): string => `${PREFIX}${commentSafeJson(marker)}${HIDDEN_SUFFIX}`;

/**
 * The JSON of the last `<prefix>… -->` comment in a text, validated by `schema`; null when absent
 * or tampered with (hidden state is parsed, never trusted blindly).
 */
export const readHiddenJson = <S extends z.ZodType>(text: string | null | undefined, prefix: string, schema: S): z.infer<S> | null => {
  if (!text) return null;
  const start = text.lastIndexOf(prefix);
  if (start < 0) return null;
  const end = text.indexOf(HIDDEN_SUFFIX, start + prefix.length);
  if (end < 0) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text.slice(start + prefix.length, end)));
    return parsed.success ? (parsed.data as z.infer<S>) : null;
  } catch {
    return null;
  }
};

/** The marker in a body, or null when absent or tampered with. */
export const readMarker = (body: string | null | undefined): Marker | null => readHiddenJson(body, PREFIX, Marker);

/** Text to search for an incident's marker without parsing every body. */
export const markerNeedle = (incident: string): string => `"incident":"${incident}"`;

/**
 * The marker field that makes a deploy incident findable by alerts from the same environment;
 * absent for incidents without one (CI failures), so their markers stay as they were.
 */
export const deployEnvironment = (incident: { key: { environment: string | null } }): Pick<Marker, "environment"> =>
  incident.key.environment ? { environment: incident.key.environment } : {};
