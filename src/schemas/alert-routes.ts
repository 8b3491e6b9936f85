import { z } from "zod";

const LabelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a label name: letters, digits and _, not starting with a digit");

export const RepoFullName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, "expected owner/name, e.g. acme/shop");

/** `owner/name` where `*` stands for any run of characters other than `/`: `acme/*`, `acme/shop-*`. */
const RepoPattern = z.string().regex(/^[A-Za-z0-9*][A-Za-z0-9*-]*\/[A-Za-z0-9._*-]+$/, "expected owner/name, where * matches anything, e.g. acme/*");

const compiles = (source: string): boolean => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

/** A label value to match: a string matches exactly; `{ regex }` must match the whole value. */
export const LabelMatcher = z.union([
  z.string(),
  z.strictObject({
    regex: z.string().min(1).refine(compiles, { error: "expected a valid regular expression" }).describe("matched against the whole label value, as Alertmanager does"),
  }),
]);
export type LabelMatcher = z.infer<typeof LabelMatcher>;

export const AlertRoute = z
  .strictObject({
    name: z.string().min(1).optional().describe("shown in logs and in the incident; default: routes[<index>]"),
    match: z.record(LabelName, LabelMatcher).describe("every listed label must match; {} matches every alert"),
    repository: RepoFullName.describe("where the alert's incident goes"),
    service: z.string().min(1).optional().describe("the service the alerts are about; default: the alerts' service label"),
  })
  .describe("the first route whose labels match an alert chooses its repository");
export type AlertRoute = z.infer<typeof AlertRoute>;

/**
 * The alert routing file (ALERTS_ROUTES_FILE), read at start-up. Alerts are routed one by one: a
 * post holding alerts for several services may go to several repositories.
 */
export const AlertRoutes = z
  .strictObject({
    version: z.literal(1).default(1),
    repository_label: z
      .strictObject({
        label: LabelName.default("repository").describe("the label naming the repository, as owner/name"),
        allow: z.array(RepoPattern).min(1).describe("repositories the label may name; others fall through to the routes"),
      })
      .optional()
      .describe("let alerts name their repository in a label; checked before the routes"),
    routes: z.array(AlertRoute).default([]).describe("checked in order; the first match wins"),
  })
  .describe("AgenticOps alert routing");
export type AlertRoutes = z.infer<typeof AlertRoutes>;
