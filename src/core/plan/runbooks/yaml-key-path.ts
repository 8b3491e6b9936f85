import { parseAllDocuments } from "yaml";

/** A step into a YAML value: a map key, a list index, or the list item whose `field` equals `value`. */
export type KeySegment = { key: string } | { index: number } | { field: string; value: string };

const NAME = /^[^.[\]"=]+/;
const SELECTOR = /^\[(?:(\d+)|"([^"]+)"|([^=\]]+)=([^\]]+))\]/;

/**
 * Parses `spec.template.spec.containers[name=web].resources.limits["memory"]`: dots between
 * keys, `[N]` for an index, `[field=value]` for the list item with that field, `["a.b"]` for a key
 * containing dots (Kubernetes annotations). An Error says where the path stops making sense.
 */
export const parseKeyPath = (text: string): KeySegment[] | Error => {
  const segments: KeySegment[] = [];
  let rest = text;
  while (rest.length > 0) {
    const dotted = segments.length > 0 && rest.startsWith(".");
    const body = dotted ? rest.slice(1) : rest;
    const name = NAME.exec(body);
    const selector = SELECTOR.exec(rest);
    if (name && (dotted || segments.length === 0)) {
      segments.push({ key: name[0] });
      rest = body.slice(name[0].length);
    } else if (selector) {
      const [whole, index, quoted, field, value] = selector;
      segments.push(index !== undefined ? { index: Number(index) } : quoted !== undefined ? { key: quoted } : { field: field ?? "", value: value ?? "" });
      rest = rest.slice(whole.length);
    } else {
      return new Error(`cannot read the key path "${text}" at "${rest}"; write keys like spec.containers[name=web].image`);
    }
  }
  return segments.length > 0 ? segments : new Error("the key path is empty");
};

const step = (value: unknown, segment: KeySegment): unknown => {
  if (Array.isArray(value)) {
    if ("index" in segment) return value[segment.index];
    if ("field" in segment) return value.find((item: unknown) => typeof item === "object" && item !== null && String((item as Record<string, unknown>)[segment.field]) === segment.value);
    return undefined;
  }
  if (value === null || typeof value !== "object" || !("key" in segment)) return undefined;
  return Object.hasOwn(value, segment.key) ? (value as Record<string, unknown>)[segment.key] : undefined;
};

/** Whether some document of a YAML file has a non-null value at the path. */
export const hasYamlKey = (text: string, path: readonly KeySegment[]): boolean =>
  parseAllDocuments(text).some((doc) => {
    if (!("toJS" in doc) || doc.errors.length > 0) return false;
    const found = path.reduce<unknown>((value, segment) => step(value, segment), doc.toJS());
    return found !== undefined && found !== null;
  });
