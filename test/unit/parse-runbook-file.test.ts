import { describe, expect, test } from "@jest/globals";
import { stringify } from "yaml";
import { mergeRunbookSets } from "../../src/core/plan/runbooks/merge-runbook-sets.js";
import { parseRunbookFile } from "../../src/core/plan/runbooks/parse-runbook-file.js";
import { parseRunbookFiles } from "../../src/core/plan/runbooks/parse-runbook-files.js";
import { runbookSetError } from "../../src/core/plan/runbooks/runbook-set-error.js";
import { formatProblem } from "../../src/core/validate/located-problem.js";
import { TEST_CATALOG } from "./support/test-action-catalog.js";

const base = {
  id: "rerun-flaky",
  title: "Re-run flaky jobs",
  description: "Re-runs the failed jobs once.",
  risk: "low",
  triggers: [{ signal: "ci-failure", cause: "flaky" }],
  steps: [{ action: "rerun-failed-jobs", with: { run_id: "{{ facts.run_id }}" } }],
  rollback: { inverse: true },
  verification: { signal: "ci-success", within: "30m" },
  examples: [{ name: "matches", facts: { signal: "ci-failure", cause: "flaky", run_id: 7, now: "2024-05-06T10:00:00Z" }, expect: { matches: true } }],
};

/** Problems of a runbook written as YAML from `base` with `changes` applied; "" when it is valid. */
const problems = (changes: Record<string, unknown>, file = "rb.yaml"): string[] => {
  const parsed = parseRunbookFile(stringify({ ...base, ...changes }), file, TEST_CATALOG);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
};

describe("parseRunbookFile", () => {
  test("a valid runbook loads with defaults filled and the position of its id", () => {
    const parsed = parseRunbookFile(stringify(base), "rb.yaml", TEST_CATALOG);
    expect(parsed).toMatchObject({ ok: true, loaded: { file: "rb.yaml", idAt: { line: 1, column: 5 }, runbook: { id: "rerun-flaky", preconditions: [], parameters: {}, stop_conditions: {} } } });
  });

  test("rollback: exactly one of inverse and steps", () => {
    expect(problems({ rollback: { inverse: true, steps: [{ action: "rerun-failed-jobs", with: { run_id: 1 } }] } })).toEqual([
      "rb.yaml:13:3: rollback: give exactly one of `inverse: true` or `steps`",
    ]);
    expect(problems({ rollback: { inverse: false } })).toEqual([
      "rb.yaml:13:12: rollback.inverse: expected true (the catalog's inverse of each step); to undo differently, give steps (got false)",
    ]);
    expect(problems({ rollback: { steps: [{ action: "rerun-failed-jobs", with: { run: 1 } }] } })).toEqual([
      'rb.yaml:15:7: rollback.steps[0].with.run_id: missing required key "run_id"',
      'rb.yaml:16:9: rollback.steps[0].with.run: unknown key "run"; allowed keys: run_id',
    ]);
  });

  test("parameter keys must suit the parameter's type", () => {
    expect(problems({ parameters: { mode: { type: "enum", default: "a" }, n: { type: "string", min: 1, default: "x" }, k: { type: "integer" } } })).toEqual([
      'rb.yaml:28:5: parameters.mode: an enum parameter needs "values"',
      'rb.yaml:32:10: parameters.n.min: "min" applies to integer parameters only',
      'rb.yaml:35:5: parameters.k: a parameter needs "from", "default" or both',
    ]);
  });

  test("trigger keys must suit the trigger's signal", () => {
    expect(problems({ triggers: [{ signal: "ci-failure", alert: "KubePodCrashLooping", labels: { a: "b" } }, { signal: "alert", workflow: "ci" }] })).toEqual([
      'rb.yaml:7:12: triggers[0].alert: "alert" applies to alert triggers only; this trigger\'s signal is ci-failure (got "KubePodCrashLooping")',
      'rb.yaml:9:7: triggers[0].labels: "labels" applies to alert triggers only; this trigger\'s signal is ci-failure',
      'rb.yaml:11:15: triggers[1].workflow: "workflow" applies to deploy-failure and ci-failure triggers only; this trigger\'s signal is alert (got "ci")',
    ]);
  });

  test("an unknown precondition names the known ones and the likely typo", () => {
    expect(problems({ preconditions: [{ file_exist: { path: "k8s/app.yaml" } }, { key_within: { file: "a.yaml", path: "spec.replicas" } }] })).toEqual([
      'rb.yaml:27:5: preconditions[0]: expected one precondition: last_good_exists, file_exists, key_exists, key_within, value_within, non_empty, outside_windows, deployed_within (got a map with keys file_exist; did you mean "file_exists"?)',
      "rb.yaml:30:7: preconditions[1].key_within: give min, max or both",
    ]);
    expect(problems({ preconditions: [{ key_within: { file: "a.yaml", path: "[kind=Deployment,metadata.name].spec.replicas", max: 3 } }] })).toEqual([
      'rb.yaml:29:13: preconditions[0].key_within.path: cannot read the key path "[kind=Deployment,metadata.name].spec.replicas" at "[kind=Deployment,metadata.name].spec.replicas"; write keys like spec.containers[name=web].image',
    ]);
  });

  test("list items in templates are named by number, and time zones must exist", () => {
    expect(problems({ preconditions: [{ value_within: { value: "{{ facts.range_files.length }}", max: 10 } }, { outside_windows: { windows: [{ name: "office", days: ["mon"], start: "09:00", end: "17:00", timezone: "Europe/Berln" }] } }] })).toEqual([
      'rb.yaml:37:21: preconditions[1].outside_windows.windows[0].timezone: unknown time zone "Europe/Berln"; use an IANA name such as Europe/Berlin (got "Europe/Berln")',
    ]);
    expect(problems({ preconditions: [{ value_within: { value: "{{ facts.range_files.length }}", max: 10 } }] })).toEqual([
      "rb.yaml:28:14: preconditions[0].value_within.value: {{ facts.range_files.length }}: facts.range_files is a list; name an item by its number",
    ]);
  });

  test("an example cannot both refuse and describe a plan", () => {
    const examples = [{ name: "x", facts: { signal: "ci-failure", now: "2024-05-06T10:00:00Z" }, expect: { matches: true, skipped: "no", steps: [] } }];
    expect(problems({ examples })).toEqual(['rb.yaml:25:14: examples[0].expect.steps: "steps" describes a plan, but skipped means nothing is planned']);
  });

  test("every runbook carries an example", () => {
    expect(problems({ examples: [] })).toEqual(["rb.yaml:17:11: examples: expected at least one example; a runbook without a test is not done (got a list)"]);
  });
});

