import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { AgenticOpsError, isAgenticOpsError } from "../../core/model/agenticops-error.js";
import { DRILL_VERSIONS, Drill } from "../../schemas/drill.js";
import { drillInvalidError, problemsOf, type LocatedProblem } from "../../core/validate/located-problem.js";
import { formatZodIssues, type SchemaProblem } from "../../core/validate/format-zod-issue.js";
import { locator, syntaxProblem } from "../../core/validate/parse-yaml-document.js";
import { FaultPlan } from "../faults/fault-plan.js";
import { LlmScript } from "../llm/llm-script.js";

interface ParsedSource {
  drill: Drill;
  locate: (problem: SchemaProblem) => LocatedProblem;
}

/** A version this release can't read changes the meaning of everything else: report only that. */
const versionProblem = (raw: unknown): SchemaProblem | undefined => {
  const version = (raw as { version?: unknown } | null)?.version;
  if (version === undefined || (DRILL_VERSIONS as readonly unknown[]).includes(version)) return undefined;
  if (typeof version === "string" && (DRILL_VERSIONS as readonly unknown[]).includes(Number(version))) {
    return { path: ["version"], message: `expected the number ${version} without quotes (got "${version}")`, at: "value" };
  }
  return {
    path: ["version"],
    message: `unsupported drill version ${JSON.stringify(version)}; this release of agenticops reads version ${DRILL_VERSIONS.join(", ")} (upgrade agenticops, or remove "version")`,
    at: "value",
  };
};

/**
 * `llm` and `faults` belong to the scripted LLM and the fault engine, which own their schemas;
 * checking them here too means their mistakes get a file:line:column like everything else.
 */
const SECTIONS: ReadonlyArray<readonly [string, z.ZodType]> = [
  ["llm", LlmScript],
  ["faults", FaultPlan],
];

const sectionProblems = (raw: unknown): SchemaProblem[] =>
  SECTIONS.flatMap(([key, schema]) => {
    const value = (raw as Record<string, unknown> | null)?.[key];
    const result = value === undefined ? undefined : schema.safeParse(value);
    if (!result || result.success) return [];
    return formatZodIssues(result.error.issues, schema, value).map((p) => ({ ...p, path: [key, ...p.path] }));
  });

const parseSource = (text: string, file: string): ParsedSource => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: true });
  if (doc.errors.length > 0) throw drillInvalidError(`drill ${file}`, doc.errors.map((e) => syntaxProblem(file, e)));
  const locate = locator(file, doc, lineCounter);
  const raw: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (raw === null || raw === undefined) {
    throw drillInvalidError(`drill ${file}`, [{ file, line: 1, column: 1, path: "", message: "the file is empty; a drill is a map with at least name, repo and events" }]);
  }
  const version = versionProblem(raw);
  if (version) throw drillInvalidError(`drill ${file}`, [locate(version)]);
  const result = Drill.safeParse(raw);
  const problems = [
    ...(result.success ? [] : formatZodIssues(result.error.issues, Drill, raw)),
    ...sectionProblems(raw),
  ];
  if (!result.success || problems.length > 0) {
    throw drillInvalidError(`drill ${file}`, problems.map(locate), result.error);
  }
  return { drill: result.data, locate };
};

/** Validates drill YAML; throws DRILL_INVALID listing every problem as file:line:column. */
export const parseDrill = (text: string, file: string): Drill => parseSource(text, file).drill;

const readText = async (file: string): Promise<string> => {
  try {
    return await readFile(file, "utf8");
  } catch (cause) {
    throw new AgenticOpsError("NOT_FOUND", `cannot read drill ${file}`, { cause, hint: "check the path" });
  }
};

export const loadDrill = async (file: string): Promise<Drill> => parseDrill(await readText(file), file);

const isDrillFile = (name: string): boolean => name.endsWith(".yml") || name.endsWith(".yaml");

/** Files as given; directories expand to their *.yml/*.yaml files (not recursive), sorted by name. */
const expandPaths = async (paths: readonly string[]): Promise<string[]> => {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((cause: unknown) => {
      throw new AgenticOpsError("NOT_FOUND", `no such drill file or directory: ${path}`, { cause });
    });
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter(isDrillFile).sort();
    if (names.length === 0) {
      throw new AgenticOpsError("NOT_FOUND", `no drills (*.yml, *.yaml) in ${path}`, { hint: "point at a drill file or a directory of drills" });
    }
    files.push(...names.map((name) => join(path, name)));
  }
  return files;
};

/**
 * Loads drill files and directories. Every file is checked before failing, and drill names must be
 * unique (they name results and reports); one DRILL_INVALID error lists all problems found.
 */
export const loadDrills = async (paths: readonly string[]): Promise<Drill[]> => {
  const problems: LocatedProblem[] = [];
  const drills: Drill[] = [];
  const firstFileByName = new Map<string, string>();
  for (const file of await expandPaths(paths)) {
    try {
      const { drill, locate } = parseSource(await readText(file), file);
      const earlier = firstFileByName.get(drill.name);
      if (earlier !== undefined) {
        problems.push(locate({ path: ["name"], message: `duplicate drill name "${drill.name}" (also in ${earlier})`, at: "value" }));
        continue;
      }
      firstFileByName.set(drill.name, file);
      drills.push(drill);
    } catch (error) {
      if (!isAgenticOpsError(error, "DRILL_INVALID")) throw error;
      problems.push(...problemsOf(error));
    }
  }
  if (problems.length > 0) {
    const files = new Set(problems.map((p) => p.file)).size;
    throw drillInvalidError(files === 1 ? `drill ${problems[0]?.file}` : `${files} drill files`, problems);
  }
  return drills;
};
