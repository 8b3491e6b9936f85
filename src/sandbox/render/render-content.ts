import type { TreeEntry } from "../git/git-store.js";
import type { RepoRecord } from "../state/sandbox-state.js";
import { urlPath } from "./render-commit.js";
import { repoBase, type RenderEnv } from "./render-env.js";

export interface ContentItem {
  type: "file" | "dir" | "symlink" | "submodule";
  path: string;
  sha: string;
  size: number;
}

/** Base64 wrapped at 60 columns, the way GitHub's contents API sends it. */
export const wrappedBase64 = (content: Buffer): string => (content.toString("base64").match(/.{1,60}/g) ?? []).map((l) => `${l}\n`).join("");

const itemLinks = (ctx: RenderEnv, repo: RepoRecord, item: ContentItem, ref: string): Record<string, unknown> => {
  const { api, html } = repoBase(ctx, repo);
  const path = urlPath(item.path);
  const url = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = item.type === "dir" ? `${api}/git/trees/${item.sha}` : `${api}/git/blobs/${item.sha}`;
  const htmlUrl = `${html}/${item.type === "dir" ? "tree" : "blob"}/${ref}/${path}`;
  return {
    name: item.path.split("/").pop() ?? item.path,
    path: item.path,
    sha: item.sha,
    size: item.size,
    url,
    html_url: htmlUrl,
    git_url: gitUrl,
    download_url: item.type === "file" ? `${html}/raw/${ref}/${path}` : null,
    type: item.type,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
};

/** GitHub's `content-file`. */
export const renderContentFile = (ctx: RenderEnv, repo: RepoRecord, path: string, sha: string, content: Buffer, ref: string): Record<string, unknown> => ({
  ...itemLinks(ctx, repo, { type: "file", path, sha, size: content.length }, ref),
  content: wrappedBase64(content),
  encoding: "base64",
});

const ENTRY_TYPES: Record<TreeEntry["mode"], ContentItem["type"]> = {
  "100644": "file",
  "100755": "file",
  "040000": "dir",
  "160000": "submodule",
  "120000": "symlink",
};

/** One element of GitHub's `content-directory` for a tree entry listed under `dir`. */
export const renderContentEntry = (ctx: RenderEnv, repo: RepoRecord, dir: string, entry: TreeEntry, ref: string): Record<string, unknown> => {
  const inDir = dir === "" || entry.path.startsWith(`${dir}/`);
  const path = inDir ? entry.path : `${dir}/${entry.path}`;
  const type = ENTRY_TYPES[entry.mode] ?? (entry.type === "tree" ? "dir" : "file");
  return itemLinks(ctx, repo, { type, path, sha: entry.sha, size: type === "file" ? (entry.size ?? 0) : 0 }, ref);
};

/** `file-commit`'s `content` part after a write through the contents API. */
export const renderWrittenContent = (ctx: RenderEnv, repo: RepoRecord, path: string, sha: string, size: number, ref: string): Record<string, unknown> =>
  itemLinks(ctx, repo, { type: "file", path, sha, size }, ref);
