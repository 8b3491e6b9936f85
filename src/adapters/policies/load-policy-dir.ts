import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePolicyFile } from "../../core/gate/parse-policy-file.js";
import type { LocatedProblem } from "../../core/validate/located-problem.js";
import type { Policy } from "../../schemas/policy.js";

/** The organisation policy shipped with the app (the same path from src/ and from lib/). */
export const BUNDLED_POLICY_DIR = fileURLToPath(new URL("../../../policies", import.meta.url));

export interface LoadedPolicies {
  /** every valid policy, in file-name order */
  policies: Policy[];
  /** why the other files were rejected, as file:line:column */
  problems: LocatedProblem[];
}

export const isPolicyFile = (name: string): boolean => /\.ya?ml$/.test(name);

/** The YAML files directly in `dir`; subfolders (such as examples/) are not loaded. */
export const listPolicyFiles = async (dir: string): Promise<string[] | LocatedProblem> => {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && isPolicyFile(e.name)).map((e) => e.name).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return { file: dir, line: 1, column: 1, path: "", message: `cannot read the policy directory (${code})` };
  }
};

/**
 * The organisation's policies from `dir`. A malformed file is rejected with its problems and the
 * others still load; the caller decides what to do with none (the gate then denies everything).
 */
export const loadPolicyDir = async (dir: string = BUNDLED_POLICY_DIR): Promise<LoadedPolicies> => {
  const files = await listPolicyFiles(dir);
  if (!Array.isArray(files)) return { policies: [], problems: [files] };
  const policies: Policy[] = [];
  const problems: LocatedProblem[] = [];
  const taken = new Map<string, string>();
  for (const name of files) {
    const file = join(basename(dir), name);
    const result = parsePolicyFile(await readFile(join(dir, name), "utf8"), file, taken);
    if ("problems" in result) {
      problems.push(...result.problems);
      continue;
    }
    taken.set(result.policy.id, file);
    policies.push(result.policy);
  }
  if (files.length === 0) problems.push({ file: dir, line: 1, column: 1, path: "", message: "no policy files (*.yaml) found" });
  return { policies, problems };
};
