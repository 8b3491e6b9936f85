/**
 * The `{{…}}` template language of drills: which variables exist and where templates are read.
 * Shared by static validation (src/schemas/drill-consistency.ts) and play-time rendering
 * (src/sandbox/drill/render-templates.ts) so both agree on the grammar.
 */

export type TemplateVariable =
  | { kind: "commit"; index: number; short: boolean }
  | { kind: "repo"; field: "full_name" | "owner" | "name" | "default_branch" }
  | { kind: "run"; index: number }
  | { kind: "pr"; index: number };

/** The variables a drill may use, as documented in docs/drills.md (N is a 0-based index). */
export const TEMPLATE_VARIABLES = [
  "commits.N",
  "commits.N.short",
  "repo.full_name",
  "repo.owner",
  "repo.name",
  "repo.default_branch",
  "run.N",
  "pr.N",
  "pr.N.head",
] as const;

/** `{{ name }}`, but not GitHub Actions' `${{ expr }}`, which drills often quote verbatim. */
export const TEMPLATE_PATTERN = /(?<!\$)\{\{\s*([^{}]*?)\s*\}\}/g;

const REPO_FIELDS = new Set(["full_name", "owner", "name", "default_branch"]);

export const parseTemplateVariable = (name: string): TemplateVariable | undefined => {
  const commit = /^commits\.(\d+)(\.short)?$/.exec(name);
  if (commit) return { kind: "commit", index: Number(commit[1]), short: commit[2] !== undefined };
  const repo = /^repo\.([a-z_]+)$/.exec(name);
  if (repo?.[1] && REPO_FIELDS.has(repo[1])) {
    return { kind: "repo", field: repo[1] as "full_name" | "owner" | "name" | "default_branch" };
  }
  const indexed = /^(run|pr)\.(\d+)(?:\.head)?$/.exec(name);
  if (indexed) return { kind: indexed[1] === "run" ? "run" : "pr", index: Number(indexed[2]) };
  return undefined;
};

/** Variable names used in `text`, in order of appearance. */
export const templateNames = (text: string): string[] =>
  [...text.matchAll(TEMPLATE_PATTERN)].map((m) => m[1] ?? "");

export type JsonPath = ReadonlyArray<string | number>;

/**
 * Calls `visit` for every string in `value` that templates apply to. Values of a `files` map are
 * file contents, taken literally (Helm charts and workflows contain `{{ }}` of their own).
 */
export const forEachTemplatedString = (
  value: unknown,
  visit: (text: string, path: JsonPath) => void,
  path: JsonPath = [],
): void => {
  if (typeof value === "string") {
    visit(value, path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => forEachTemplatedString(item, visit, [...path, i]));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    if (key === "files") continue;
    forEachTemplatedString(child, visit, [...path, key]);
  }
};

/** `events[2].payload.workflow_run`, the notation errors use for a place inside a drill. */
export const formatJsonPath = (path: JsonPath): string =>
  path.reduce<string>((out, seg) => {
    if (typeof seg === "number") return `${out}[${seg}]`;
    const safe = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg);
    if (!safe) return `${out}[${JSON.stringify(seg)}]`;
    return out === "" ? seg : `${out}.${seg}`;
  }, "");
