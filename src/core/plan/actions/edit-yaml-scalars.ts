import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Scalar } from "yaml";
import type { YamlPath } from "../find-image-values.js";
import { applySplices, encodeScalar, lineAt, type ScalarTyping, type TextSplice } from "../yaml-splice.js";
import type { RepoFiles } from "./action-module.js";
import { formatYamlPath } from "./yaml-path.js";

/** A YAML file's text with its documents parsed; offsets in the documents index into `text`. */
export interface YamlFile {
  text: string;
  docs: Document[];
}

/** Where a scalar sits: the document index in a multi-document (`---`) file and the key path. */
export interface ScalarSlot {
  docIndex: number;
  path: YamlPath;
}

/** A scalar found at a slot. `text` is the value as written: strings decoded, numbers in their source digits. */
export interface FoundScalar {
  value: string | number | boolean;
  text: string;
  /** the scalar's source, quotes included */
  source: string;
  type: "string" | "number" | "boolean";
  range: [number, number];
  line: number;
}

/** `missing`: the path does not exist (as opposed to existing but not being an editable value). */
export type ScalarLookup = { ok: true; scalar: FoundScalar } | { ok: false; missing: boolean; reason: string };

export interface ScalarEdit extends ScalarSlot {
  /** the new value's text, written in the old value's quoting style */
  to: string;
  typing: ScalarTyping;
}

export interface AppliedEdit extends ScalarSlot {
  from: string;
  to: string;
  line: number;
}

export type EditResult = { ok: true; text: string; edits: AppliedEdit[] } | { ok: false; reason: string };

const firstLine = (message: string): string => message.split("\n")[0] ?? message;

export const parseYamlFile = (text: string): { ok: true; file: YamlFile } | { ok: false; reason: string } => {
  const docs = parseAllDocuments(text);
  const error = docs.flatMap((doc) => doc.errors)[0];
  return error ? { ok: false, reason: `the YAML does not parse: ${firstLine(error.message)}` } : { ok: true, file: { text, docs } };
};

const keyOf = (key: unknown): unknown => (isScalar(key) ? key.value : key);

const isShared = (doc: Document, anchor: string | undefined): boolean => {
  if (anchor === undefined) return false;
  let shared = false;
  visit(doc, {
    Alias: (_, alias) => {
      if (alias.source === anchor) shared = true;
    },
  });
  return shared;
};

// One step down; a string of digits indexes a list too (`containers.0.image`).
const child = (node: unknown, key: string | number): { node: unknown } | { missing: string } => {
  if (isMap(node)) {
    const pair = node.items.find((p) => String(keyOf(p.key)) === String(key));
    if (pair) return { node: pair.value };
    const merged = node.items.some((p) => keyOf(p.key) === "<<");
    return { missing: merged ? `has no own key "${key}" (a "<<" merge may supply it; edit it where it is defined)` : `has no key "${key}"` };
  }
  if (isSeq(node)) {
    const index = typeof key === "number" ? key : /^\d+$/.test(key) ? Number(key) : -1;
    if (index >= 0 && index < node.items.length) return { node: node.items[index] };
    return { missing: index < 0 ? `is a list; "${key}" is not an index` : `has no item [${key}] (${node.items.length} items)` };
  }
  return { missing: "is not a map or a list" };
};

const describeScalar = (text: string, node: Scalar): FoundScalar | string => {
  const [start = 0, end = 0] = node.range ?? [];
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") return "is a block scalar (| or >), which this action does not rewrite";
  const value = node.value;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return `holds no value (${value === null ? "null" : typeof value})`;
  const written = typeof value === "string" ? value : (node.source ?? String(value));
  return { value, text: written, source: text.slice(start, end), type: typeof value as FoundScalar["type"], range: [start, end], line: lineAt(text, start) };
};

// Editing through an anchored node would also change every alias of it.
const sharedProblem = (doc: Document, node: unknown, where: string): string | null => {
  if (isAlias(node)) return `${where} is an alias of *${node.source}; edit the value where &${node.source} is defined`;
  const anchor = isScalar(node) || isMap(node) || isSeq(node) ? node.anchor : undefined;
  return isShared(doc, anchor) ? `${where} is anchored as &${anchor} and aliases elsewhere share it` : null;
};

