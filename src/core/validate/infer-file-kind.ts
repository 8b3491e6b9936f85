import { parseDocument } from "yaml";
import { RepoConfig } from "../../schemas/repo-config.js";
import type { ValidatedFileKind } from "../../schemas/validation-report.js";
import { objectKeys } from "./schema-navigation.js";

/** What a file named on the command line is, and the tree it belongs to (null when only its content told). */
export interface InferredKind {
  kind: ValidatedFileKind;
  root: string | null;
}

/** Where the app reads each kind from, relative to a repository (or the app's own tree). */
const LOCATIONS: ReadonlyArray<{ kind: ValidatedFileKind; at: RegExp }> = [
  { kind: "config", at: /^(.*)\/\.github\/agenticops\.ya?ml$/ },
  { kind: "repository-runbook", at: /^(.*)\/\.github\/agenticops\/runbooks\/[^/]+$/ },
  { kind: "runbook", at: /^(.*)\/runbooks\/[^/]+$/ },
  { kind: "policy", at: /^(.*)\/policies\/.+$/ },
];

const CONFIG_KEYS = [...(objectKeys(RepoConfig) ?? []), "_extends"];

/** A runbook has `steps`, a policy has `rules`, a config only the config's keys. */
const kindByContent = (text: string): ValidatedFileKind | null => {
  let value: unknown;
  try {
    value = parseDocument(text).toJS();
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  // outside .github/agenticops/runbooks a runbook is still one a repository adds, so it is merged with the bundled set
  if (keys.includes("steps")) return "repository-runbook";
  if (keys.includes("rules")) return "policy";
  return keys.length > 0 && keys.every((k) => CONFIG_KEYS.includes(k)) ? "config" : null;
};

/**
 * The kind of a file given by name: from where it lies (`/`-separated absolute path) when that is
 * one of the app's places, otherwise from its content. Null when neither tells.
 */
export const inferFileKind = (path: string, text: string): InferredKind | null => {
  for (const { kind, at } of LOCATIONS) {
    const match = at.exec(path);
    if (match) return { kind, root: match[1] || "/" };
  }
  const kind = kindByContent(text);
  return kind ? { kind, root: null } : null;
};
