import type { HumanOverride } from "../../schemas/human-override.js";
import { code } from "./markdown.js";
import { renderMarker } from "./hidden-marker.js";

const WHAT: Record<HumanOverride["kind"], string> = {
  "changes-requested": "requested changes",
  "closed-unmerged": "closed the pull request without merging",
};

/**
 * The bot's one override comment on its pull request: every human "no" so far, in a table people
 * read and in the hidden marker the audit reads. Logins are code, so posting it notifies nobody.
 */
export const renderOverrideComment = (incident: string, overrides: HumanOverride[]): string =>
  [
    "**Human override recorded.** AgenticOps will not merge this pull request, and a rollback closed without merging is not proposed again.",
    [
      "| when (UTC) | who | what | head |",
      "|---|---|---|---|",
      ...overrides.map((o) => `| ${o.at} | ${code(o.by)} | ${WHAT[o.kind]} | ${o.sha ? code(o.sha.slice(0, 7)) : "—"} |`),
    ].join("\n"),
    renderMarker({ incident, kind: "override-comment", overrides }),
  ].join("\n\n");
