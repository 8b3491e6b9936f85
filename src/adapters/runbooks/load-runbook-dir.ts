import { ACTION_CATALOG } from "../../core/plan/actions/action-catalog.js";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import type { ActionCatalog } from "../../core/plan/runbooks/action-catalog-type.js";
import { parseRunbookFiles, type RunbookSet } from "../../core/plan/runbooks/parse-runbook-files.js";

/** The runbooks shipped with the package (the same path from src/ and from lib/). */
export const BUNDLED_RUNBOOKS_DIR = fileURLToPath(new URL("../../../runbooks/", import.meta.url));

/** A runbook file name: `*.yaml` or `*.yml` (the app's folder and a repository's alike). */
export const isRunbookFile = (name: string): boolean => /\.ya?ml$/.test(name);

/** How files are named in problems: relative to the working directory when inside it. */
const displayName = (dir: string, name: string): string => {
  const path = join(dir, name);
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
};

/** The `*.yaml`/`*.yml` names directly in `dir`, sorted: the order runbooks load in. */
export const listRunbookFiles = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir)).filter(isRunbookFile).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
};

/**
 * Loads every `*.yaml`/`*.yml` file of a directory, sorted by name: the valid runbooks and the
 * located problems of the others. A directory that does not exist holds no runbooks.
 */
export const loadRunbookDir = async (dir: string, catalog: ActionCatalog = ACTION_CATALOG): Promise<RunbookSet> => {
  const names = await listRunbookFiles(dir);
  const files = await Promise.all(names.map(async (name) => ({ file: displayName(dir, name), text: await readFile(join(dir, name), "utf8") })));
  return parseRunbookFiles(files, catalog);
};
