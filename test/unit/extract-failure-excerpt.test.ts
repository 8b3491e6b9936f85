import { describe, expect, test } from "@jest/globals";
import { extractFailureExcerpt } from "../../src/core/diagnose/extract-failure-excerpt.js";

const ts = (i: number) => `2026-11-23T14:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.0000000Z`;
/** A log as Actions serves it: BOM, timestamp on every line, trailing newline. */
const actionsLog = (lines: string[]) => `\ufeff${lines.map((l, i) => `${ts(i)} ${l}`).join("\n")}\n`;
const noise = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `step ${from + i} ok`);

describe("extractFailureExcerpt", () => {
  test("a deploy log: the failing lines, cleaned, without group markers or ##[error] prefixes", () => {
    const log = actionsLog([
      "##[group]Run kubectl apply -f k8s/",
      "deployment.apps/shop configured",
      "##[endgroup]",
      ...noise(20),
      'Waiting for deployment "shop" rollout to finish: 1 out of 3 new replicas have been updated...',
      'error: deployment "shop" exceeded its progress deadline',
      "\u001b[33mWarning\u001b[0m  BackOff  pod/shop-7d9c5b-x2x1q  Back-off restarting failed container shop",
      "##[error]Process completed with exit code 1.",
    ]);
    const excerpt = extractFailureExcerpt(log);
    expect(excerpt.lines).toEqual([
      "step 19 ok",
      "step 20 ok",
      'Waiting for deployment "shop" rollout to finish: 1 out of 3 new replicas have been updated...',
      'error: deployment "shop" exceeded its progress deadline',
      "Warning  BackOff  pod/shop-7d9c5b-x2x1q  Back-off restarting failed container shop",
      "Process completed with exit code 1.",
    ]);
    // line numbers count the cleaned log, where the two group markers are gone
    expect(excerpt.startLine).toBe(20);
    expect(excerpt.truncated).toBe(false);
  });

  test("adjacent repeated lines are collapsed to one that says how often it repeated", () => {
    const log = actionsLog([...noise(10), ...Array(6).fill("Waiting for rollout..."), "error: rollout stalled"]);
    const { lines } = extractFailureExcerpt(log);
    // Context counts distinct lines, so the collapsed repeat leaves room for two more before it.
    expect(lines).toEqual(["step 9 ok", "step 10 ok", "Waiting for rollout... (repeated 6 times)", "error: rollout stalled"]);
  });

  test("carriage-return progress bars show their final frame", () => {
    const log = actionsLog([...noise(5), "Pulling image 10%\rPulling image 80%\rPulling image 100%", "fatal: unable to access registry"]);
    expect(extractFailureExcerpt(log).lines).toContain("Pulling image 100%");
  });

  test("huge lines are truncated", () => {
    const { lines } = extractFailureExcerpt(actionsLog([`error: ${"x".repeat(5_000)}`]));
    expect(lines[0]!.length).toBeLessThan(600);
    expect(lines[0]).toMatch(/more characters\)$/);
  });

  test("at most maxLines lines, keeping the last failures", () => {
    const log = actionsLog(Array.from({ length: 100 }, (_, i) => `error: case ${i + 1} failed`));
    const excerpt = extractFailureExcerpt(log);
    expect(excerpt.lines).toHaveLength(40);
    expect(excerpt.lines.at(-1)).toBe("error: case 100 failed");
    expect(excerpt.lines[0]).toBe("error: case 61 failed");
    expect(excerpt.startLine).toBe(61);
    expect(excerpt.truncated).toBe(true);
    expect(extractFailureExcerpt(log, 5).lines).toHaveLength(5);
  });

  test("without any failure vocabulary, the tail of the log", () => {
    const excerpt = extractFailureExcerpt(actionsLog(noise(100)));
    expect(excerpt.lines).toEqual(noise(40, 61));
    expect(excerpt.startLine).toBe(61);
  });

  test.each([
    ["\n"],
    ["\n\n\n"],
    ["\r\n"],
    ["\r\n\r\n"],
    ["\n   \n"],
  ])("trailing %j produces no empty last line", (ending) => {
    const log = ["checkout ok", "npm ERR! code ELIFECYCLE"].join(ending.startsWith("\r") ? "\r\n" : "\n") + ending;
    expect(extractFailureExcerpt(log).lines).toEqual(["checkout ok", "npm ERR! code ELIFECYCLE"]);
  });

  test.each([
    ["npm", "npm ERR! code ELIFECYCLE"],
    ["npm 10", "npm error code E404"],
    ["tsc", "src/cache.ts(3,5): error TS2322: Type 'number' is not assignable to type 'string'."],
    ["jest", "FAIL src/cache.test.ts"],
    ["jest bullet", "  ✕ stores values (4 ms)"],
    ["node TypeError", "TypeError: Cannot read properties of undefined (reading 'get')"],
    ["node AssertionError", "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:"],
    ["python", "Traceback (most recent call last):"],
    ["python ModuleNotFoundError", "ModuleNotFoundError: No module named 'requests'"],
    ["java", "Exception in thread \"main\" java.lang.NullPointerException"],
    ["go test", "--- FAIL: TestCache (0.00s)"],
    ["go panic", "panic: runtime error: index out of range [3] with length 3"],
    ["rust", "error[E0308]: mismatched types"],
    ["git", "fatal: could not read Username for 'https://github.com'"],
    ["exit code", "Process completed with exit code 2."],
    ["exited", "container exited with code 137"],
    ["kubernetes", "Last State: Terminated Reason: OOMKilled"],
    ["timeout", "Error: The operation was canceled. timed out after 10m"],
  ])("recognises %s failures", (_tool, line) => {
    // Buried well before the tail, so only the vocabulary can pick it.
    const log = actionsLog([...noise(10), line, ...noise(80, 11)]);
    expect(extractFailureExcerpt(log).lines).toContain(line);
  });
});
