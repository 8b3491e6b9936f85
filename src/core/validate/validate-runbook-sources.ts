import { parseDocument } from "yaml";
import type { ValidatedFile, ValidationTest } from "../../schemas/validation-report.js";
import type { Runbook } from "../../schemas/runbook.js";
import type { ActionCatalog } from "../plan/runbooks/action-catalog-type.js";
import { mergeRunbookSets } from "../plan/runbooks/merge-runbook-sets.js";
import { parseRunbookFile } from "../plan/runbooks/parse-runbook-file.js";
import { parseRunbookFiles, type RunbookSet } from "../plan/runbooks/parse-runbook-files.js";
import { runRunbookExample } from "../plan/runbooks/run-runbook-example.js";
import { fileReport, thrownMessage } from "./file-report.js";
import type { LocatedProblem } from "./located-problem.js";
import { locateListItems } from "./locate-list-items.js";
import type { SourceFile } from "./validation-source.js";

export interface RunbookValidation {
  files: ValidatedFile[];
  /** every runbook id the bot would know, plus the ids of rejected files (so a config naming one is not blamed twice) */
  knownIds: ReadonlySet<string>;
}

/** The `id:` a file declares even when the rest of it is invalid. */
const declaredId = (text: string): string | null => {
  try {
    const value: unknown = parseDocument(text).toJS();
    const id = value !== null && typeof value === "object" ? (value as Record<string, unknown>)["id"] : undefined;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
};

/** Each example run against the catalog; one that throws is a failure of that example alone. */
const exampleTests = async (text: string, runbook: Runbook, catalog: ActionCatalog): Promise<ValidationTest[]> => {
  const at = locateListItems(text, "examples", runbook.examples.length);
  return Promise.all(
    runbook.examples.map(async (example, index): Promise<ValidationTest> => {
      const failures = await runRunbookExample(runbook, example, catalog).then(
        (result) => result.failures,
        (error: unknown) => [`the example could not run: ${thrownMessage(error)}`],
      );
      const { line, column } = at[index] ?? { line: 1, column: 1 };
      return { kind: "example", index, name: example.name, line, column, passed: failures.length === 0, failures };
    }),
  );
};

/**
 * Its problems as the app would see them (from the whole set: duplicate ids, a repository runbook
 * reusing a catalogue id), and its examples run whenever the file itself parses.
 */
const runbookFileReport = async (source: SourceFile, setProblems: readonly LocatedProblem[], catalog: ActionCatalog): Promise<ValidatedFile> => {
  const parsed = parseRunbookFile(source.text, source.file, catalog);
  const problems = setProblems.filter((p) => p.file === source.file);
  const tests = parsed.ok ? await exampleTests(source.text, parsed.loaded.runbook, catalog) : [];
  return fileReport(source, parsed.ok ? parsed.loaded.runbook.id : null, problems, tests);
};

/**
 * Catalogue runbooks (`runbooks/`) and repository runbooks (`.github/agenticops/runbooks/`),
 * merged as the app merges them: repository runbooks on top of the catalogue, or of `bundled`
 * (the runbooks the app ships) when the sources hold no catalogue.
 */
export const validateRunbookSources = async (sources: readonly SourceFile[], bundled: RunbookSet, catalog: ActionCatalog): Promise<RunbookValidation> => {
  const catalogue = sources.filter((s) => s.kind === "runbook");
  const repo = sources.filter((s) => s.kind === "repository-runbook");
  const base = catalogue.length > 0 ? parseRunbookFiles(catalogue, catalog) : bundled;
  const merged = mergeRunbookSets(base, parseRunbookFiles(repo, catalog));
  const declared = [...catalogue, ...repo].map((s) => declaredId(s.text)).filter((id): id is string => id !== null);
  const knownIds = new Set([...merged.runbooks.map((l) => l.runbook.id), ...declared]);
  const reported = [...catalogue, ...repo].filter((s) => s.report);
  const files = await Promise.all(reported.map((s) => runbookFileReport(s, merged.problems, catalog)));
  return { files, knownIds };
};
