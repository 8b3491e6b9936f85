import { describe, expect, test } from "@jest/globals";
import { renderValidationReport } from "../../src/cli/render-validation-report.js";
import { summarizeValidation } from "../../src/core/validate/summarize-validation.js";
import type { ValidatedFile } from "../../src/schemas/validation-report.js";

const example = { kind: "example" as const, index: 0, name: "pins the tag", line: 20, column: 5 };

describe("renderValidationReport", () => {
  test("a multi-line difference (an expected file's text) stays indented under its place", () => {
    const file: ValidatedFile = {
      file: "runbooks/pin.yaml",
      kind: "runbook",
      id: "pin",
      valid: false,
      problems: [],
      tests: [{ ...example, passed: false, failures: ["files.k8s/app.yaml: expected the text\nimage: web:1.2\ngot\nimage: web:1.3"] }, { ...example, index: 1, name: "skips", line: 30, passed: true, failures: [] }],
      notes: [],
    };
    expect(renderValidationReport(summarizeValidation([file]))).toBe(
      [
        "✗ runbooks/pin.yaml  runbook pin, 1 of 2 examples failed",
        '    runbooks/pin.yaml:20:5: examples[0]: "pins the tag": files.k8s/app.yaml: expected the text',
        "      image: web:1.2",
        "      got",
        "      image: web:1.3",
        "",
        "1 runbook, 0 policies, 0 configs: 1 example and 0 policy tests passed, 1 failed",
        "",
      ].join("\n"),
    );
  });
});
