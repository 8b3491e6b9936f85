import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { isPolicyFile, listPolicyFiles } from "../policies/load-policy-dir.js";
import { listRunbookFiles } from "../runbooks/load-runbook-dir.js";
import type { SourceFile } from "../../core/validate/validation-source.js";
import type { ValidatedFileKind } from "../../schemas/validation-report.js";

/** The app's places in a tree, relative to its root. */
export const CONFIG_PATH = join(".github", "agenticops.yml");
const MISNAMED_CONFIG_PATH = join(".github", "agenticops.yaml");
const REPO_RUNBOOKS_DIR = join(".github", "agenticops", "runbooks");

/** Files are named relative to the working directory when inside it, as editors and terminals link them. */
export const displayPath = (path: string, cwd: string): string => {
  const rel = relative(cwd, path);
  const shown = rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
  return shown.split(sep).join("/");
};

const readIfFile = async (path: string): Promise<string | null> => {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return null;
    throw error;
  }
};

/** Policy files in subfolders of policies/ (examples), which the loader never reads. */
const nestedPolicyFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && isPolicyFile(e.name) && e.parentPath !== dir)
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
};

/**
 * Every file of a tree the app reads, in the order it reads them: `runbooks/*.y(a)ml`,
 * `.github/agenticops/runbooks/*.y(a)ml`, `policies/*.y(a)ml` then the policies in its
 * subfolders, `.github/agenticops.yml` (and a misnamed `.yaml`).
 */
export const discoverTree = async (root: string, cwd: string, report: boolean): Promise<SourceFile[]> => {
  const policiesDir = join(root, "policies");
  const listed = await listPolicyFiles(policiesDir);
  const places: Array<{ path: string; kind: ValidatedFileKind; loaded: boolean }> = [
    ...(await listRunbookFiles(join(root, "runbooks"))).map((name) => ({ path: join(root, "runbooks", name), kind: "runbook" as const, loaded: true })),
    ...(await listRunbookFiles(join(root, REPO_RUNBOOKS_DIR))).map((name) => ({ path: join(root, REPO_RUNBOOKS_DIR, name), kind: "repository-runbook" as const, loaded: true })),
    ...(Array.isArray(listed) ? listed : []).map((name) => ({ path: join(policiesDir, name), kind: "policy" as const, loaded: true })),
    ...(await nestedPolicyFiles(policiesDir)).map((name) => ({ path: join(policiesDir, name), kind: "policy" as const, loaded: false })),
    { path: join(root, CONFIG_PATH), kind: "config", loaded: true },
    { path: join(root, MISNAMED_CONFIG_PATH), kind: "config", loaded: false },
  ];
  const files = await Promise.all(places.map(async (p) => ({ ...p, text: await readIfFile(p.path) })));
  return files.filter((f) => f.text !== null).map((f) => ({ file: displayPath(f.path, cwd), text: f.text ?? "", kind: f.kind, report, loaded: f.loaded }));
};
