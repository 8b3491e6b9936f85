import { parseArgs } from "node:util";
import { BUNDLED_RUNBOOKS_DIR, loadRunbookDir } from "../adapters/runbooks/load-runbook-dir.js";
import { readValidationSources } from "../adapters/validate/read-validation-sources.js";
import { summarizeValidation } from "../core/validate/summarize-validation.js";
import { validateSources } from "../core/validate/validate-sources.js";
import type { ValidatedFile } from "../schemas/validation-report.js";
import { renderValidationReport } from "./render-validation-report.js";

const USAGE = "usage: agenticops validate [dir | file ...] [--json]";

/** Where the command reads and writes; the process's own unless a test gives others. */
export interface ValidateIo {
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const processIo = (): ValidateIo => ({ cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });

const parse = (args: string[]): { targets: string[]; json: boolean } | string => {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
    return { targets: positionals.length > 0 ? positionals : ["."], json: values.json ?? false };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/**
 * `agenticops validate`: the runbooks, policies and `.github/agenticops.yml` of a tree (the current
 * directory by default), or the files named, checked as the app loads them; every runbook example
 * and policy inline test is run. Exit 0 when all is valid, 1 on any problem or failed test (or
 * when nothing was found), 2 on misuse. `--json` prints the ValidationReport.
 */
export const validateCommand = async (args: string[], io: ValidateIo = processIo()): Promise<number> => {
  const parsed = parse(args);
  if (typeof parsed === "string") {
    io.stderr.write(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  const sources = await readValidationSources(parsed.targets, io.cwd);
  if ("usage" in sources) {
    io.stderr.write(`${sources.usage}\n${USAGE}\n`);
    return 2;
  }
  const bundled = await loadRunbookDir(BUNDLED_RUNBOOKS_DIR);
  const files: ValidatedFile[] = [];
  for (const group of sources.groups) files.push(...(await validateSources(group, bundled)));
  const report = summarizeValidation(files, sources.errors);
  io.stdout.write(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : renderValidationReport(report));
  return report.valid ? 0 : 1;
};
