import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readLocalRange } from "../adapters/git/local-range.js";
import { createDiagnosisKit, diagnosisEnvFrom } from "../app/diagnosis-kit.js";
import { BUILTIN_RUNBOOK_DOCS } from "../core/diagnose/builtin-knowledge.js";
import { diagnoseFailure } from "../core/diagnose/diagnose-failure.js";
import { readLogBytes } from "../core/diagnose/read-log-bytes.js";
import { AgenticOpsError } from "../core/model/agenticops-error.js";
import type { CommitWithFiles } from "../core/diagnose/rank-suspects.js";
import { renderDiagnosisReport } from "./render-diagnosis-report.js";

const USAGE = "usage: agenticops diagnose <log file | -> [--repo DIR --good SHA --bad SHA] [--json]";
// A local log is read once, streamed; the cap only guards against reading a device forever.
const MAX_LOG_BYTES = 1024 * 1024 * 1024;

/** Where the command reads and writes; the process's own streams unless a test gives others. */
export interface CliIo {
  stdin: AsyncIterable<Uint8Array>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

const processIo = (): CliIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });

type Parsed = { log: string; json: boolean; range: { dir: string; good: string; bad: string } | null };

const parse = (args: string[]): Parsed | string => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { repo: { type: "string" }, good: { type: "string" }, bad: { type: "string" }, json: { type: "boolean", default: false } },
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return positionals.length === 0 ? "a log file (or - for stdin) is required" : "give one log file";
  const { good, bad, repo } = values;
  if ((good === undefined) !== (bad === undefined) || (repo !== undefined && good === undefined)) return "--good and --bad go together (--repo defaults to the current directory)";
  const range = good !== undefined && bad !== undefined ? { dir: resolve(repo ?? "."), good, bad } : null;
  return { log: positionals[0] ?? "-", json: values.json ?? false, range };
};

/**
 * `agenticops diagnose`: the diagnosis of a CI log read from a file or stdin, streamed, with the
 * bundled signatures; an LLM re-ranks only when OPENAI_API_KEY is set. With a commit range of a
 * local repository, the commits in it are ranked as suspects. Exit 0 with a report, 2 on misuse.
 */
export const diagnoseCommand = async (args: string[], io: CliIo = processIo()): Promise<number> => {
  const parsed = parse(args);
  if (typeof parsed === "string") {
    io.stderr.write(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  const stdin = parsed.log === "-";
  if (!stdin) {
    await access(parsed.log).catch((error: unknown) => {
      throw new AgenticOpsError("NOT_FOUND", `cannot read the log file ${parsed.log}`, { cause: error, hint: "pass the path of a saved CI log, or - to read it from stdin" });
    });
  }
  const kit = await createDiagnosisKit(diagnosisEnvFrom(io.env));
  // a token in the environment is as secret as the app's own
  const knownSecrets = [...kit.knownSecrets, ...[io.env["GITHUB_TOKEN"], io.env["GH_TOKEN"]].filter((s): s is string => (s ?? "").length >= 8)];
  const commits: CommitWithFiles[] = parsed.range ? await readLocalRange(parsed.range) : [];
  const bytes = readLogBytes(async () => (stdin ? io.stdin : createReadStream(parsed.log)), MAX_LOG_BYTES);
  const diagnosis = await diagnoseFailure(
    { logs: [{ title: stdin ? "stdin" : basename(parsed.log), url: null, bytes }], commits, knowledge: BUILTIN_RUNBOOK_DOCS },
    { signatures: kit.signatures, knownSecrets },
    kit.ranker,
  );
  io.stdout.write(parsed.json ? `${JSON.stringify(diagnosis, null, 2)}\n` : renderDiagnosisReport(diagnosis));
  return 0;
};
