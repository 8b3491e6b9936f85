import { Policy } from "../../schemas/policy.js";
import type { LocatedProblem } from "../validate/located-problem.js";
import { parseYamlDocument } from "../validate/parse-yaml-document.js";

/**
 * One policy file: its policy, or where it is wrong. `takenIds` maps the ids of the files loaded
 * before it to their file, so a second file reusing an id is rejected and the first keeps working.
 */
export const parsePolicyFile = (text: string, file: string, takenIds: ReadonlyMap<string, string>): { policy: Policy } | { problems: LocatedProblem[] } => {
  const parsed = parseYamlDocument(text, file, Policy, "a policy with id, description, rules and tests");
  if (!parsed.ok) return { problems: parsed.problems };
  const other = takenIds.get(parsed.value.id);
  if (other !== undefined) return { problems: [parsed.locate({ path: ["id"], at: "value", message: `policy id "${parsed.value.id}" is already used by ${other}; ids must be unique` })] };
  return { policy: parsed.value };
};
