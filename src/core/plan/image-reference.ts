/**
 * A container image reference split the way registries and runtimes read it:
 * `[registry[:port]/]path/name[:tag][@algorithm:digest]`.
 * `tag` and `digest` are null when absent; with neither, the runtime pulls `latest`.
 */
export interface ImageReference {
  /** Everything before the tag and digest, registry and port included (`registry.io:5000/team/api`). */
  repository: string;
  tag: string | null;
  /** `sha256:…`, without the `@`. */
  digest: string | null;
}

// Grammar from the distribution spec (github.com/distribution/reference), kept to what we need.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$/;
/** A tag as registries accept it. */
export const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;
/** `algorithm:hex`, without the `@`. */
export const IMAGE_DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;

// A first component is a registry host only if it could not be a path component:
// it has a dot or a port, is `localhost`, or has upper case (Docker's own rule).
const looksLikeHost = (component: string): boolean =>
  component.includes(".") || component.includes(":") || component === "localhost" || component !== component.toLowerCase();

const isRepository = (text: string): boolean => {
  const components = text.split("/");
  const first = components[0] ?? "";
  const hasHost = components.length > 1 && looksLikeHost(first);
  if (hasHost && !HOST.test(first)) return false;
  return components.slice(hasHost ? 1 : 0).every((c) => PATH_COMPONENT.test(c));
};

/** Parses `text` as an image reference; null when it is not one (templates, file names with spaces, empty). */
export const parseImageReference = (text: string): ImageReference | null => {
  const trimmed = text.trim();
  const at = trimmed.indexOf("@");
  const digest = at === -1 ? null : trimmed.slice(at + 1);
  if (digest !== null && !IMAGE_DIGEST.test(digest)) return null;
  const named = at === -1 ? trimmed : trimmed.slice(0, at);
  // Only a colon after the last slash starts a tag; earlier colons belong to a registry port.
  const colon = named.lastIndexOf(":");
  const hasTag = colon > named.lastIndexOf("/");
  const tag = hasTag ? named.slice(colon + 1) : null;
  if (tag !== null && !IMAGE_TAG.test(tag)) return null;
  const repository = hasTag ? named.slice(0, colon) : named;
  if (repository.length === 0 || repository.length > 255 || !isRepository(repository)) return null;
  return { repository, tag, digest };
};

/** The text form of a reference, `repository[:tag][@digest]`; inverse of parseImageReference. */
export const formatImageReference = (reference: ImageReference): string =>
  `${reference.repository}${reference.tag === null ? "" : `:${reference.tag}`}${reference.digest === null ? "" : `@${reference.digest}`}`;

/** What a runtime would pull, for messages: the digest wins over the tag, no tag means `latest`. */
export const imageVersion = (reference: ImageReference): string => reference.digest ?? reference.tag ?? "latest";
