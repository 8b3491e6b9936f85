import { describe, expect, test } from "@jest/globals";
import { runRunbookExample } from "../../src/core/plan/runbooks/run-runbook-example.js";
import { RunbookExample } from "../../src/schemas/runbook-example.js";
import { runbook } from "./support/runbook-builders.js";
import { TEST_CATALOG } from "./support/test-action-catalog.js";

const APP = "image: shop:1.5.0\n";
const example = (expectation: unknown, labels: Record<string, string> = { tag: "1.4.2" }) =>
  RunbookExample.parse({
    name: "crashloop",
    facts: { signal: "alert", now: "2024-05-06T10:00:00Z", alert: { name: "KubePodCrashLooping", labels } },
    files: { "k8s/app.yaml": APP },
    expect: expectation,
  });

describe("runRunbookExample", () => {
  test("an example that holds has no failures", async () => {
    const holds = example({
      matches: true,
      params: { tag: "1.4.2" },
      steps: [{ action: "set-image-tag", params: { image: "shop" } }],
      files: { "k8s/app.yaml": "image: shop:1.4.2\n" },
    });
    expect(await runRunbookExample(runbook(), holds, TEST_CATALOG)).toEqual({ runbookId: "pin-image", example: "crashloop", failures: [] });
  });

  test("each difference is named", async () => {
    const wrong = example({
      matches: true,
      params: { tag: "1.4.1" },
      steps: [{ action: "set-image-tag", params: { image: "cart" } }],
      files: { "k8s/app.yaml": { contains: ["shop:1.4.1"] }, "k8s/other.yaml": "x" },
    });
    expect((await runRunbookExample(runbook(), wrong, TEST_CATALOG)).failures).toEqual([
      'params.tag: expected "1.4.1", got "1.4.2"',
      'steps[0].params.image: expected "cart", got "shop"',
      'files.k8s/app.yaml: expected it to contain "shop:1.4.1", got\nimage: shop:1.4.2\n',
      "files.k8s/other.yaml: the file does not exist after the change",
    ]);
  });

  test("a skip is checked by its reason", async () => {
    const skip = example({ matches: true, skipped: 'has no "tag"' }, {});
    expect((await runRunbookExample(runbook(), skip, TEST_CATALOG)).failures).toEqual([]);
    const otherReason = example({ matches: true, skipped: "precondition" }, {});
    expect((await runRunbookExample(runbook(), otherReason, TEST_CATALOG)).failures).toEqual([
      'expected the skip reason to contain "precondition", got "parameters.tag: {{ alert.labels.tag }}: alert.labels has no \\"tag\\""',
    ]);
  });

  test("a match that was not expected, and a plan that was not expected", async () => {
    expect((await runRunbookExample(runbook(), example({ matches: false }), TEST_CATALOG)).failures).toEqual([
      "expected matches: false, got true (triggers[0]: signal alert; triggers[0]: alert KubePodCrashLooping matches KubePodCrashLooping)",
      "expected the plan to be skipped, got planned",
    ]);
    expect((await runRunbookExample(runbook(), example({ matches: true }, {}), TEST_CATALOG)).failures).toEqual([
      'expected a plan, but it was skipped: parameters.tag: {{ alert.labels.tag }}: alert.labels has no "tag"',
    ]);
  });
});
