import { isScalar, parseDocument } from "yaml";

/** Replace `text.slice(start, end)` with `replacement`. */
export interface TextSplice {
  start: number;
  end: number;
  replacement: string;
}

/**
 * How a new value may change a plain scalar's YAML type:
 * - `text`: the value is text; stay plain only while plain keeps the type, else double-quote it
 *   (image versions: `1.5.0` pinned back to 1.4 is written `"1.4"`, a Helm template would read 1.4 as a number);
 * - `strict`: keep the type; a number or boolean slot only takes a value that reads as one;
 * - `loose`: stay plain whenever that is valid YAML (Kubernetes quantities read `2` and `"2"` alike).
 */
export type ScalarTyping = "text" | "strict" | "loose";

/** A scalar as written: its source (quotes included) and the type YAML gave it. */
export interface CurrentScalar {
  source: string;
  /** `string`, `number`, `boolean`, or `null` for `~`, `null` and empty values */
  type: string;
}

const PLAIN_SAFE = /^[A-Za-z0-9_.][\w./:@+-]*$/;

/** The type a plain scalar with this text reads as; `not-a-scalar` when it is not one. */
export const plainType = (source: string): string => {
  const doc = parseDocument(source);
  if (doc.errors.length > 0 || !isScalar(doc.contents)) return "not-a-scalar";
  return doc.contents.value === null ? "null" : typeof doc.contents.value;
};

// Single-quoted scalars escape a quote by doubling it; JSON strings are valid double-quoted YAML.
const requote = (text: string, quote: string): string => (quote === "'" ? `'${text.replaceAll("'", "''")}'` : JSON.stringify(text));

/**
 * The source to write for `text` in place of `current`, keeping its quoting style; null when
 * `strict` typing cannot keep the scalar's type.
 */
export const encodeScalar = (text: string, current: CurrentScalar, typing: ScalarTyping): string | null => {
  const quote = current.source[0];
  if (quote === "'" || quote === '"') return requote(text, quote);
  const plain = PLAIN_SAFE.test(text) && !text.endsWith(":") ? plainType(text) : "not-a-scalar";
  if (plain !== "not-a-scalar" && (typing === "loose" || plain === current.type)) return text;
  if (typing === "strict" && current.type !== "string") return null;
  return JSON.stringify(text);
};

/** Applies splices that do not overlap, from the end backwards so earlier offsets stay valid. */
export const applySplices = (text: string, splices: readonly TextSplice[]): string =>
  [...splices].sort((a, b) => a.start - b.start).reduceRight((out, s) => out.slice(0, s.start) + s.replacement + out.slice(s.end), text);

/** 1-based line of an offset. */
export const lineAt = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;
