import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import {
  TEMPLATE_PATTERN,
  TEMPLATE_VARIABLES,
  formatJsonPath,
  type JsonPath,
} from "../../schemas/drill-template.js";

/** Variable name ("commits.0", "repo.full_name", "pr.0") → value, as known at the moment of rendering. */
export type TemplateVars = Readonly<Record<string, string | number>>;

export interface DrillTemplateFacts {
  owner: string;
  name: string;
  defaultBranch: string;
  /** SHAs of the drill's commits, in order */
  commits: readonly string[];
  /** ids of workflow runs, in creation order */
  runs?: readonly number[];
  /** numbers of pull requests, in creation order */
  pullRequests?: readonly number[];
  /** head branches of those pull requests, same order */
  pullRequestHeads?: readonly string[];
}

/** Builds the variables of docs/drills.md ("Templates") from what the sandbox knows so far. */
export const drillTemplateVars = (facts: DrillTemplateFacts): TemplateVars => {
  const vars: Record<string, string | number> = {
    "repo.full_name": `${facts.owner}/${facts.name}`,
    "repo.owner": facts.owner,
    "repo.name": facts.name,
    "repo.default_branch": facts.defaultBranch,
  };
  facts.commits.forEach((sha, i) => {
    vars[`commits.${i}`] = sha;
    vars[`commits.${i}.short`] = sha.slice(0, 7);
  });
  facts.runs?.forEach((id, i) => (vars[`run.${i}`] = id));
  facts.pullRequests?.forEach((n, i) => (vars[`pr.${i}`] = n));
  facts.pullRequestHeads?.forEach((head, i) => (vars[`pr.${i}.head`] = head));
  return vars;
};

const WHOLE_TEMPLATE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

const unknownVariable = (name: string, path: JsonPath, vars: TemplateVars): AgenticOpsError => {
  const where = formatJsonPath(path) || "(top level)";
  return new AgenticOpsError("DRILL_INVALID", `unknown template variable "{{${name}}}" at ${where}`, {
    details: { variable: name, path: where },
    hint: TEMPLATE_VARIABLES.includes(name.replace(/\d+/g, "N") as (typeof TEMPLATE_VARIABLES)[number])
      ? `"${name}" does not exist yet at this point of the drill (known now: ${Object.keys(vars).join(", ") || "none"})`
      : `use one of ${TEMPLATE_VARIABLES.join(", ")}`,
  });
};

const renderString = (text: string, vars: TemplateVars, path: JsonPath): string | number => {
  const lookup = (name: string): string | number => {
    const value = vars[name];
    if (value === undefined) throw unknownVariable(name, path, vars);
    return value;
  };
  // A string that is one template keeps the variable's type, so `number: "{{pr.0}}"` yields a number.
  const whole = WHOLE_TEMPLATE.exec(text);
  if (whole) return lookup(whole[1] ?? "");
  return text.replace(TEMPLATE_PATTERN, (_match, name: string) => String(lookup(name)));
};

/**
 * Replaces `{{variable}}` in every string of a JSON value, except file contents (values of a
 * `files` map) and GitHub Actions' `${{ … }}`. Throws DRILL_INVALID naming the variable and where
 * it appeared; `path` is where `value` sits in the drill, e.g. ["events", 2].
 */
export const renderTemplates = <T>(value: T, vars: TemplateVars, path: JsonPath = []): T => {
  const render = (node: unknown, at: JsonPath): unknown => {
    if (typeof node === "string") return renderString(node, vars, at);
    if (Array.isArray(node)) return node.map((item, i) => render(item, [...at, i]));
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [key, key === "files" ? child : render(child, [...at, key])]),
    );
  };
  return render(value, path) as T;
};
