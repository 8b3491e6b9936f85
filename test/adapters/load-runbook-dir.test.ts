import { describe, expect, test } from "@jest/globals";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLED_RUNBOOKS_DIR, loadRunbookDir } from "../../src/adapters/runbooks/load-runbook-dir.js";
import { formatProblem } from "../../src/core/validate/located-problem.js";
import { TEST_CATALOG } from "../unit/support/test-action-catalog.js";

const DIR = "test/fixtures/runbooks/set";
const at = (file: string) => `${DIR}/${file}`;

describe("loadRunbookDir", () => {
  test("malformed files are rejected precisely while the valid one keeps working", async () => {
    const set = await loadRunbookDir(DIR, TEST_CATALOG);
    expect(set.runbooks.map((l) => [l.runbook.id, l.file, l.idAt])).toEqual([["pin-image", at("a-pin-image.yaml"), { line: 1, column: 5 }]]);
    expect(set.problems.map(formatProblem)).toEqual([
      `${at("b-wrong-types.yaml")}:1:5: id: expected a kebab-case id like "deploy-failed-rollback" (got "Wrong_Types")`,
      `${at("b-wrong-types.yaml")}:4:7: risk: expected one of low, medium, high (got "extreme")`,
      `${at("b-wrong-types.yaml")}:6:13: triggers[0].signal: expected one of deploy-failure, ci-failure, alert (got "alrt") (did you mean "alert"?)`,
      `${at("b-wrong-types.yaml")}:9:26: triggers[1].labels.namespace: the regular expression does not compile: Invalid regular expression: /prod-(/: Unterminated group (got "/prod-(/")`,
      `${at("b-wrong-types.yaml")}:11:31: parameters.step.max: expected a number (got "ten")`,
      `${at("b-wrong-types.yaml")}:16:49: verification.within: expected a duration such as "90s", "5m", "1h" or "2d" (got "soon")`,
      `${at("c-unknown-actions.yaml")}:8:13: steps[0].action: expected one of revert-commits, set-image-tag, scale-replicas, set-resources, set-yaml-value, rerun-failed-jobs, open-incident-issue, comment (got "revert-commit") (did you mean "revert-commits"?)`,
      `${at("d-catalog-mismatch.yaml")}:10:13: steps[0].action: the action catalog has no "comment"; it has set-image-tag, scale-replicas, rerun-failed-jobs`,
      `${at("d-catalog-mismatch.yaml")}:13:43: steps[1].with.replicas: expected a number (got "many")`,
      `${at("d-catalog-mismatch.yaml")}:13:49: steps[1].with.replica: unknown key "replica" (did you mean "replicas"?)`,
      `${at("e-missing-rollback.yaml")}:1:1: rollback: missing required key "rollback"; every runbook says how to undo it: \`rollback: { inverse: true }\` (the catalog's inverse of each step) or \`rollback: { steps: [...] }\``,
      `${at("f-bad-templates.yaml")}:9:60: parameters.max_replicas.default: the default does not fit the parameter: 30 is above the maximum 20`,
      `${at("f-bad-templates.yaml")}:10:32: parameters.other.from: {{ params.max_replicas }}: parameters cannot come from other parameters; use facts. or alert.`,
      `${at("f-bad-templates.yaml")}:12:26: preconditions[0].file_exists.path: {{ params.max_replica }}: no parameter "max_replica" is declared (did you mean "max_replicas"?); declared: max_replicas, other`,
      `${at("f-bad-templates.yaml")}:13:28: preconditions[1].value_within.value: {{ facts.lastgood }}: facts has no "lastgood" (did you mean "last_good"?)`,
      `${at("f-bad-templates.yaml")}:14:45: preconditions[2].key_exists.path: cannot read the key path "spec[" at "["; write keys like spec.containers[name=web].image`,
      `${at("f-bad-templates.yaml")}:17:19: steps[0].with.file: {{ alert.label.deployment }}: alert has no "label" (did you mean "labels"?)`,
      `${at("f-bad-templates.yaml")}:17:61: steps[0].with.replicas: "{{ params.max_replicas + 1 }}" is not a value name; templates name values like {{ params.max }}, with no expressions`,
      `${at("f-bad-templates.yaml")}:21:31: stop_conditions.max_steps: max_steps 1 is less than the runbook's 2 steps, so it could never run`,
      `${at("g-duplicate.yaml")}:1:5: id: duplicate runbook id "pin-image" is already defined in ${at("a-pin-image.yaml")}:1:5`,
      `${at("h-syntax.yaml")}:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
  });

  test("reads .yml files too, and ignores other files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "runbooks-"));
    await writeFile(join(dir, "pin.yml"), await readFile(`${DIR}/a-pin-image.yaml`, "utf8"));
    await writeFile(join(dir, "notes.txt"), "not a runbook");
    const set = await loadRunbookDir(dir, TEST_CATALOG);
    expect(set).toEqual({ runbooks: [expect.objectContaining({ file: join(dir, "pin.yml") })], problems: [] });
  });

  test("a directory that does not exist holds no runbooks", async () => {
    expect(await loadRunbookDir(join(tmpdir(), "no-such-runbooks-dir"), TEST_CATALOG)).toEqual({ runbooks: [], problems: [] });
  });

  test("the bundled directory is the package's runbooks/ folder", () => {
    expect(BUNDLED_RUNBOOKS_DIR.replace(/\/$/, "").endsWith("/runbooks")).toBe(true);
  });
});
