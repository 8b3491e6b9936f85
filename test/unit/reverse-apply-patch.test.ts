import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reverseApplyPatch } from "../../src/core/plan/reverse-apply-patch.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "reverse-apply-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * The patch git itself writes for old → new, cut to start at the first `@@` and without the final
 * newline, the way GitHub returns `files[].patch` in a comparison.
 */
const realPatch = async (before: string, after: string, context = 3): Promise<string> => {
  await writeFile(join(dir, "old"), before);
  await writeFile(join(dir, "new"), after);
  const diff = spawnSync("git", ["-c", "core.autocrlf=false", "diff", "--no-index", "--no-color", `-U${context}`, "old", "new"], { cwd: dir, encoding: "utf8" });
  if (diff.status !== 1) throw new Error(`git diff exited ${diff.status}: ${diff.stderr}`);
  const start = diff.stdout.indexOf("@@ ");
  return diff.stdout.slice(start).replace(/\n$/, "");
};

const numbered = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${from + i}`);
const text = (lines: string[], eol = "\n", final = true) => lines.join(eol) + (final ? eol : "");
const deployment = text([
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  "  name: shop",
  "spec:",
  "  template:",
  "    spec:",
  "      containers:",
  "        - name: web",
  "          image: ghcr.io/acme/shop:1.4.2",
  "          ports:",
  "            - containerPort: 8080",
]);
const forty = numbered(40);
const replaced = (lines: string[], at: Record<number, string>) => lines.map((l, i) => at[i] ?? l);

const cases: Array<[string, string, string]> = [
  ["a one-line change", deployment, deployment.replace("shop:1.4.2", "shop:1.5.0")],
  ["several hunks far apart", text(forty), text(replaced(forty, { 2: "changed 3", 19: "changed 20", 37: "changed 38" }))],
  ["lines added at the start", text(forty), text(["# generated", "# do not edit", ...forty])],
  ["lines removed at the start", text(forty), text(forty.slice(3))],
  ["lines added at the end", text(forty), text([...forty, "extra 1", "extra 2"])],
  ["lines removed at the end", text(forty), text(forty.slice(0, 36))],
  ["an added and a removed line side by side", text(forty), text([...forty.slice(0, 10), "inserted", ...forty.slice(12)])],
  ["empty lines changed", text(["a", "", "b", "", "c"]), text(["a", "b", "", "", "", "c"])],
  ["a file without a trailing newline", text(numbered(8), "\n", false), text(replaced(numbered(8), { 7: "last changed" }), "\n", false)],
  ["a change in the middle of a file without a trailing newline", text(numbered(12), "\n", false), text(replaced(numbered(12), { 2: "x" }), "\n", false)],
  ["a trailing newline added", text(numbered(5), "\n", false), text(numbered(5))],
  ["a trailing newline removed", text(numbered(5)), text(numbered(5), "\n", false)],
  ["a trailing newline added with the last line changed", text(numbered(5), "\n", false), text(replaced(numbered(5), { 4: "five" }))],
  ["a CRLF file", text(deployment.trimEnd().split("\n"), "\r\n"), text(deployment.replace("1.4.2", "1.5.0").trimEnd().split("\n"), "\r\n")],
  ["a CRLF file with lines added and removed", text(forty, "\r\n"), text([...forty.slice(1, 20), "new", ...forty.slice(20)], "\r\n")],
];

describe("reverseApplyPatch with patches written by git", () => {
  test.each(cases)("%s: gives back exactly the old text (3 lines of context)", async (_name, before, after) => {
    const patch = await realPatch(before, after);
    expect(reverseApplyPatch(after, patch)).toBe(before);
  });

  test.each(cases)("%s: gives back exactly the old text (no context)", async (_name, before, after) => {
    const patch = await realPatch(before, after, 0);
    expect(reverseApplyPatch(after, patch)).toBe(before);
  });

  test("a patch with its final newline kept works the same", async () => {
    const after = deployment.replace("1.4.2", "1.5.0");
    const patch = `${await realPatch(deployment, after)}\n`;
    expect(reverseApplyPatch(after, patch)).toBe(deployment);
  });
});

describe("reverseApplyPatch refuses text the patch does not describe", () => {
  test("a line the patch added is no longer there: null", async () => {
    const after = deployment.replace("1.4.2", "1.5.0");
    const patch = await realPatch(deployment, after);
    expect(reverseApplyPatch(after.replace("1.5.0", "1.6.0"), patch)).toBeNull();
  });

  test("a context line changed since: null", async () => {
    const after = text(replaced(forty, { 19: "changed 20" }));
    const patch = await realPatch(text(forty), after);
    expect(reverseApplyPatch(after.replace("line 18", "line eighteen"), patch)).toBeNull();
  });

  test("lines inserted above the hunk shift it off its position: null", async () => {
    const after = text(replaced(forty, { 19: "changed 20" }));
    const patch = await realPatch(text(forty), after);
    expect(reverseApplyPatch(`inserted\n${after}`, patch)).toBeNull();
  });

  test("a text that ends before the hunk: null", async () => {
    const after = text(replaced(forty, { 37: "changed 38" }));
    const patch = await realPatch(text(forty), after);
    expect(reverseApplyPatch(text(forty.slice(0, 20)), patch)).toBeNull();
  });

  test("the patch says the file ends without a newline but the text has one: null", async () => {
    const after = text(replaced(numbered(8), { 7: "last changed" }), "\n", false);
    const patch = await realPatch(text(numbered(8), "\n", false), after);
    expect(reverseApplyPatch(`${after}\n`, patch)).toBeNull();
  });

  test("the patch added the trailing newline but the text has none: null", async () => {
    const patch = await realPatch(text(numbered(5), "\n", false), text(numbered(5)));
    expect(reverseApplyPatch(text(numbered(5), "\n", false), patch)).toBeNull();
  });

  test("something that is not a unified diff hunk: null", () => {
    expect(reverseApplyPatch("a\n", "@@ nonsense @@\n a")).toBeNull();
    expect(reverseApplyPatch("a\n", "@@ -1 +1 @@\n*a")).toBeNull();
  });

  test("a patch without hunks leaves the text as it is", () => {
    expect(reverseApplyPatch("a\nb\n", "")).toBe("a\nb\n");
  });
});
