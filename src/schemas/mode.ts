import { z } from "zod";

/**
 * observe: diagnose and report only; assist: propose pull requests for human review; automate:
 * also merge what an organisation policy explicitly grants automerge for. Ordered by trust.
 */
export const Mode = z.enum(["observe", "assist", "automate"]);
export type Mode = z.infer<typeof Mode>;
