import { isMap, isScalar, isSeq, type Document } from "yaml";
import type { YamlPath } from "../find-image-values.js";
import type { RepoFiles } from "./action-module.js";
import { readYamlFile, type YamlFile } from "./edit-yaml-scalars.js";

export interface K8sObjectRef {
  kind: string;
  name: string;
  namespace?: string | undefined;
}

export type K8sObjectLookup = { ok: true; docIndex: number; label: string } | { ok: false; reason: string };

const text = (doc: Document, path: YamlPath): string | null => {
  const node = doc.getIn(path, true);
  return isScalar(node) && typeof node.value === "string" ? node.value : null;
};

/** `Deployment/shop`, for messages listing what a file holds. */
const labelOf = (doc: Document): string | null => {
  const kind = text(doc, ["kind"]);
  const name = text(doc, ["metadata", "name"]);
  return kind && name ? `${kind}/${name}` : null;
};

/**
 * The document holding one Kubernetes object, found by kind and `metadata.name`. A document
 * without `metadata.namespace` matches any namespace: Kustomize or `kubectl -n` sets it at apply time.
 */
export const findK8sObject = (file: YamlFile, ref: K8sObjectRef): K8sObjectLookup => {
  const matches = file.docs.flatMap((doc, docIndex) => {
    if (!isMap(doc.contents) || text(doc, ["kind"]) !== ref.kind || text(doc, ["metadata", "name"]) !== ref.name) return [];
    const namespace = text(doc, ["metadata", "namespace"]);
    return ref.namespace === undefined || namespace === null || namespace === ref.namespace ? [{ docIndex, namespace }] : [];
  });
  const label = `${ref.kind}/${ref.name}${ref.namespace === undefined ? "" : ` in namespace ${ref.namespace}`}`;
  const [only, ...others] = matches;
  if (only && others.length === 0) return { ok: true, docIndex: only.docIndex, label: `${ref.kind}/${ref.name}` };
  if (only) {
    const where = matches.map((m) => `document ${m.docIndex}${m.namespace ? ` (namespace ${m.namespace})` : ""}`).join(", ");
    return { ok: false, reason: `${matches.length} documents hold ${label}: ${where}; give the namespace` };
  }
  const present = file.docs.map(labelOf).filter((l) => l !== null);
  return { ok: false, reason: `the file has no ${label}${present.length > 0 ? ` (it holds ${present.join(", ")})` : ""}` };
};

export type K8sObjectInFile = { ok: true; file: YamlFile; docIndex: number; label: string; where: string } | { ok: false; reason: string };

/** The manifest an action edits and the object in it; the reason names whichever is missing. */
export const readK8sObject = async (files: RepoFiles, path: string, ref: K8sObjectRef): Promise<K8sObjectInFile> => {
  const read = await readYamlFile(files, path);
  if (!read.ok) return read;
  const object = findK8sObject(read.file, ref);
  if (!object.ok) return { ok: false, reason: `\`${path}\`: ${object.reason}` };
  return { ok: true, file: read.file, docIndex: object.docIndex, label: object.label, where: `${object.label} in \`${path}\`` };
};

export type ContainerLookup = { ok: true; path: YamlPath } | { ok: false; reason: string };

const CONTAINER_LISTS = ["containers", "initContainers"] as const;

/** The path of a named container under a pod spec path, looking at `containers` then `initContainers`. */
export const findContainer = (file: YamlFile, docIndex: number, podSpec: YamlPath, name: string): ContainerLookup => {
  const names: string[] = [];
  for (const list of CONTAINER_LISTS) {
    const node = file.docs[docIndex]?.getIn([...podSpec, list], true);
    if (!isSeq(node)) continue;
    for (const [index, item] of node.items.entries()) {
      const itemName = isMap(item) ? item.get("name") : null;
      if (itemName === name) return { ok: true, path: [...podSpec, list, index] };
      if (typeof itemName === "string") names.push(itemName);
    }
  }
  const listed = names.length > 0 ? `; containers: ${names.join(", ")}` : "";
  return { ok: false, reason: `has no container "${name}" under \`${podSpec.join(".")}\`${listed}` };
};
