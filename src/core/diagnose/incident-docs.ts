import type { KnowledgeItem } from "../../ports/code-host.js";
import { readMarker } from "../render/hidden-marker.js";
import type { KnowledgeDoc } from "./knowledge-index.js";

/** The label the bot puts on its incident issues and pull requests. */
export const KNOWLEDGE_LABEL = "agenticops";
/** One page of the issues API: the newest incidents say the most about today's failures. */
export const KNOWLEDGE_LIMIT = 50;
// A body's summary and diagnosis fit well within this; the rest is evidence or tables.
const MAX_TEXT_CHARS = 4000;

// A past run's log excerpts would match every new log of the same project on noise alone.
const HIDDEN_MARKERS = /<!--[\s\S]*?-->/g;
const DETAILS_BLOCKS = /<details>[\s\S]*?<\/details>/gi;
const FENCED_BLOCKS = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[`~]*[ \t]*$/gm;
const EVIDENCE_SECTION = /^#{1,6}\s*Evidence\s*$[\s\S]*?(?=^#{1,6}\s|^---\s*$|(?![\s\S]))/gim;
const CAUSE = /\*\*([a-z][a-z0-9-]*)\*\* \(confidence \d+%\)/;

/** A body as knowledge: the summary and diagnosis text, without markers, evidence and code blocks. */
export const knowledgeText = (body: string): string =>
  body
    .replace(HIDDEN_MARKERS, "")
    .replace(EVIDENCE_SECTION, "")
    .replace(DETAILS_BLOCKS, "")
    .replace(FENCED_BLOCKS, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .slice(0, MAX_TEXT_CHARS);

export interface IncidentDocsOptions {
  /** incident ids (`inc-…`) whose own issues and pull requests must not be shown as "similar" */
  excludeIncidents?: readonly string[];
  /** issue or pull request numbers to leave out, e.g. the one a command was typed in */
  excludeNumbers?: readonly number[];
}

/**
 * Past incident issues and the bot's pull requests as knowledge documents, so a new failure
 * can name the similar incident that came before and the change that resolved it.
 */
export const incidentDocs = (items: readonly KnowledgeItem[], options: IncidentDocsOptions = {}): KnowledgeDoc[] => {
  const incidents = new Set(options.excludeIncidents ?? []);
  const numbers = new Set(options.excludeNumbers ?? []);
  return items
    .filter((item) => !numbers.has(item.number))
    .map((item) => ({ item, marker: readMarker(item.body) }))
    .filter(({ marker }) => !marker || !incidents.has(marker.incident))
    .map(({ item, marker }): KnowledgeDoc => {
      const meta: Record<string, string> = { number: String(item.number), state: item.state };
      if (marker) meta.incident = marker.incident;
      const cause = CAUSE.exec(item.body)?.[1];
      if (cause) meta.cause = cause;
      return {
        id: `${item.kind}:${item.number}`,
        kind: item.kind === "pull-request" ? "pull-request" : "incident",
        title: item.title.replace(/^\[incident\]\s*/i, ""),
        text: knowledgeText(item.body),
        url: item.url,
        meta,
      };
    });
};
