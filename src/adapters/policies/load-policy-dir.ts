import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LocatedProblem } from "../../core/validate/located-problem.js";
import { parseYamlDocument } from "../../core/validate/parse-yaml-document.js";
import { Policy } from "../../schemas/policy.js";

/** The organisation policy shipped with the app (the same path from src/ and from lib/). */
export const BUNDLED_POLICY_DIR = fileURLToPath(new URL("../../../policies", import.meta.url));

export interface LoadedPolicies {
  /** every valid policy, in file-name order */
  policies: Policy[];
  /** why the other files were rejected, as file:line:column */
  problems: LocatedProblem[];
}

const isPolicyFile = (name: string): boolean => /\.ya?ml$/.test(name);

/** The YAML files directly in `dir`; subfolders (such as examples/) are not loaded. */
const listPolicyFiles = async (dir: string): Promise<string[] | LocatedProblem> => {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && isPolicyFile(e.name)).map((e) => e.name).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return { file: dir, line: 1, column: 1, path: "", message: `cannot read the policy directory (${code})` };
  }
};

/** One file: its policy, or where it is wrong. */
export const parsePolicyFile = (text: string, file: string, takenIds: ReadonlyMap<string, string>): { policy: Policy } | { problems: LocatedProblem[] } => {
  const parsed = parseYamlDocument(text, file, Policy, "a policy with id, description, rules and tests");
  if (!parsed.ok) return { problems: parsed.problems };
  const other = takenIds.get(parsed.value.id);
  if (other !== undefined) return { problems: [parsed.locate({ path: ["id"], at: "value", message: `policy id "${parsed.value.id}" is already used by ${other}; ids must be unique` })] };
  return { policy: parsed.value };
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
