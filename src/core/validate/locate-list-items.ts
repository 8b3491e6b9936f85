import { LineCounter, parseDocument } from "yaml";
import type { SourcePosition } from "./yaml-locate.js";
import { locateYamlPath } from "./yaml-locate.js";

/**
 * Where each item of the top-level list `key` starts (a runbook's `examples`, a policy's
 * `tests`), so a failing one is reported at its own line. For a file that already parsed.
 */
export const locateListItems = (text: string, key: string, count: number): SourcePosition[] => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true });
  return Array.from({ length: count }, (_, i) => locateYamlPath(doc, lineCounter, [key, i], "value"));
};
