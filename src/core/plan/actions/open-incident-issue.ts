import { z } from "zod";
import type { ActionModule } from "./action-module.js";

export const OpenIncidentIssueParams = z.strictObject({
  // GitHub refuses titles longer than 256 characters.
  title: z.string().trim().min(1).max(256),
});
export type OpenIncidentIssueParams = z.infer<typeof OpenIncidentIssueParams>;

/** Opens (or finds, by the incident's fingerprint) the issue that tracks an incident; observe only. */
export const openIncidentIssue: ActionModule<OpenIncidentIssueParams> = {
  kind: "open-incident-issue",
  params: OpenIncidentIssueParams,
  risk: "low",
  effect: "observe",
  plan: async (params) => ({
    kind: "planned",
    changes: [],
    quantities: [],
    call: { kind: "open-incident-issue", target: params.title },
    description: [`Open an incident issue titled "${params.title}".`],
    inverse: { action: null, description: "Close the incident issue." },
  }),
};
