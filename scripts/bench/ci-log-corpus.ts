/**
 * The labelled corpus of real CI failure logs (test/fixtures/ci-logs): its schema and a loader
 * that refuses a corpus the diagnosis benchmark could not score honestly.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { AgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { CauseClass } from "../../src/schemas/diagnosis.js";

export const CI_LOG_CORPUS_DIR = fileURLToPath(new URL("../../test/fixtures/ci-logs/", import.meta.url));
export const MIN_CORPUS_ENTRIES = 60;
export const MIN_CORPUS_ECOSYSTEMS = 10;

/**
 * `tune`: the signatures may be tuned on the entry; `held_out`: never looked at while writing or
 * changing signatures, so its figures say how the engine does on logs it was not fitted to.
 */
export const CorpusSplit = z.enum(["tune", "held_out"]);
export type CorpusSplit = z.infer<typeof CorpusSplit>;

export const CiLogCorpusEntry = z.strictObject({
  /** path of the raw log, relative to the corpus directory: `<ecosystem>/<slug>.log` */
  file: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+\.log$/, "<ecosystem>/<slug>.log, kebab-case"),
  ecosystem: z.string().regex(/^[a-z0-9-]+$/),
  source_url: z.url({ protocol: /^https$/ }),
  source_title: z.string().min(1),
  license_note: z.string().min(1),
  cause: CauseClass,
  split: CorpusSplit,
  /** 1-based line numbers of the lines a senior engineer would quote */
  explaining_lines: z
    .array(z.number().int().min(1))
    .min(1)
    .refine((lines) => lines.every((n, i) => i === 0 || n > (lines[i - 1] ?? 0)), "strictly increasing, no duplicates"),
  notes: z.string().min(1).optional(),
});
export type CiLogCorpusEntry = z.infer<typeof CiLogCorpusEntry>;

export const CiLogCorpus = z.strictObject({ entries: z.array(CiLogCorpusEntry) });
export type CiLogCorpus = z.infer<typeof CiLogCorpus>;

export interface LoadedCiLog extends CiLogCorpusEntry {
  /** the raw log text, exactly as stored */
  text: string;
  /** the raw lines (split on \n; a trailing newline does not add a line) */
  lines: string[];
}

const invalid = (message: string, details: Record<string, unknown>, cause?: unknown): AgenticOpsError =>
  new AgenticOpsError("CONFIG_INVALID", message, {
    details,
    hint: "fix test/fixtures/ci-logs/corpus.yaml (see its README for the rules)",
    ...(cause === undefined ? {} : { cause }),
  });

/** Lines of a log as the corpus numbers them. */
export const splitLogLines = (text: string): string[] => {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
};

const parseCorpus = (raw: string, path: string): CiLogCorpus => {
  let data: unknown;
  try {
    data = parse(raw);
  } catch (error) {
    throw invalid(`${path} is not valid YAML`, { file: path }, error);
  }
  const result = CiLogCorpus.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid(`${path}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`, { file: path, issues: result.error.issues }, result.error);
};

const checkEntry = (entry: CiLogCorpusEntry, lines: string[]): string[] => {
  const problems: string[] = [];
  if (!entry.file.startsWith(`${entry.ecosystem}/`)) problems.push(`file is not under its ecosystem folder "${entry.ecosystem}/"`);
  for (const n of entry.explaining_lines) {
    if (n > lines.length) problems.push(`explaining line ${n} is past the end of the log (${lines.length} lines)`);
    else if ((lines[n - 1] ?? "").trim() === "") problems.push(`explaining line ${n} is blank`);
  }
  return problems;
};

/** Reads corpus.yaml and every log it lists; throws CONFIG_INVALID with every problem found. */
export const loadCiLogCorpus = async (dir: string = CI_LOG_CORPUS_DIR): Promise<LoadedCiLog[]> => {
  const corpusPath = join(dir, "corpus.yaml");
  const corpus = parseCorpus(await readFile(corpusPath, "utf8"), corpusPath);
  const problems: string[] = [];
  const seen = new Set<string>();
  const loaded: LoadedCiLog[] = [];
  for (const entry of corpus.entries) {
    if (seen.has(entry.file)) problems.push(`${entry.file}: listed twice`);
    seen.add(entry.file);
    // The regex already forbids "..", this keeps the guarantee if the regex is ever loosened.
    if (normalize(entry.file).split(sep).includes("..")) problems.push(`${entry.file}: escapes the corpus directory`);
    let text: string;
    try {
      text = await readFile(join(dir, entry.file), "utf8");
    } catch {
      problems.push(`${entry.file}: file not found`);
      continue;
    }
    const lines = splitLogLines(text);
    problems.push(...checkEntry(entry, lines).map((p) => `${entry.file}: ${p}`));
    loaded.push({ ...entry, text, lines });
  }
  const ecosystems = new Set(corpus.entries.map((e) => e.ecosystem));
  if (corpus.entries.length < MIN_CORPUS_ENTRIES) problems.push(`${corpus.entries.length} entries, at least ${MIN_CORPUS_ENTRIES} required`);
  if (ecosystems.size < MIN_CORPUS_ECOSYSTEMS) problems.push(`${ecosystems.size} ecosystems, at least ${MIN_CORPUS_ECOSYSTEMS} required`);
  if (problems.length > 0) throw invalid(`${corpusPath}: ${problems.length} problem(s): ${problems.join("; ")}`, { file: corpusPath, problems });
  return loaded;
};

/** How many entries per key, sorted by count then name, for the README and the report. */
export const countBy = (entries: readonly CiLogCorpusEntry[], key: "ecosystem" | "cause"): [string, number][] => {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e[key], (counts.get(e[key]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

/** The share of each ecosystem's entries held out. */
export const HELD_OUT_SHARE = 0.25;

const fileHash = (file: string): string => createHash("sha256").update(file).digest("hex");

/**
 * The held-out entries by the rule the README documents: in each ecosystem, round(n / 4) of its
 * n entries (at least one), those whose file path has the smallest SHA-256. Nothing about the
 * logs' content or the engine's results enters the choice.
 */
export const heldOutByRule = (entries: readonly Pick<CiLogCorpusEntry, "file" | "ecosystem">[]): Set<string> => {
  const byEcosystem = new Map<string, string[]>();
  for (const e of entries) byEcosystem.set(e.ecosystem, [...(byEcosystem.get(e.ecosystem) ?? []), e.file]);
  const held = new Set<string>();
  for (const files of byEcosystem.values()) {
    const count = Math.max(1, Math.round(files.length * HELD_OUT_SHARE));
    const ranked = files.map((file) => ({ file, hash: fileHash(file) })).sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    for (const { file } of ranked.slice(0, count)) held.add(file);
  }
  return held;
};
