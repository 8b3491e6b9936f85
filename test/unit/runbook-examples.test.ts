import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { ACTION_CATALOG } from "../../src/core/plan/actions/action-catalog.js";
import { parseRunbookFiles } from "../../src/core/plan/runbooks/parse-runbook-files.js";
import { runRunbookExample } from "../../src/core/plan/runbooks/run-runbook-example.js";
import { formatProblem } from "../../src/core/validate/located-problem.js";

/** Every bundled runbook loads, and every example in it holds against the real action catalog. */
const DIR = "runbooks";
const files = readdirSync(DIR)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => ({ file: `${DIR}/${name}`, text: readFileSync(`${DIR}/${name}`, "utf8") }));
const set = parseRunbookFiles(files, ACTION_CATALOG);

describe("bundled runbooks", () => {
  test("every file loads without problems", () => {
    expect(set.problems.map(formatProblem)).toEqual([]);
    expect(set.runbooks.map((l) => l.file)).toEqual(files.map((f) => f.file));
  });

  test.each(set.runbooks.map((l) => [l.runbook.id, l] as const))("%s points editors at the schema and has at least two examples", (_id, loaded) => {
    expect(readFileSync(loaded.file, "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=./schema.json");
    expect(loaded.runbook.examples.length).toBeGreaterThanOrEqual(2);
  });

  const cases = set.runbooks.flatMap((l) => l.runbook.examples.map((example) => [`${l.runbook.id}: ${example.name}`, l.runbook, example] as const));
  test.each(cases)("%s", async (_name, runbook, example) => {
    const result = await runRunbookExample(runbook, example, ACTION_CATALOG);
    expect(result.failures).toEqual([]);
  });
});
