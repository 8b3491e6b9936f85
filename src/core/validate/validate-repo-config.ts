import { parseDocument } from "yaml";
import { z } from "zod";
import { RepoConfig } from "../../schemas/repo-config.js";
import type { ValidatedFile } from "../../schemas/validation-report.js";
import { closestMatch } from "./closest-match.js";
import { fileReport } from "./file-report.js";
import type { LocatedProblem } from "./located-problem.js";
import { parseYamlDocument } from "./parse-yaml-document.js";
import type { SourceFile } from "./validation-source.js";

const MISNAMED = /(^|\/)\.github\/agenticops\.yaml$/;

/** Probot's config loader reads an empty file as `{}`: every setting takes its default. */
const isEmptyDocument = (text: string): boolean => {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && doc.contents === null;
};

const extendsNote = (text: string): string[] => {
  const from = /^_extends\s*:\s*(.+?)\s*$/m.exec(text)?.[1];
  return from ? [`_extends: ${from}: the settings inherited from there are merged by the app and not checked here`] : [];
};

const unknownRunbookMessage = (id: string, known: readonly string[]): string => {
  const near = closestMatch(id, known);
  const list = known.length > 0 ? `; known runbooks: ${known.join(", ")}` : "; no runbook is known";
  return `no runbook has the id "${id}"${near ? ` (did you mean "${near}"?)` : ""}${list}`;
};

/** Just the `runbooks:` section, so its ids are checked even when another part of the file is invalid. */
const RunbooksSection = z.looseObject({ runbooks: RepoConfig.shape.runbooks });

const unknownRunbookProblems = (text: string, file: string, knownRunbookIds: ReadonlySet<string>): LocatedProblem[] => {
  const parsed = parseYamlDocument(text, file, RunbooksSection, "the repository's AgenticOps settings");
  if (!parsed.ok) return [];
  const known = [...knownRunbookIds].sort();
  const unknown = Object.keys(parsed.value.runbooks).filter((id) => !knownRunbookIds.has(id));
  return unknown.map((id) => parsed.locate({ path: ["runbooks", id], at: "key", message: unknownRunbookMessage(id, known) }));
};

/**
 * `.github/agenticops.yml`: the schema (as the app parses it, without Probot's `_extends`), then
 * the runbook ids `runbooks:` names, against the runbooks the bot would know in this repository.
 */
export const validateRepoConfig = (source: SourceFile, knownRunbookIds: ReadonlySet<string>): ValidatedFile => {
  const notes = isEmptyDocument(source.text) ? ["the file is empty: every setting takes its default"] : extendsNote(source.text);
  const misnamed: LocatedProblem[] = MISNAMED.test(source.file)
    ? [{ file: source.file, line: 1, column: 1, path: "", message: "the app reads .github/agenticops.yml (with .yml); rename this file or it is ignored" }]
    : [];
  const text = isEmptyDocument(source.text) ? "{}" : source.text;
  const parsed = parseYamlDocument(text, source.file, RepoConfig, "the repository's AgenticOps settings", { omitKeys: ["_extends"] });
  const problems = [...misnamed, ...(parsed.ok ? [] : parsed.problems), ...unknownRunbookProblems(text, source.file, knownRunbookIds)];
  return fileReport(source, null, problems, [], notes);
};