/** The scalar at a slot, without resolving aliases or merges: an edit must land where the value is written, and only there. */
export const findScalar = (file: YamlFile, slot: ScalarSlot): ScalarLookup => {
  const doc = file.docs[slot.docIndex];
  if (!doc) return { ok: false, missing: true, reason: `the file has no document ${slot.docIndex} (${file.docs.length} documents)` };
  let node: unknown = doc.contents;
  for (const [i, key] of slot.path.entries()) {
    const where = i === 0 ? "the document" : `\`${formatYamlPath(slot.path.slice(0, i))}\``;
    const shared = sharedProblem(doc, node, where);
    if (shared !== null) return { ok: false, missing: false, reason: shared };
    const next = child(node, key);
    if ("missing" in next) return { ok: false, missing: true, reason: `${where} ${next.missing}` };
    node = next.node;
  }
  const at = `\`${formatYamlPath(slot.path)}\``;
  const shared = sharedProblem(doc, node, at);
  if (shared !== null) return { ok: false, missing: false, reason: shared };
  if (!isScalar(node)) return { ok: false, missing: false, reason: `${at} is a ${isSeq(node) ? "list" : "map"}, not a single value` };
  const found = describeScalar(file.text, node);
  return typeof found === "string" ? { ok: false, missing: false, reason: `${at} ${found}` } : { ok: true, scalar: found };
};

const spliceFor = (file: YamlFile, edit: ScalarEdit): (TextSplice & { applied: AppliedEdit }) | string => {
  const found = findScalar(file, edit);
  if (!found.ok) return found.reason;
  const { scalar } = found;
  const replacement = encodeScalar(edit.to, scalar, edit.typing);
  const at = `\`${formatYamlPath(edit.path)}\``;
  if (replacement === null) return `${at} holds a ${scalar.type} (${scalar.source}); ${JSON.stringify(edit.to)} is not one`;
  const applied = { docIndex: edit.docIndex, path: edit.path, from: scalar.text, to: edit.to, line: scalar.line };
  return { start: scalar.range[0], end: scalar.range[1], replacement, applied };
};

const readBack = (text: string, edits: readonly ScalarEdit[]): string | null => {
  const parsed = parseYamlFile(text);
  if (!parsed.ok) return `the edited text would not parse: ${parsed.reason}`;
  const wrong = edits.find((edit) => {
    const found = findScalar(parsed.file, edit);
    return !found.ok || found.scalar.text !== edit.to;
  });
  return wrong ? `\`${formatYamlPath(wrong.path)}\` would not read back as ${JSON.stringify(wrong.to)}` : null;
};

/**
 * Rewrites only the characters of each edited scalar: comments, anchors, quoting style, flow
 * maps, indentation and line endings stay byte-identical. Refuses (never throws) when a slot is
 * missing, shared through an alias, not a single value, or would not read back as asked.
 */
export const editYamlScalars = (file: YamlFile, edits: readonly ScalarEdit[]): EditResult => {
  const splices: (TextSplice & { applied: AppliedEdit })[] = [];
  for (const edit of edits) {
    const splice = spliceFor(file, edit);
    if (typeof splice === "string") return { ok: false, reason: splice };
    if (splices.some((other) => other.start === splice.start)) return { ok: false, reason: `\`${formatYamlPath(edit.path)}\` is edited twice` };
    splices.push(splice);
  }
  const text = applySplices(file.text, splices);
  const problem = readBack(text, edits);
  if (problem !== null) return { ok: false, reason: problem };
  return { ok: true, text, edits: splices.map((s) => s.applied) };
};

export type YamlFileRead = { ok: true; file: YamlFile } | { ok: false; reason: string };

/** Reads and parses a repository file; a missing or unparsable file is a reason, not an error. */
export const readYamlFile = async (files: RepoFiles, path: string): Promise<YamlFileRead> => {
  const text = await files.read(path);
  if (text === null) return { ok: false, reason: `\`${path}\` does not exist` };
  const parsed = parseYamlFile(text);
  return parsed.ok ? parsed : { ok: false, reason: `\`${path}\`: ${parsed.reason}` };
};
