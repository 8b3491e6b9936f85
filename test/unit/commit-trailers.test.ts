import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatCommitMessage, listCommitTrailers, parseCommitTrailers, type AgenticopsTrailers } from "../../src/core/act/commit-trailers.js";

const trailers: AgenticopsTrailers = {
  incident: "inc-2f9c1d000000",
  action: "revert-commits",
  runbook: "deploy-failed-rollback",
  policy: "allow (rollback-scope@3e1a, change-freeze@91c0)",
};

const LONG_BODY =
  "The deploy of api@3f2a1c9 failed its health check at 14:02 and every retry since has failed the same way, so this reverts the two commits that changed the readiness probe.\n\n" +
  "- first suspect commit 3f2a1c9 changed the probe path from /healthz to /ready without updating the service\n" +
  "- second suspect 91be004\n\n" +
  "    kubectl rollout status deploy/api --timeout=60s\n\n" +
  "---\nA markdown rule above must not end the message for git.";

describe("formatCommitMessage", () => {
  const message = formatCommitMessage("Roll back deploy api@3f2a1c9 to 91be004", LONG_BODY, trailers);
  const lines = message.split("\n");

  test("subject, blank line, wrapped body, blank line, the four trailers in order", () => {
    expect(lines[0]).toBe("Roll back deploy api@3f2a1c9 to 91be004");
    expect(lines[1]).toBe("");
    expect(message.endsWith(
      "\n\nAgenticops-Incident: inc-2f9c1d000000\nAgenticops-Action: revert-commits\nAgenticops-Runbook: deploy-failed-rollback\n" +
        "Agenticops-Policy: allow (rollback-scope@3e1a, change-freeze@91c0)\n",
    )).toBe(true);
    expect(lines.every((l) => l.length <= 72)).toBe(true);
  });

  test("wraps prose and list items with a hanging indent, keeps indented lines verbatim", () => {
    expect(lines[2]!.startsWith("The deploy of api@3f2a1c9 failed")).toBe(true);
    expect(lines.filter((l) => l.startsWith("- "))).toHaveLength(2);
    expect(lines.some((l) => /^ {2}\S/.test(l))).toBe(true); // hanging indent of the long item
    expect(lines).toContain("    kubectl rollout status deploy/api --timeout=60s");
    expect(lines).toContain(" ---");
  });

  test("truncates a long subject to 72 characters and flattens newlines in subject and values", () => {
    const m = formatCommitMessage(`Roll back ${"x".repeat(100)}\nsecond line`, "", { ...trailers, policy: "allow\n(rollback-scope@3e1a,\r\n change-freeze@91c0)", runbook: " " });
    const [subject, blank, ...rest] = m.split("\n");
    expect(subject).toHaveLength(72);
    expect(subject!.endsWith("…")).toBe(true);
    expect(blank).toBe("");
    expect(rest).toContain("Agenticops-Policy: allow (rollback-scope@3e1a, change-freeze@91c0)");
    expect(rest).toContain("Agenticops-Runbook: none");
  });

  test("round-trips through parseCommitTrailers", () => {
    expect(parseCommitTrailers(message)).toEqual({ ...trailers, other: {} });
  });
});

describe("parseCommitTrailers", () => {
  test("reads only the last paragraph, unfolds continuation lines, matches keys case-insensitively", () => {
    const parsed = parseCommitTrailers(
      "Revert probe change\n\nAgenticops-Action: not-a-trailer-here\n\nagenticops-incident: inc-aaaaaaaaaaaa\nAgenticops-Policy: allow\n  (rollback-scope@3e1a)\nCo-authored-by: A <a@example.com>\nCo-authored-by: B <b@example.com>\n",
    );
    expect(parsed).toEqual({
      incident: "inc-aaaaaaaaaaaa",
      policy: "allow (rollback-scope@3e1a)",
      other: { "Co-authored-by": "A <a@example.com>, B <b@example.com>" },
    });
  });

  test("a message without a trailer block has none", () => {
    expect(parseCommitTrailers("Fix: the subject alone is never trailers\n")).toEqual({ other: {} });
    expect(parseCommitTrailers("Subject\n\nSome prose.\nKey: value\n")).toEqual({ other: {} });
  });
});

// Messages that exercise git's rules: the 25% rule with a git-generated trailer, the patch
// divider, comments, blanks before the separator, continuation lines, a lone title.
const CASES: Record<string, string> = {
  formatted: formatCommitMessage("Roll back api", LONG_BODY, trailers),
  continuation: "Subject\n\nBody.\n\nKey-One: a\n  folded onto\n\tthree lines\nKey-Two: b\n",
  mixed: "Subject\n\nBody.\n\nThis line is prose\nSigned-off-by: A U Thor <a@example.com>\nFixes: #12\n",
  notTrailers: "Subject\n\nBody.\n\nThis line is prose\nand so is this\nKey: value\n",
  divider: "Subject\n\nBody.\n\nAgenticops-Action: revert-commits\n---\nAfter: the divider\n",
  comments: "Subject\n\nBody.\n\nKey: a\n# a comment\nOther : spaced separator\n\n\n",
  titleOnly: "Key: value\n",
  cherryPick: "Subject\n\n(cherry picked from commit 0123456789abcdef)\nReviewed-by: R <r@example.com>\nthis is prose\nmore prose\n",
};

describe("git agrees", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "trailers-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const gitParse = (message: string): { key: string; value: string }[] => {
    const file = join(dir, "msg");
    writeFileSync(file, message);
    const out = execFileSync("git", ["interpret-trailers", "--parse", file], {
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
    });
    return out
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => ({ key: l.slice(0, l.indexOf(":")), value: l.slice(l.indexOf(":") + 1).trim() }));
  };

  test.each(Object.entries(CASES))("git interpret-trailers --parse reads the same trailers: %s", (_name, message) => {
    expect(listCommitTrailers(message)).toEqual(gitParse(message));
  });

  test("the cases are not vacuous", () => {
    expect(gitParse(CASES.formatted!).map((t) => t.key)).toEqual(["Agenticops-Incident", "Agenticops-Action", "Agenticops-Runbook", "Agenticops-Policy"]);
    expect(gitParse(CASES.mixed!)).toHaveLength(2);
    expect(gitParse(CASES.notTrailers!)).toEqual([]);
  });
});