describe("runbook sets", () => {
  const file = (name: string, changes: Record<string, unknown> = {}) => ({ file: name, text: stringify({ ...base, ...changes }) });

  test("a repository may add runbooks but not replace a bundled one", () => {
    const bundled = parseRunbookFiles([file("runbooks/rerun-flaky.yaml")], TEST_CATALOG);
    const repo = parseRunbookFiles([file(".github/agenticops/runbooks/mine.yaml"), file(".github/agenticops/runbooks/extra.yaml", { id: "extra" })], TEST_CATALOG);
    const merged = mergeRunbookSets(bundled, repo);
    expect(merged.runbooks.map((l) => [l.runbook.id, l.file])).toEqual([
      ["rerun-flaky", "runbooks/rerun-flaky.yaml"],
      ["extra", ".github/agenticops/runbooks/extra.yaml"],
    ]);
    expect(merged.problems.map(formatProblem)).toEqual([
      '.github/agenticops/runbooks/mine.yaml:1:5: id: runbook id "rerun-flaky" is already defined in runbooks/rerun-flaky.yaml:1:5; repository runbooks may add new ids but not replace bundled ones, so rename this one',
    ]);
  });

  test("problems of both sets are kept, and one error lists them", () => {
    const bundled = parseRunbookFiles([file("runbooks/a.yaml", { risk: "huge" })], TEST_CATALOG);
    const repo = parseRunbookFiles([file("repo/b.yaml", { title: "" })], TEST_CATALOG);
    const merged = mergeRunbookSets(bundled, repo);
    expect(merged.runbooks).toEqual([]);
    const error = runbookSetError("the runbooks", merged.problems);
    expect(error.code).toBe("RUNBOOK_INVALID");
    expect(error.message).toBe(
      [
        "the runbooks is invalid (2 problems):",
        "  repo/b.yaml:2:8: title: expected a non-empty string (got \"\")",
        '  runbooks/a.yaml:4:7: risk: expected one of low, medium, high (got "huge") (did you mean "high"?)',
      ].join("\n"),
    );
  });
});
