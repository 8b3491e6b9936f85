import { describe, expect, test } from "@jest/globals";
import { parseRunbookFiles } from "../../src/core/plan/runbooks/parse-runbook-files.js";
import { inferFileKind } from "../../src/core/validate/infer-file-kind.js";
import { formatProblem } from "../../src/core/validate/located-problem.js";
import { summarizeValidation } from "../../src/core/validate/summarize-validation.js";
import { validateSources } from "../../src/core/validate/validate-sources.js";
import type { SourceFile } from "../../src/core/validate/validation-source.js";

/** A runbook re-running flaky CI jobs; `expectMatch` is what its one example claims. */
const runbook = (id: string, expectMatch = true): string => `id: ${id}
title: Re-run flaky jobs
description: Re-runs the failed jobs once.
risk: low
triggers:
  - signal: ci-failure
    cause: flaky
steps:
  - action: rerun-failed-jobs
    with: { run_id: "{{ facts.run_id }}" }
rollback: { inverse: true }
verification: { signal: ci-success, within: 30m }
examples:
  - name: a flaky failure
    facts: { signal: ci-failure, cause: flaky, run_id: 7, now: "2024-05-06T10:00:00Z" }
    expect: { matches: ${expectMatch} }
`;

const policy = (id: string): string => `id: ${id}
description: Comments only.
rules:
  - kind: allowed_actions
    actions: [comment]
tests:
  - name: a comment is allowed
    proposal: { action: comment }
    expect: { verdict: allow }
`;

const source = (file: string, kind: SourceFile["kind"], text: string, extra: Partial<SourceFile> = {}): SourceFile => ({ file, kind, text, report: true, loaded: true, ...extra });
const bundled = parseRunbookFiles([{ file: "bundled/flaky-test-rerun.yaml", text: runbook("flaky-test-rerun") }]);
const problems = (files: Awaited<ReturnType<typeof validateSources>>) => files.flatMap((f) => f.problems.map(formatProblem));

describe("validateSources: runbooks", () => {
  test("a repository runbook may not replace a bundled one; its examples still run, the bundled files are not reported", async () => {
    const files = await validateSources([source(".github/agenticops/runbooks/mine.yaml", "repository-runbook", runbook("flaky-test-rerun"))], bundled);
    expect(files.map((f) => f.file)).toEqual([".github/agenticops/runbooks/mine.yaml"]);
    expect(problems(files)).toEqual([
      '.github/agenticops/runbooks/mine.yaml:1:5: id: runbook id "flaky-test-rerun" is already defined in bundled/flaky-test-rerun.yaml:1:5; repository runbooks may add new ids but not replace bundled ones, so rename this one',
    ]);
    expect(files[0]?.tests).toEqual([{ kind: "example", index: 0, name: "a flaky failure", line: 14, column: 5, passed: true, failures: [] }]);
  });

  test("a catalogue replaces the bundled set: two catalogue files with one id, the later is rejected", async () => {
    const files = await validateSources([source("runbooks/a.yaml", "runbook", runbook("rerun")), source("runbooks/b.yaml", "runbook", runbook("rerun"))], bundled);
    expect(files.map((f) => [f.file, f.valid])).toEqual([["runbooks/a.yaml", true], ["runbooks/b.yaml", false]]);
    expect(problems(files)).toEqual(['runbooks/b.yaml:1:5: id: duplicate runbook id "rerun" is already defined in runbooks/a.yaml:1:5']);
  });

  test("a failing example is located at its item with what differed", async () => {
    const [file] = await validateSources([source("runbooks/a.yaml", "runbook", runbook("rerun", false))], bundled);
    expect(file?.valid).toBe(false);
    expect(file?.problems).toEqual([]);
    expect(file?.tests[0]).toMatchObject({ line: 14, column: 5, passed: false, failures: ["expected matches: false, got true (triggers[0]: signal ci-failure; triggers[0]: cause flaky matches flaky)", "expected the plan to be skipped, got planned"] });
  });

  test("files given by name are reported alone; the rest of their tree still counts for duplicates", async () => {
    const files = await validateSources([source("runbooks/a.yaml", "runbook", runbook("rerun"), { report: false }), source("runbooks/b.yaml", "runbook", runbook("rerun"))], bundled);
    expect(files.map((f) => f.file)).toEqual(["runbooks/b.yaml"]);
    expect(problems(files)).toEqual(['runbooks/b.yaml:1:5: id: duplicate runbook id "rerun" is already defined in runbooks/a.yaml:1:5']);
  });
});

