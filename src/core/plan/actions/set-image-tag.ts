import { parseAllDocuments, type Document } from "yaml";
import { z } from "zod";
import type { ImageChange } from "../find-image-changes.js";
import { findImageValues, type ImageValue } from "../find-image-values.js";
import { formatImageReference, IMAGE_DIGEST, IMAGE_TAG, parseImageReference } from "../image-reference.js";
import { pinImageValues } from "../pin-image-values.js";
import type { ActionModule, InverseAction, PlannedAction } from "./action-module.js";
import { RepoFilePath } from "./action-params.js";
import { formatYamlPath } from "./yaml-path.js";

export const SetImageTagParams = z
  .strictObject({
    file: RepoFilePath,
    /** only this Kubernetes container's image (by container name) */
    container: z.string().min(1).optional(),
    /** the image repository as the file writes it, registry included: `ghcr.io/acme/api` */
    image: z.string().refine((image) => parseImageReference(image)?.repository === image && !image.includes("@"), {
      message: 'expected an image repository without tag or digest, like "ghcr.io/acme/api"',
    }),
    tag: z.string().regex(IMAGE_TAG, "expected an image tag: letters, digits, '_', '.' and '-', at most 128 characters").optional(),
    digest: z.string().regex(IMAGE_DIGEST, 'expected a digest like "sha256:" followed by hex digits').optional(),
  })
  .superRefine((params, ctx) => {
    if (params.tag === undefined && params.digest === undefined) ctx.addIssue({ code: "custom", path: ["tag"], message: "give a tag, a digest, or both" });
  });
export type SetImageTagParams = z.infer<typeof SetImageTagParams>;

interface Version {
  tag: string | null;
  digest: string | null;
}

type Rewrite = { value: ImageValue; next: string };

const label = (v: Version): string => (v.tag === null && v.digest === null ? "no tag (latest)" : `${v.tag ?? ""}${v.digest === null ? "" : `@${v.digest}`}`);
const entryOf = (value: ImageValue): string => JSON.stringify([value.docIndex, value.path.slice(0, -1)]);
const notApplicable = (reason: string): PlannedAction => ({ kind: "not-applicable", reason });

// A Kustomize `images:` entry holds up to two values (newTag, digest): one version per entry.
const versionOf = (entry: ImageValue[]): Version => {
  const [first] = entry;
  if (first?.kind === "k8s-image") {
    const ref = parseImageReference(first.value);
    return { tag: ref?.tag ?? null, digest: ref?.digest ?? null };
  }
  return { tag: entry.find((v) => v.kind !== "kustomize-digest")?.value ?? null, digest: entry.find((v) => v.kind === "kustomize-digest")?.value ?? null };
};

const kustomizeRewrites = (entry: ImageValue[], want: Version): Rewrite[] | string => {
  const newTag = entry.find((v) => v.kind === "kustomize-newTag");
  const digest = entry.find((v) => v.kind === "kustomize-digest");
  const where = `\`${formatYamlPath((newTag ?? digest)?.path.slice(0, -1) ?? [])}\``;
  if (want.tag !== null && !newTag) return `${where} has no newTag key to set`;
  if (want.digest !== null && !digest) return `${where} has no digest key to set`;
  if (digest && want.digest === null) return `${where} pins a digest, which wins over newTag; give the digest to set`;
  return [...(newTag && want.tag !== null ? [{ value: newTag, next: want.tag }] : []), ...(digest && want.digest !== null ? [{ value: digest, next: want.digest }] : [])];
};

// The new text of each value of one entry, or why the entry cannot take the version.
const rewrites = (entry: ImageValue[], want: Version): Rewrite[] | string => {
  const [value] = entry;
  if (value?.kind === "k8s-image") {
    const repository = parseImageReference(value.value)?.repository ?? value.value;
    return [{ value, next: formatImageReference({ repository, ...want }) }];
  }
  if (value?.kind === "helm-tag") {
    if (want.digest !== null || want.tag === null) return `\`${formatYamlPath(value.path)}\` is a Helm tag value: give a tag and no digest`;
    return [{ value, next: want.tag }];
  }
  return kustomizeRewrites(entry, want);
};

