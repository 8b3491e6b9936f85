import type { ImageChange } from "./find-image-changes.js";
import { findImageValues, type FindImageValuesOptions, type ImageValue, type YamlPath } from "./find-image-values.js";
import { applySplices, encodeScalar, lineAt, plainType, type TextSplice } from "./yaml-splice.js";

/** One value put back; `line` is 1-based in the text given to pinImageValues. */
export interface PinEdit {
  path: YamlPath;
  from: string;
  to: string;
  line: number;
}

/**
 * `ok: false` means the file no longer looks like the failing commit (someone changed the value
 * since, or the YAML broke): the caller falls back to a revert rather than guess.
 */
export type PinResult = { ok: true; text: string; edits: PinEdit[] } | { ok: false; reason: string };

interface Splice extends TextSplice {
  edit: PinEdit;
}

type Slot = Pick<ImageChange, "docIndex" | "path" | "kind">;

const sameSlot = (value: ImageValue, slot: Slot): boolean =>
  value.docIndex === slot.docIndex && value.kind === slot.kind && JSON.stringify(value.path) === JSON.stringify(slot.path);

const describe = (change: ImageChange): string => `${change.file} (document ${change.docIndex}) ${change.path.join(".")}`;

const planSplice = (text: string, values: ImageValue[], change: ImageChange): Splice | string | null => {
  const current = values.find((value) => sameSlot(value, change));
  if (!current) return `${describe(change)} no longer holds an image value`;
  if (current.value === change.good) return null;
  if (current.value !== change.bad) {
    return `${describe(change)} is now ${JSON.stringify(current.value)}, not the failing ${JSON.stringify(change.bad)}: it changed since`;
  }
  const [start, end] = current.range;
  const source = text.slice(start, end);
  // A version written plain must stay what it was: `1.5.0` is a string but `1.4` a number.
  const replacement = encodeScalar(change.good, { source, type: plainType(source) }, "text") ?? JSON.stringify(change.good);
  return { start, end, replacement, edit: { path: change.path, from: current.value, to: change.good, line: lineAt(text, start) } };
};

// Aliases make two paths share one scalar: keep one splice per scalar, refuse contradictory ones.
const planSplices = (text: string, values: ImageValue[], changes: readonly ImageChange[]): Splice[] | string => {
  const byStart = new Map<number, Splice>();
  for (const change of changes) {
    const splice = planSplice(text, values, change);
    if (typeof splice === "string") return splice;
    if (splice === null) continue;
    const other = byStart.get(splice.start);
    if (other && other.edit.to !== splice.edit.to) {
      return `${describe(change)} shares its value with ${other.edit.path.join(".")} but should become ${JSON.stringify(splice.edit.to)}, not ${JSON.stringify(other.edit.to)}`;
    }
    if (!other) byStart.set(splice.start, splice);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
};

const readBack = (text: string, changes: readonly ImageChange[], options: FindImageValuesOptions): string | null => {
  const found = findImageValues(changes[0]?.file ?? "", text, options);
  if (!found.ok) return `the pinned text would not parse: ${found.reason}`;
  const wrong = changes.find((change) => found.values.find((value) => sameSlot(value, change))?.value !== change.good);
  return wrong ? `${describe(wrong)} would not read back as ${JSON.stringify(wrong.good)}` : null;
};

/**
 * Puts each changed image value of one file back to its last-good value by rewriting only that
 * scalar's characters in the text: comments, anchors, quoting style, indentation and line
 * endings stay byte-identical. `text` is the file as it is now (usually the failing commit's).
 */
export const pinImageValues = (text: string, changes: readonly ImageChange[]): PinResult => {
  const files = new Set(changes.map((change) => change.file));
  if (files.size > 1) return { ok: false, reason: `changes span several files: ${[...files].join(", ")}; pin one file at a time` };
  const options: FindImageValuesOptions = {
    configuredPaths: changes.filter((change) => change.kind === "configured").map((change) => change.path),
  };
  const found = findImageValues(changes[0]?.file ?? "", text, options);
  if (!found.ok) return { ok: false, reason: `the current text does not parse: ${found.reason}` };
  const splices = planSplices(text, found.values, changes);
  if (typeof splices === "string") return { ok: false, reason: splices };
  const pinned = applySplices(text, splices);
  const problem = readBack(pinned, changes, options);
  if (problem !== null) return { ok: false, reason: problem };
  return { ok: true, text: pinned, edits: splices.map((splice) => splice.edit) };
};
