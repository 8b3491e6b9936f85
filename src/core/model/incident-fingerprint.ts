import { createHash } from "node:crypto";
import type { IncidentId, IncidentKey } from "../../schemas/incident.js";

/** JSON with keys sorted at every level, so equal facts always hash equally. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
};

/**
 * Deterministic incident id from facts only (repo, kind, environment, workflow, SHA, alert group).
 * GitHub treats owner/name case-insensitively, so do we.
 */
export const incidentFingerprint = (key: IncidentKey): IncidentId => {
  const normalised = {
    ...key,
    repo: { owner: key.repo.owner.toLowerCase(), name: key.repo.name.toLowerCase() },
    sha: key.sha?.toLowerCase() ?? null,
  };
  const digest = createHash("sha256").update(canonical(normalised)).digest("hex");
  return `inc-${digest.slice(0, 12)}`;
};
