import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { inferFileKind } from "../../core/validate/infer-file-kind.js";
import type { SourceFile } from "../../core/validate/validation-source.js";
import { discoverTree, displayPath } from "./discover-tree.js";

/** Files validated together: one tree (the checks across files see all of it) or loose files. */
export type SourceGroup = SourceFile[];

export type ValidationSources = { groups: SourceGroup[]; errors: string[] } | { usage: string };

const UNKNOWN_KIND =
  "cannot tell what this file is: a runbook has steps, a policy has rules, and the repository's settings live in .github/agenticops.yml";

/**
 * A named file joins its tree (read for context, not reported) or, placed nowhere the app reads,
 * the loose files. False when it is none of the kinds, which `errors` gets unless `quiet`.
 */
const addFile = async (path: string, cwd: string, trees: Map<string, SourceFile[]>, errors: string[], quiet = false): Promise<boolean> => {
  const text = await readFile(path, "utf8");
  const file = displayPath(path, cwd);
  const inferred = inferFileKind(path.split(sep).join("/"), text);
  if (!inferred) {
    if (!quiet) errors.push(`${file}: ${UNKNOWN_KIND}`);
    return false;
  }
  const key = inferred.root ?? "";
  if (!trees.has(key)) trees.set(key, inferred.root === null ? [] : await discoverTree(inferred.root, cwd, false));
  const group = trees.get(key) ?? [];
  const known = group.find((s) => s.file === file);
  if (known) known.report = true;
  else group.push({ file, text, kind: inferred.kind, report: true, loaded: true });
  return true;
};

/**
 * A folder that is no tree, such as `runbooks/` or `.github/` itself: its YAML files as if each
 * was named, leaving out those of other tools (a workflow, a Kubernetes manifest).
 */
const addFolder = async (path: string, target: string, cwd: string, trees: Map<string, SourceFile[]>, errors: string[]): Promise<void> => {
  const entries = await readdir(path, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => e.name).sort();
  let found = 0;
  for (const name of names) if (await addFile(join(path, name), cwd, trees, errors, true)) found += 1;
  if (found === 0) errors.push(`no runbooks, policies or .github/agenticops.yml under ${target}`);
};

/**
 * What `agenticops validate` reads for its arguments: a directory is a tree whose every file is
 * reported (or, holding none of the app's places, a folder of files to name), a file is reported
 * with the rest of its tree as context. A missing path is a usage error.
 */
export const readValidationSources = async (targets: readonly string[], cwd: string): Promise<ValidationSources> => {
  const trees = new Map<string, SourceFile[]>();
  const errors: string[] = [];
  for (const target of targets) {
    const path = resolve(cwd, target);
    const info = await stat(path).catch(() => null);
    if (!info) return { usage: `${target}: no such file or directory` };
    if (!info.isDirectory()) {
      await addFile(path, cwd, trees, errors);
      continue;
    }
    const found = await discoverTree(path, cwd, true);
    if (found.length === 0) {
      await addFolder(path, target, cwd, trees, errors);
      continue;
    }
    const key = path.split(sep).join("/") || "/";
    const group = trees.get(key);
    if (!group) trees.set(key, found);
    else for (const s of group) s.report = true;
  }
  return { groups: [...trees.values()].filter((g) => g.some((s) => s.report)), errors };
};