describe("validateSources: policies", () => {
  test("a second loaded policy with a taken id is rejected but its tests run; a subfolder policy clashes with nothing", async () => {
    const files = await validateSources(
      [source("policies/a.yaml", "policy", policy("team")), source("policies/b.yaml", "policy", policy("team")), source("policies/examples/c.yaml", "policy", policy("team"), { loaded: false })],
      bundled,
    );
    expect(files.map((f) => [f.file, f.id, f.valid, f.tests.map((t) => t.passed)])).toEqual([
      ["policies/a.yaml", "team", true, [true]],
      ["policies/b.yaml", "team", false, [true]],
      ["policies/examples/c.yaml", "team", true, [true]],
    ]);
    expect(problems(files)).toEqual(['policies/b.yaml:1:5: id: policy id "team" is already used by policies/a.yaml; ids must be unique']);
    expect(files[2]?.notes).toEqual(["in a subfolder of policies/: checked and tested here, never loaded by the app"]);
  });
  test("an unknown rule kind lists the kinds and the likely typo", async () => {
    const files = await validateSources([source("policies/a.yaml", "policy", policy("team").replace("kind: allowed_actions", "kind: allowed_action"))], bundled);
    expect(problems(files)).toEqual([
      'policies/a.yaml:4:11: rules[0].kind: expected one of allowed_actions, path_boundaries, rollback_scope, bounds, step_budget, rate_limit, change_freeze, kill_switch, approvals, automerge (got "allowed_action") (did you mean "allowed_actions"?)',
    ]);
  });
});

describe("validateSources: .github/agenticops.yml", () => {
  test("runbook ids are checked against the merged set, and an id declared by a rejected runbook is not blamed twice", async () => {
    const broken = runbook("half-done").replace("rollback: { inverse: true }\n", "");
    const config = "runbooks:\n  flaky-test-rerun: { mode: assist }\n  half-done: { mode: assist }\n  flaky-test-rerum: { mode: observe }\n";
    const files = await validateSources([source(".github/agenticops/runbooks/half.yaml", "repository-runbook", broken), source(".github/agenticops.yml", "config", config)], bundled);
    expect(problems(files)).toEqual([
      '.github/agenticops/runbooks/half.yaml:1:1: rollback: missing required key "rollback"; every runbook says how to undo it: `rollback: { inverse: true }` (the catalog\'s inverse of each step) or `rollback: { steps: [...] }`',
      '.github/agenticops.yml:4:3: runbooks.flaky-test-rerum: no runbook has the id "flaky-test-rerum" (did you mean "flaky-test-rerun"?); known runbooks: flaky-test-rerun, half-done',
    ]);
  });

  test("_extends is left to the app with a note, an empty file takes the defaults, a .yaml name is never read", async () => {
    const files = await validateSources(
      [source("a/.github/agenticops.yml", "config", "_extends: .github\nmode: observe\n"), source("b/.github/agenticops.yml", "config", "# nothing yet\n"), source("c/.github/agenticops.yaml", "config", "mode: assist\n")],
      bundled,
    );
    expect(files.map((f) => [f.file, f.valid, f.notes])).toEqual([
      ["a/.github/agenticops.yml", true, ["_extends: .github: the settings inherited from there are merged by the app and not checked here"]],
      ["b/.github/agenticops.yml", true, ["the file is empty: every setting takes its default"]],
      ["c/.github/agenticops.yaml", false, []],
    ]);
    expect(problems(files)).toEqual(["c/.github/agenticops.yaml:1:1: the app reads .github/agenticops.yml (with .yml); rename this file or it is ignored"]);
  });
});

describe("summarizeValidation", () => {
  test("counts files, examples and tests; nothing found is not valid", async () => {
    const files = await validateSources([source("runbooks/a.yaml", "runbook", runbook("rerun", false)), source("policies/p.yaml", "policy", policy("p"))], bundled);
    expect(summarizeValidation(files).totals).toEqual({ runbooks: 1, policies: 1, configs: 0, examples: { passed: 0, failed: 1 }, policyTests: { passed: 1, failed: 0 }, problems: 0, invalidFiles: 1 });
    expect(summarizeValidation([]).valid).toBe(false);
    expect(summarizeValidation(files.slice(1), ["x.yaml: cannot tell what this file is"]).valid).toBe(false);
    expect(summarizeValidation(files.slice(1)).valid).toBe(true);
  });
});

describe("inferFileKind", () => {
  test("from where the app reads each kind, then from the content", () => {
    expect(inferFileKind("/r/.github/agenticops.yml", "")).toEqual({ kind: "config", root: "/r" });
    expect(inferFileKind("/r/.github/agenticops/runbooks/x.yaml", "")).toEqual({ kind: "repository-runbook", root: "/r" });
    expect(inferFileKind("/app/runbooks/x.yml", "")).toEqual({ kind: "runbook", root: "/app" });
    expect(inferFileKind("/app/policies/examples/x.yaml", "")).toEqual({ kind: "policy", root: "/app" });
    expect(inferFileKind("/tmp/x.yaml", "id: a\nsteps: []\n")).toEqual({ kind: "repository-runbook", root: null });
    expect(inferFileKind("/tmp/x.yaml", "id: a\nrules: []\n")).toEqual({ kind: "policy", root: null });
    expect(inferFileKind("/tmp/x.yaml", "_extends: .github\nmode: assist\n")).toEqual({ kind: "config", root: null });
    expect(inferFileKind("/tmp/x.yaml", "kind: Deployment\n")).toBeNull();
    expect(inferFileKind("/tmp/x.yaml", "[unclosed")).toBeNull();
  });
});
