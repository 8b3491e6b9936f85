import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import {
  CI_LOG_CORPUS_DIR,
  countBy,
  heldOutByRule,
  loadCiLogCorpus,
  MIN_CORPUS_ECOSYSTEMS,
  MIN_CORPUS_ENTRIES,
  splitLogLines,
} from "../../scripts/bench/ci-log-corpus.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { CauseClass } from "../../src/schemas/diagnosis.js";
import { normalizeForMatch } from "../../scripts/bench/diagnosis-scoring.js";

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

describe("the tune / held-out split", () => {
  test("follows the README's rule: per ecosystem, round(n/4) entries (at least one) with the smallest SHA-256 of their path", async () => {
    const logs = await loadCiLogCorpus();
    const rule = heldOutByRule(logs);
    expect(logs.filter((l) => l.split === "held_out").map((l) => l.file).sort()).toEqual([...rule].sort());
    for (const [ecosystem] of countBy(logs, "ecosystem")) {
      expect(logs.some((l) => l.ecosystem === ecosystem && l.split === "held_out")).toBe(true);
    }
    const share = rule.size / logs.length;
    expect(share).toBeGreaterThanOrEqual(0.2);
    expect(share).toBeLessThanOrEqual(0.3);
  });

  test("the rule depends on the paths only, not on their order", () => {
    const entries = ["npm/a.log", "npm/b.log", "npm/c.log", "npm/d.log", "npm/e.log", "go/x.log"].map((file) => ({ file, ecosystem: file.split("/")[0] ?? "" }));
    const held = heldOutByRule(entries);
    expect(held).toEqual(heldOutByRule([...entries].reverse()));
    expect([...held].filter((f) => f.startsWith("npm/"))).toHaveLength(1);
    expect(held.has("go/x.log")).toBe(true);
  });

  // Lines of held-out logs that signature examples quoted before the split existed (the signatures
  // were written with the whole corpus in view). The list may shrink; it must never grow.
  const QUOTED_BEFORE_SPLIT = new Set([
    "actions-invalid-workflow github-actions/invalid-workflow-file.log",
    "cargo-progress-noise cargo/cargo-docker-dependency-crate-e0425.log",
    "cloud-run-not-ready cloud-run/cloud-build-trigger-revision-not-ready.log",
    "connection-failed docker/go-mod-download-io-timeout.log",
    "disk-full github-actions/runner-no-space-left.log",
    "docker-copy-missing docker/copy-failed-file-not-in-context.log",
    "docker-progress-noise docker/copy-failed-file-not-in-context.log",
    "docker-progress-noise docker/go-mod-download-io-timeout.log",
    "docker-step-failed docker/go-mod-download-io-timeout.log",
    "dotnet-stack-frame github-actions/runner-no-space-left.log",
    "eslint-problem typescript-eslint/eslint-no-unused-vars.log",
    "eslint-summary typescript-eslint/eslint-no-unused-vars.log",
    "exit-code-137 github-actions/exit-137-killed-python.log",
    "exit-code-137 npm/npm-e401-whoami.log",
    "exit-code-137 python/mypy-incompatible-types-gha.log",
    "generic-exception go/bazel-go-proxy-io-timeout-circleci.log",
    "github-token-permission github-actions/octokit-resource-not-accessible.log",
    "go-sum-missing go/go-build-missing-go-sum.log",
    "http-unauthorized github-actions/octokit-resource-not-accessible.log",
    "jest-expect jest-mocha/jest-tobe-circleci.log",
    "jvm-stack-frame jvm/maven-missing-snapshot-artifact.log",
    "maven-build-failure jvm/maven-surefire-there-are-test-failures.log",
    "maven-help-noise jvm/maven-surefire-there-are-test-failures.log",
    "maven-test-failures jvm/maven-surefire-there-are-test-failures.log",
    "mypy-summary python/mypy-incompatible-types-gha.log",
    "node-stack-frame github-actions/octokit-resource-not-accessible.log",
    "npm-auth npm/npm-e401-whoami.log",
    "npm-eresolve npm/eresolve-size-limit-storybook.log",
    "npm-err-line npm/eresolve-size-limit-storybook.log",
    "npm-lifecycle npm/eresolve-size-limit-storybook.log",
    "npm-lifecycle typescript-eslint/eslint-no-unused-vars.log",
    "npm-log-footer npm/npm-e401-whoami.log",
    "npm-log-footer typescript-eslint/eslint-no-unused-vars.log",
    "npm-network npm/etimedout-registry-docker.log",
    "npm-network typescript-eslint/eslint-no-unused-vars.log",
    "npm-warn-noise npm/etimedout-registry-docker.log",
    "operation-canceled github-actions/runner-shutdown-exit-137.log",
    "runner-shutdown github-actions/runner-shutdown-exit-137.log",
    "terraform-error-in-module terraform/validate-module-needs-newer-provider.log",
    "test-expected-received jest-mocha/jest-tobe-circleci.log",
    "tox-invocation-error python/mypy-tox-travis.log",
    "tsc-found-errors python/mypy-incompatible-types-gha.log",
  ]);

  test("no signature example newly quotes a line of a held-out log", async () => {
    const logs = (await loadCiLogCorpus()).filter((l) => l.split === "held_out");
    const file = await readFile(new URL("../../signatures/ci-failures.yaml", import.meta.url), "utf8");
    const signatures = (parse(file) as { signatures: { id: string; examples?: { line: string }[] }[] }).signatures;
    const quoted = new Set<string>();
    for (const log of logs) {
      const lines = new Set(log.lines.map(normalizeForMatch).filter((l) => l !== ""));
      for (const s of signatures) if ((s.examples ?? []).some((e) => lines.has(normalizeForMatch(e.line)))) quoted.add(`${s.id} ${log.file}`);
    }
    expect([...quoted].filter((q) => !QUOTED_BEFORE_SPLIT.has(q)).sort()).toEqual([]);
  });
});

describe("loadCiLogCorpus on a broken corpus", () => {
  let dir: string;
  const entry = (file: string, lines: number[]): string =>
    `  - file: ${file}\n    ecosystem: ${file.split("/")[0]}\n    source_url: https://github.com/o/r/issues/1\n` +
    `    source_title: "o/r#1: t"\n    license_note: "quoted"\n    cause: network\n    split: tune\n    explaining_lines: [${lines.join(", ")}]\n`;

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
