import { describe, expect, test } from "@jest/globals";
import { loadDrill } from "../../src/sandbox/drill/load-drill.js";
import { runDrill } from "../../src/sandbox/drill/run-drill.js";

const PERMISSION = "/repos/{owner}/{repo}/collaborators/{username}/permission";

describe("/agenticops diagnose, played end to end in the sandbox", () => {
  test("a writer gets the run's diagnosis naming the failing test, a reader a refusal, an unknown command the help", async () => {
    const result = await runDrill(await loadDrill("drills/diagnose-command.yml"));
    expect(result.expectations.filter((e) => !e.passed)).toEqual([]);
    const [issue] = result.issues;
    const conversation = issue!.comments.map((c) => `${c.user}: ${c.body.split("\n")[0]}`);
    expect(conversation).toEqual([
      expect.stringMatching(/^dana: Looking into it\.$/),
      expect.stringMatching(/^agenticops\[bot\]: \[`CI`\]\(http:\/\/127\.0\.0\.1:\d+\/acme\/web\/actions\/runs\/\d+\) failed at `[0-9a-f]{7}` on `main`: \*\*test-failure\*\* \(90%\)/),
      "eve: /agenticops diagnose",
      "agenticops[bot]: Sorry, `/agenticops diagnose` can only be run by people with write access to this repository. A maintainer can run it for you.",
      "dana: /agenticops explain",
      "agenticops[bot]: I don't know the command `explain`. These are the commands I understand:",
    ]);
    const diagnosis = issue!.comments[1]!.body;
    expect(diagnosis).toMatch(/```text\n(?:.*\n)*FAIL src\/cart\.test\.ts\n {2}● cart › totals keep cents\n(?:.*\n)* {4}Expected: 10\.5\n {4}Received: 11\n/);
    expect(diagnosis).toContain("ranked by an LLM");
    expect(diagnosis).toMatch(/<!-- agenticops:v1 \{"incident":"inc-[0-9a-f]{12}","kind":"diagnosis-comment"\} -->$/);
    // the writer's and the reader's permission were asked; help needs none
    const asked = result.apiCalls.filter((c) => c.route === PERMISSION).map((c) => c.path.split("/").at(-2));
    expect(asked).toEqual(["dana", "eve"]);
    // one webhook per human comment, each answered once
    expect(result.webhooks.filter((w) => w.event === "issue_comment")).toHaveLength(3);
    expect(result.llmCalls.every((c) => c.status === 200 && c.tokensIn > 0)).toBe(true);
  });
});
