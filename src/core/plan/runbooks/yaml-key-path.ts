import { parseAllDocuments } from "yaml";

/** A step into a YAML value: a map key, a list index, or the first list item whose fields equal the values. */
export type KeySegment = { key: string } | { index: number } | { where: Array<{ field: string[]; value: string }> };

const NAME = /^[^.[\]"=]+/;
const SELECTOR = /^\[(?:(\d+)|"([^"]+)"|([^\]"]+))\]/;
const CONDITION = /^([^=,]+)=([^,]+)$/;

const conditions = (text: string): KeySegment | null => {
  const where = text.split(",").map((part) => CONDITION.exec(part.trim()));
  if (where.some((m) => m === null)) return null;
  return { where: where.map((m) => ({ field: (m?.[1] ?? "").trim().split("."), value: (m?.[2] ?? "").trim() })) };
};

const selector = (rest: string): { segment: KeySegment; length: number } | null => {
  const match = SELECTOR.exec(rest);
  if (!match) return null;
  const [whole, index, quoted, condition] = match;
  const segment = index !== undefined ? { index: Number(index) } : quoted !== undefined ? { key: quoted } : conditions(condition ?? "");
  return segment ? { segment, length: whole.length } : null;
};

/**
 * Parses `spec.template.spec.containers[name=web].resources.limits["memory"]`: dots between
 * keys, `[N]` for an index, `[field=value,other.field=value]` for the first list item with those
 * fields, `["a.b"]` for a key containing dots. A path starting with `[…]` selects among the
 * file's YAML documents: `[kind=HorizontalPodAutoscaler,metadata.name=web].spec.maxReplicas`.
 */
export const parseKeyPath = (text: string): KeySegment[] | Error => {
  const segments: KeySegment[] = [];
  let rest = text;
  while (rest.length > 0) {
    const dotted = segments.length > 0 && rest.startsWith(".");
    const name = NAME.exec(dotted ? rest.slice(1) : rest);
    const selected = selector(rest);
    if (name && (dotted || segments.length === 0)) {
      segments.push({ key: name[0] });
      rest = rest.slice((dotted ? 1 : 0) + name[0].length);
    } else if (selected) {
      segments.push(selected.segment);
      rest = rest.slice(selected.length);
    } else {
      return new Error(`cannot read the key path "${text}" at "${rest}"; write keys like spec.containers[name=web].image`);
    }
  }
  return segments.length > 0 ? segments : new Error("the key path is empty");
};

const own = (value: unknown, key: string): unknown =>
  value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;

const fits = (item: unknown, where: Array<{ field: string[]; value: string }>): boolean =>
  where.every(({ field, value }) => {
    const found = field.reduce<unknown>((v, key) => own(v, key), item);
    return (typeof found === "string" || typeof found === "number" || typeof found === "boolean") && String(found) === value;
  });

const step = (value: unknown, segment: KeySegment): unknown => {
  if ("key" in segment) return own(value, segment.key);
  if (!Array.isArray(value)) return undefined;
  return "index" in segment ? value[segment.index] : value.find((item) => fits(item, segment.where));
};

/**
 * The value at the path in a (multi-document) YAML file: with a leading `[…]` the documents are
 * the list it selects from, otherwise the first document that has the path. Undefined when none
 * has it or the file does not parse.
 */
export const readYamlKey = (text: string, path: readonly KeySegment[]): unknown => {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  const values: unknown[] = docs.map((d) => d.toJS());
  const walk = (start: unknown, segments: readonly KeySegment[]) => segments.reduce<unknown>((v, s) => (v === undefined || v === null ? undefined : step(v, s)), start);
  const [first] = path;
  if (first && !("key" in first)) return walk(values, path);
  for (const value of values) {
    const found = walk(value, path);
    if (found !== undefined && found !== null) return found;
  }
  return undefined;
};