// A container's name sits beside its `image`; only container images have one.
const containerName = (docs: Document[], value: ImageValue): string | null => {
  const name = value.kind === "k8s-image" ? docs[value.docIndex]?.getIn([...value.path.slice(0, -1), "name"]) : null;
  return typeof name === "string" ? name : null;
};

const matching = (text: string, values: ImageValue[], params: SetImageTagParams): ImageValue[] => {
  const mine = values.filter((v) => v.kind !== "configured" && v.repository === params.image);
  if (params.container === undefined) return mine;
  const docs = parseAllDocuments(text);
  return Array.isArray(docs) ? mine.filter((v) => containerName(docs, v) === params.container) : [];
};

const groupByEntry = (values: ImageValue[]): ImageValue[][] => {
  const groups = new Map<string, ImageValue[]>();
  for (const value of values) groups.set(entryOf(value), [...(groups.get(entryOf(value)) ?? []), value]);
  return [...groups.values()];
};

const changesFor = (params: SetImageTagParams, entries: ImageValue[][], want: Version): ImageChange[] | string => {
  const changes: ImageChange[] = [];
  for (const entry of entries) {
    const planned = rewrites(entry, want);
    if (typeof planned === "string") return planned;
    for (const { value, next } of planned.filter((r) => r.next !== r.value.value)) {
      changes.push({ file: params.file, docIndex: value.docIndex, path: value.path, kind: value.kind, repository: value.repository, good: next, bad: value.value });
    }
  }
  return changes;
};

const inverseOf = (params: SetImageTagParams, previous: Version): InverseAction => {
  const description = `Set \`${params.image}\` in \`${params.file}\` back to ${label(previous)}.`;
  // An untagged image cannot be asked for: the action needs a tag or a digest.
  if (previous.tag === null && previous.digest === null) return { action: null, description };
  const { tag: _tag, digest: _digest, ...rest } = params;
  const version = { ...(previous.tag === null ? {} : { tag: previous.tag }), ...(previous.digest === null ? {} : { digest: previous.digest }) };
  return { action: "set-image-tag", params: { ...rest, ...version }, description };
};

const absent = (params: SetImageTagParams, values: ImageValue[]): PlannedAction => {
  const present = [...new Set(values.flatMap((v) => (v.repository === null ? [] : [v.repository])))];
  const scope = params.container === undefined ? "" : ` in container "${params.container}"`;
  return notApplicable(`\`${params.file}\` has no image \`${params.image}\`${scope}${present.length > 0 ? ` (it has ${present.join(", ")})` : ""}`);
};

/**
 * Sets an image's version in Kubernetes manifests, Kustomize `images:` or Helm values, editing
 * only the version's characters. Every place the image appears moves together, so they must agree.
 */
export const setImageTag: ActionModule<SetImageTagParams> = {
  kind: "set-image-tag",
  params: SetImageTagParams,
  risk: "medium",
  effect: "pull-request",
  plan: async (params, files) => {
    const text = await files.read(params.file);
    if (text === null) return notApplicable(`\`${params.file}\` does not exist`);
    const found = findImageValues(params.file, text);
    if (!found.ok) return notApplicable(`\`${params.file}\` does not parse: ${found.reason}`);
    const entries = groupByEntry(matching(text, found.values, params));
    if (entries.length === 0) return absent(params, found.values);
    const versions = [...new Set(entries.map((e) => label(versionOf(e))))];
    if (versions.length > 1) return notApplicable(`\`${params.image}\` appears with different versions in \`${params.file}\` (${versions.join(", ")}); give the container`);
    const want: Version = { tag: params.tag ?? null, digest: params.digest ?? null };
    const changes = changesFor(params, entries, want);
    if (typeof changes === "string") return notApplicable(changes);
    if (changes.length === 0) return notApplicable(`\`${params.image}\` in \`${params.file}\` is already at ${label(want)}`);
    const pinned = pinImageValues(text, changes);
    if (!pinned.ok) return notApplicable(pinned.reason);
    return {
      kind: "planned",
      changes: [{ path: params.file, change: "modify", content: pinned.text, previous: text }],
      quantities: [],
      description: pinned.edits.map((e) => `In \`${params.file}\` line ${e.line}, set \`${formatYamlPath(e.path)}\` from \`${e.from}\` to \`${e.to}\`.`),
      inverse: inverseOf(params, versionOf(entries[0] ?? [])),
    };
  },
};
