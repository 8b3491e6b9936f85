import type { CheckRunAnnotation, CodeHost, FailedCheckRun } from "../../ports/code-host.js";
import type { Diagnosis } from "../../schemas/diagnosis.js";
import type { RepoRef } from "../../schemas/signal.js";
import { diagnoseFailure, type FailedLog, type FailedLogLines } from "./diagnose-failure.js";
import type { DiagnosisKit } from "./diagnose-run.js";
import type { KnowledgeDoc } from "./knowledge-index.js";
import type { CommitWithFiles } from "./rank-suspects.js";

/** Output text past this many lines is dropped: third-party apps sometimes paste whole logs there. */
export const CHECK_OUTPUT_MAX_LINES = 2_000;
const FENCE = /^\s*(```|~~~)/;
const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };

/**
 * Markdown as the lines a CI tool printed: fences and HTML tags (`<details>`, `<br>`) are layout,
 * not evidence, and the entities they escape are decoded so signatures see the original text.
 */
export const markdownLines = (markdown: string | null): string[] =>
  (markdown ? markdown.split(/\r?\n/) : [])
    .filter((line) => !FENCE.test(line))
    .map((line) => line.replace(/<\/?[A-Za-z][^>]*>/g, "").replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e] ?? e).trimEnd());

/** One line per annotation, in the `path:line: level: message` form compilers print. */
export const annotationLine = (a: CheckRunAnnotation): string => {
  const message = a.message.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "").join(" ");
  const title = a.title && !message.includes(a.title) ? `${a.title}: ` : "";
  return `${a.path}:${a.startLine}: ${a.level}: ${title}${message}`;
};

/** A check run's output (title, summary, text; capped) then its annotations, as log lines. */
export const checkRunLines = (run: FailedCheckRun, annotations: CheckRunAnnotation[]): string[] => {
  const output = [run.title ?? "", ...markdownLines(run.summary), ...markdownLines(run.text)].filter((l) => l.trim() !== "");
  return [...output.slice(0, CHECK_OUTPUT_MAX_LINES), ...annotations.map(annotationLine)];
};

/** What the Checks API listing left unread, said in the evidence's title. */
export interface CheckListingCaps {
  /** the check run's annotations stopped at the page cap */
  annotations?: boolean;
  /** the suite's check runs stopped at the page cap before five failures were found */
  runs?: boolean;
}

const capNote = (caps: CheckListingCaps): string =>
  [caps.annotations ? "annotations past the page cap not read" : "", caps.runs ? "check runs past the page cap not read" : ""].filter((n) => n !== "").join("; ");

/** The "log" the excerpt engine reads for a check run, so the same signatures and classifier apply. */
export const checkRunLog = (run: FailedCheckRun, annotations: CheckRunAnnotation[], caps: CheckListingCaps = {}): FailedLogLines => {
  const lines = checkRunLines(run, annotations);
  const name = run.title ? `${run.name} › ${run.title}` : run.name;
  const note = capNote(caps);
  return {
    title: note ? `${name} (${note})` : name,
    url: run.url,
    lines: {
      // a cut listing is a truncated log: the evidence says so
      capped: caps.annotations === true,
      async *[Symbol.asyncIterator]() {
        yield* lines;
      },
    },
  };
};

/** A check suite's failed runs (at most five) with their annotations, as logs. */
export const checkSuiteLogs = async (host: CodeHost, repo: RepoRef, suiteId: number): Promise<FailedLog[]> => {
  const runs = (await host.listFailedCheckRuns?.(repo, suiteId)) ?? { items: [], capped: false };
  const logs: FailedLog[] = [];
  for (const run of runs.items.slice(0, 5)) {
    const annotations = (await host.listCheckRunAnnotations?.(repo, run.id)) ?? { items: [], capped: false };
    logs.push(checkRunLog(run, annotations.items, { annotations: annotations.capped, runs: runs.capped }));
  }
  return logs;
};

/** The diagnosis of one failed check suite of a third-party CI app: diagnoseRun's twin. */
export const diagnoseCheckSuite = async (
  host: CodeHost,
  kit: DiagnosisKit,
  repo: RepoRef,
  suiteId: number,
  context: { commits?: CommitWithFiles[]; knowledge?: KnowledgeDoc[]; service?: string; environment?: string } = {},
): Promise<Diagnosis> =>
  diagnoseFailure(
    { logs: await checkSuiteLogs(host, repo, suiteId), commits: context.commits ?? [], knowledge: context.knowledge ?? [], service: context.service, environment: context.environment },
    { signatures: kit.signatures, knownSecrets: kit.knownSecrets },
    kit.ranker,
  );
