import { parseDocument, isScalar } from "yaml";
import type { ImageChange } from "./find-image-changes.js";
import { findImageValues, type FindImageValuesOptions, type ImageValue, type YamlPath } from "./find-image-values.js";

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

interface Splice {
  start: number;
  end: number;
  replacement: string;
  edit: PinEdit;
}

type Slot = Pick<ImageChange, "docIndex" | "path" | "kind">;

const sameSlot = (value: ImageValue, slot: Slot): boolean =>
  value.docIndex === slot.docIndex && value.kind === slot.kind && JSON.stringify(value.path) === JSON.stringify(slot.path);

const describe = (change: ImageChange): string => `${change.file} (document ${change.docIndex}) ${change.path.join(".")}`;

// A version written plain must stay what it was: `1.5.0` is a string but `1.4` a number, so
// `tag: 1.5.0` pinned back to 1.4 is written `"1.4"`. Anything unusual is quoted too.
const PLAIN_SAFE = /^[A-Za-z0-9_.][\w./:@+-]*$/;

const plainType = (source: string): string => {
  const doc = parseDocument(source);
  if (doc.errors.length > 0 || !isScalar(doc.contents)) return "not-a-scalar";
  return typeof doc.contents.value;
};

const encode = (value: string, currentSource: string): string => {
  const quote = currentSource[0];
  if (quote === "'") return `'${value.replaceAll("'", "''")}'`;
  // JSON strings are valid YAML double-quoted scalars.
  if (quote === '"') return JSON.stringify(value);
  const keepsType = PLAIN_SAFE.test(value) && !value.endsWith(":") && plainType(value) === plainType(currentSource);
  return keepsType ? value : JSON.stringify(value);
};

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

const planSplice = (text: string, values: ImageValue[], change: ImageChange): Splice | string | null => {
  const current = values.find((value) => sameSlot(value, change));
  if (!current) return `${describe(change)} no longer holds an image value`;
  if (current.value === change.good) return null;
  if (current.value !== change.bad) {
    return `${describe(change)} is now ${JSON.stringify(current.value)}, not the failing ${JSON.stringify(change.bad)}: it changed since`;
  }
  const [start, end] = current.range;
  const replacement = encode(change.good, text.slice(start, end));
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

// From the end backwards, so earlier offsets stay valid.
const applySplices = (text: string, splices: Splice[]): string =>
  splices.reduceRight((out, s) => out.slice(0, s.start) + s.replacement + out.slice(s.end), text);

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
