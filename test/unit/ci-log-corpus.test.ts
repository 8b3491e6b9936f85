import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CI_LOG_CORPUS_DIR,
  countBy,
  loadCiLogCorpus,
  MIN_CORPUS_ECOSYSTEMS,
  MIN_CORPUS_ENTRIES,
  splitLogLines,
} from "../../scripts/bench/ci-log-corpus.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { CauseClass } from "../../src/schemas/diagnosis.js";

describe("the labelled CI log corpus", () => {
  test("validates: schema, every file present, every explaining line inside its log and not blank", async () => {
    const logs = await loadCiLogCorpus();
    expect(logs.length).toBeGreaterThanOrEqual(MIN_CORPUS_ENTRIES);
    expect(new Set(logs.map((l) => l.ecosystem)).size).toBeGreaterThanOrEqual(MIN_CORPUS_ECOSYSTEMS);
    for (const log of logs) {
      for (const n of log.explaining_lines) expect(log.lines[n - 1]?.trim()).toBeTruthy();
    }
  });

  test("covers every cause class and cites a distinct public GitHub thread per log", async () => {
    const logs = await loadCiLogCorpus();
    expect(new Set(logs.map((l) => l.cause))).toEqual(new Set(CauseClass.options));
    for (const log of logs) expect(log.source_url).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull|discussions)\/\d+$/);
    expect(new Set(logs.map((l) => l.source_url)).size).toBe(logs.length);
  });

  test("the README's counts per ecosystem and per cause match corpus.yaml", async () => {
    const [logs, readme] = await Promise.all([loadCiLogCorpus(), readFile(join(CI_LOG_CORPUS_DIR, "README.md"), "utf8")]);
    expect(readme).toContain(`${logs.length} logs`);
    for (const [key, count] of [...countBy(logs, "ecosystem"), ...countBy(logs, "cause")]) {
      expect(readme).toMatch(new RegExp(`^\\| \`${key}\` \\| ${count} \\|`, "m"));
    }
  });
});

describe("loadCiLogCorpus on a broken corpus", () => {
  let dir: string;
  const entry = (file: string, lines: number[]): string =>
    `  - file: ${file}\n    ecosystem: ${file.split("/")[0]}\n    source_url: https://github.com/o/r/issues/1\n` +
    `    source_title: "o/r#1: t"\n    license_note: "quoted"\n    cause: network\n    explaining_lines: [${lines.join(", ")}]\n`;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "ci-log-corpus-"));
    await mkdir(join(dir, "npm"));
    await writeFile(join(dir, "npm", "a.log"), "npm ERR! code ETIMEDOUT\n\nnpm ERR! network\n");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("reports a missing file, a line past the end, a blank line and the minimum counts together", async () => {
    await writeFile(join(dir, "corpus.yaml"), `entries:\n${entry("npm/a.log", [1, 2, 9])}${entry("npm/missing.log", [1])}`);
    const error = await loadCiLogCorpus(dir).catch((e: unknown) => e);
    expect(isAgenticOpsError(error, "CONFIG_INVALID")).toBe(true);
    const problems = (error as { details: { problems: string[] } }).details.problems;
    expect(problems).toEqual([
      "npm/a.log: explaining line 2 is blank",
      "npm/a.log: explaining line 9 is past the end of the log (3 lines)",
      "npm/missing.log: file not found",
      `2 entries, at least ${MIN_CORPUS_ENTRIES} required`,
      `1 ecosystems, at least ${MIN_CORPUS_ECOSYSTEMS} required`,
    ]);
  });

  test("rejects a schema violation with the path of the bad field", async () => {
    await writeFile(join(dir, "corpus.yaml"), `entries:\n${entry("npm/a.log", [3, 1])}`);
    await expect(loadCiLogCorpus(dir)).rejects.toThrow(/entries\.0\.explaining_lines: strictly increasing/);
    await writeFile(join(dir, "corpus.yaml"), `entries:\n${entry("npm/a.log", [1]).replace("network", "gremlins")}`);
    await expect(loadCiLogCorpus(dir)).rejects.toThrow(/entries\.0\.cause/);
  });
});

test("splitLogLines numbers lines like an editor: a final newline does not add a line", () => {
  expect(splitLogLines("a\nb\n")).toEqual(["a", "b"]);
  expect(splitLogLines("a\n\nb")).toEqual(["a", "", "b"]);
});
