import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Scalar, type YAMLMap } from "yaml";
import { parseImageReference } from "./image-reference.js";

export type ImageValueKind = "k8s-image" | "kustomize-newTag" | "kustomize-digest" | "helm-tag" | "configured";
export type YamlPath = (string | number)[];

/** One value that decides which image version gets deployed, and where it sits in the file's text. */
export interface ImageValue {
  file: string;
  /** Index of the document in a multi-document (`---`) file. */
  docIndex: number;
  path: YamlPath;
  kind: ImageValueKind;
  /** Image repository the value belongs to, when the file says (`registry:5000/team/api`). */
  repository: string | null;
  /** Decoded scalar; plain numbers keep their source text, so `tag: 1.10` is `"1.10"`. */
  value: string;
  /** Offsets of the scalar in the text, quotes included, anchor and comment excluded. */
  range: [number, number];
}

export interface FindImageValuesOptions {
  /** Extra key paths holding a version, e.g. `["app", "version"]`, looked up in every document. */
  configuredPaths?: readonly (readonly (string | number)[])[];
}

export type FindImageValuesResult = { ok: true; values: ImageValue[] } | { ok: false; reason: string };

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);
const MERGE_KEY = "<<";
const MAX_MERGE_DEPTH = 8;

interface Walk {
  doc: Document;
  docIndex: number;
  file: string;
  out: ImageValue[];
}

const keyOf = (key: unknown): string | number | null => {
  const value = isScalar(key) ? key.value : key;
  return typeof value === "string" || typeof value === "number" ? value : null;
};

const resolve = (doc: Document, node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);

// Looks a key up in a map, then in the maps merged into it with `<<: *anchor`.
const entry = (doc: Document, map: YAMLMap, key: string, depth = 0): unknown => {
  const own = map.items.find((pair) => keyOf(pair.key) === key);
  if (own) return resolve(doc, own.value);
  if (depth >= MAX_MERGE_DEPTH) return undefined;
  for (const pair of map.items.filter((p) => keyOf(p.key) === MERGE_KEY)) {
    const sources = resolve(doc, pair.value);
    for (const source of isSeq(sources) ? sources.items : [sources]) {
      const merged = resolve(doc, source);
      const found = isMap(merged) ? entry(doc, merged, key, depth + 1) : undefined;
      if (found !== undefined) return found;
    }
  }
  return undefined;
};

// Block scalars and non-string, non-number scalars never hold an image version we can splice.
const versionScalar = (node: unknown): Scalar | null => {
  if (!isScalar(node) || !node.range || node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") return null;
  return typeof node.value === "string" || typeof node.value === "number" ? node : null;
};

const textOf = (node: Scalar): string =>
  typeof node.value === "string" ? node.value : (node.source ?? String(node.value));

const stringAt = (doc: Document, map: YAMLMap, key: string): string | null => {
  const node = versionScalar(entry(doc, map, key));
  return node ? textOf(node) : null;
};

const push = (walk: Walk, node: Scalar, path: YamlPath, kind: ImageValueKind, repository: string | null): void => {
  const [start = 0, end = 0] = node.range ?? [];
  walk.out.push({ file: walk.file, docIndex: walk.docIndex, path, kind, repository, value: textOf(node), range: [start, end] });
};

const inContainerList = (path: YamlPath): boolean =>
  typeof path.at(-1) === "number" && CONTAINER_LISTS.has(String(path.at(-2))) && path.at(-3) === "spec";

// A container's `image` always counts; elsewhere (Compose, simple Helm values) only a tagged or pinned reference.
const findImage = (walk: Walk, map: YAMLMap, path: YamlPath): void => {
  const node = versionScalar(entry(walk.doc, map, "image"));
  if (!node) return;
  const reference = parseImageReference(textOf(node));
  if (!inContainerList(path) && (reference === null || (reference.tag === null && reference.digest === null))) return;
  push(walk, node, [...path, "image"], "k8s-image", reference?.repository ?? null);
};

// Helm charts: `image: { registry?, repository, tag }`, or any map pairing `repository` with `tag`.
const findHelmTag = (walk: Walk, map: YAMLMap, path: YamlPath): void => {
  const node = versionScalar(entry(walk.doc, map, "tag"));
  const repository = stringAt(walk.doc, map, "repository");
  if (!node || (repository === null && path.at(-1) !== "image")) return;
  const registry = stringAt(walk.doc, map, "registry");
  const full = repository === null ? null : registry ? `${registry}/${repository}` : repository;
  push(walk, node, [...path, "tag"], "helm-tag", full);
};

const findKustomizeImage = (walk: Walk, map: YAMLMap, path: YamlPath): void => {
  if (path.length !== 2 || path[0] !== "images" || typeof path[1] !== "number") return;
  const name = stringAt(walk.doc, map, "name");
  if (name === null) return;
  const repository = stringAt(walk.doc, map, "newName") ?? name;
  const newTag = versionScalar(entry(walk.doc, map, "newTag"));
  if (newTag) push(walk, newTag, [...path, "newTag"], "kustomize-newTag", repository);
  const digest = versionScalar(entry(walk.doc, map, "digest"));
  if (digest) push(walk, digest, [...path, "digest"], "kustomize-digest", repository);
};

// Aliased collections are not walked: their anchor is walked where it is defined.
const visit = (walk: Walk, node: unknown, path: YamlPath): void => {
  if (isSeq(node)) node.items.forEach((item, index) => visit(walk, item, [...path, index]));
  if (!isMap(node)) return;
  findImage(walk, node, path);
  findHelmTag(walk, node, path);
  findKustomizeImage(walk, node, path);
  for (const pair of node.items) {
    const key = keyOf(pair.key);
    if (key !== null && key !== MERGE_KEY) visit(walk, pair.value, [...path, key]);
  }
};

const nodeAt = (doc: Document, path: readonly (string | number)[]): unknown => {
  let node: unknown = resolve(doc, doc.contents);
  for (const key of path) {
    if (isMap(node)) node = entry(doc, node, String(key));
    // Paths split from a dotted config key arrive as strings: "containers.0.image".
    else if (isSeq(node) && /^\d+$/.test(String(key))) node = resolve(doc, node.items[Number(key)]);
    else return undefined;
  }
  return node;
};

const pathKey = (value: ImageValue): string => JSON.stringify([value.docIndex, value.path]);

const firstLine = (message: string): string => message.split("\n")[0] ?? message;

/**
 * Every value in a YAML file's text that pins an image version: container `image`, Kustomize
 * `images[].newTag`/`digest`, Helm `image.tag`/`repository`+`tag`, and configured key paths.
 * Bad YAML is a result, not an exception: the caller skips the file.
 */
export const findImageValues = (file: string, text: string, options: FindImageValuesOptions = {}): FindImageValuesResult => {
  const docs = parseAllDocuments(text);
  const error = docs.flatMap((doc) => doc.errors)[0];
  if (error) return { ok: false, reason: firstLine(error.message) };
  const out: ImageValue[] = [];
  docs.forEach((doc, docIndex) => {
    const walk: Walk = { doc, docIndex, file, out };
    visit(walk, resolve(doc, doc.contents), []);
    for (const path of options.configuredPaths ?? []) {
      const node = versionScalar(nodeAt(doc, path));
      if (node) push(walk, node, [...path], "configured", null);
    }
  });
  const seen = new Set<string>();
  return { ok: true, values: out.filter((value) => !seen.has(pathKey(value)) && seen.add(pathKey(value))) };
};
