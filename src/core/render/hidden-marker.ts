import { z } from "zod";
import { HumanOverride } from "../../schemas/human-override.js";

const PREFIX = "<!-- agenticops:v1 ";
const SUFFIX = " -->";

/** State the bot keeps in its own issue and PR bodies, so GitHub is the database. */
export const Marker = z.object({
  incident: z.string().regex(/^inc-[0-9a-f]{12}$/),
  kind: z.enum(["incident-issue", "rollback-pr", "diagnosis-comment", "handover-comment", "override-comment"]),
  /** when the incident was detected: the audit timeline starts here */
  detectedAt: z.iso.datetime({ offset: true }).optional(),
  /** override comments: every human "no" recorded on the pull request, oldest first */
  overrides: z.array(HumanOverride).optional(),
});
export type Marker = z.infer<typeof Marker>;

export const renderMarker = (marker: Marker): string => `${PREFIX}${JSON.stringify(marker)}${SUFFIX}`;

/** The marker in a body, or null when absent or tampered with (it is parsed, never trusted blindly). */
export const readMarker = (body: string | null | undefined): Marker | null => {
  if (!body) return null;
  const start = body.lastIndexOf(PREFIX);
  if (start < 0) return null;
  const end = body.indexOf(SUFFIX, start + PREFIX.length);
  if (end < 0) return null;
  try {
    const parsed = Marker.safeParse(JSON.parse(body.slice(start + PREFIX.length, end)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** Text to search for an incident's marker without parsing every body. */
export const markerNeedle = (incident: string): string => `"incident":"${incident}"`;
