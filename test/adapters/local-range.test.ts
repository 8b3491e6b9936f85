import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { parseShowOutput, readLocalRange } from "../../src/adapters/git/local-range.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";

let dir: string;
let git: SimpleGit;
const shas: string[] = [];

const commit = async (message: string, files: Record<string, string | null>, author = "Dana Dev <dana@example.com>") => {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) await git.rm(path);
    else {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
      await git.add(path);
    }
  }
  await git.commit(message, undefined, { "--author": author });
  shas.push((await git.revparse(["HEAD"])).trim());
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "local-range-"));
  git = simpleGit({ baseDir: dir });
  await git.init();
  await git.addConfig("user.name", "Committer");
  await git.addConfig("user.email", "committer@example.invalid");
  await git.checkoutLocalBranch("main");
  await commit("initial import", { "src/cart.ts": "export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n", "old.txt": "old\n" });
  await git.addTag("good");
  await commit("fix: rounding in cart totals\n\nRound to whole units.", {
    "src/cart.ts": "export const total = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0));\n",
  }, "Eve Engineer <eve@example.com>");
  await commit("chore: move old notes, add logo", { "old.txt": null, "docs/old.txt": "old\n", "logo.bin": "\u0000\u0001binary\u0000" });
  await commit("chore: drop logo", { "logo.bin": null });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("readLocalRange", () => {
  test("lists good..bad oldest first, with authors, messages, trees and parents", async () => {
    const commits = await readLocalRange({ dir, good: "good", bad: "main" });
    expect(commits.map((c) => c.sha)).toEqual(shas.slice(1));
    const [fix] = commits;
    expect(fix).toMatchObject({ author: "Eve Engineer", message: "fix: rounding in cart totals\n\nRound to whole units.", parents: [shas[0]] });
    expect(fix!.tree).toMatch(/^[0-9a-f]{40}$/);
    expect(fix!.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  test("each commit carries its files with status, counts, blob and the patch's hunks", async () => {
    const [fix, move, drop] = await readLocalRange({ dir, good: "good", bad: "main" });
    expect(fix!.files).toEqual([
      {
        path: "src/cart.ts",
        status: "modified",
        previousPath: null,
        additions: 1,
        deletions: 1,
        blobSha: expect.stringMatching(/^[0-9a-f]{40}$/),
        patch: expect.stringMatching(/^@@ -1 \+1 @@\n-export const total = \(xs: number\[\]\) => xs\.reduce.*\n\+export const total = \(xs: number\[\]\) => Math\.round/),
      },
    ]);
    expect(move!.files.map((f) => [f.path, f.status, f.previousPath, f.additions, f.deletions, f.patch])).toEqual([
      ["docs/old.txt", "renamed", "old.txt", 0, 0, null],
      ["logo.bin", "added", null, 0, 0, null],
    ]);
    expect(drop!.files).toMatchObject([{ path: "logo.bin", status: "removed", blobSha: "0".repeat(40) }]);
  });

  test("only the newest `max` commits are read", async () => {
    const commits = await readLocalRange({ dir, good: "good", bad: "main", max: 2 });
    expect(commits.map((c) => c.sha)).toEqual(shas.slice(2));
  });

  test("unknown commits and option-like revisions fail with GIT_FAILED and a hint", async () => {
    for (const bad of ["nope", "--output=/tmp/x"]) {
      const error = await readLocalRange({ dir, good: "good", bad }).catch((e: unknown) => e);
      expect(isAgenticOpsError(error, "GIT_FAILED")).toBe(true);
    }
  });

  test("parseShowOutput pairs raw, numstat and patch sections by position", () => {
    const text = [
      ":100644 100644 " + "a".repeat(40) + " " + "b".repeat(40) + " M\tsrc/a.ts",
      ":000000 100644 " + "0".repeat(40) + " " + "c".repeat(40) + " A\tsrc/b.ts",
      "2\t1\tsrc/a.ts",
      "1\t0\tsrc/b.ts",
      "",
      "diff --git a/src/a.ts b/src/a.ts",
      "index aaa..bbb 100644",
      "--- a/src/a.ts",
      "+++ b/src/a.ts",
      "@@ -1 +1,2 @@",
      "-x",
      "+y",
      "+z",
      "diff --git a/src/b.ts b/src/b.ts",
      "new file mode 100644",
      "--- /dev/null",
      "+++ b/src/b.ts",
      "@@ -0,0 +1 @@",
      "+new",
      "",
    ].join("\n");
    expect(parseShowOutput(text)).toEqual([
      { path: "src/a.ts", status: "modified", previousPath: null, blobSha: "b".repeat(40), additions: 2, deletions: 1, patch: "@@ -1 +1,2 @@\n-x\n+y\n+z" },
      { path: "src/b.ts", status: "added", previousPath: null, blobSha: "c".repeat(40), additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+new" },
    ]);
  });
});
