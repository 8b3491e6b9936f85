import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { simpleGit } from "simple-git";
import { diagnoseCommand, type CliIo } from "../../src/cli/diagnose-command.js";
import { Diagnosis } from "../../src/schemas/diagnosis.js";

const FIXTURE = "test/fixtures/ci-logs/jest-mocha/jest-tobe-circleci.log";

/** Runs the command with captured output, stdin from `input`, and an environment without an LLM key. */
const run = async (args: string[], input = "", env: Record<string, string> = {}) => {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    // bytes in chunks that split a line and a multi-byte character, as a pipe may deliver them
    stdin: Readable.from([Buffer.from(input).subarray(0, 1), Buffer.from(input).subarray(1)]),
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env,
  };
  const code = await diagnoseCommand(args, io);
  return { code, stdout, stderr };
};

let repo: string;
const shas: string[] = [];
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), "diagnose-command-"));
  const git = simpleGit({ baseDir: repo });
  await git.init();
  await git.addConfig("user.name", "Dana Dev");
  await git.addConfig("user.email", "dana@example.invalid");
  await git.checkoutLocalBranch("main");
  const commit = async (message: string, files: Record<string, string>) => {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(repo, path)), { recursive: true });
      await writeFile(join(repo, path), content);
      await git.add(path);
    }
    await git.commit(message);
    shas.push((await git.revparse(["HEAD"])).trim());
  };
  await commit("initial import", { "README.md": "# reporter\n", "src/index.test.js": "test('x', () => expect(total()).toBe(1000));\n" });
  await commit("fix: total returns cents", { "src/index.test.js": "test('x', () => expect(total()).toBe(100 * 10));\n" });
  await commit("docs: usage", { "README.md": "# reporter\n\nUsage.\n" });
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe("agenticops diagnose", () => {
  test("a saved log: its cause, summary and excerpt, as a readable report", async () => {
    const { code, stdout, stderr } = await run([FIXTURE]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Cause: {6}test-failure \(confidence \d+%\)\nSummary: {4}a test assertion failed: Error: expect\(received\)\.toBe\(expected\)/);
    expect(stdout).toContain("Excerpt (jest-tobe-circleci.log, from line 1):\n  Error: expect(received).toBe(expected) // Object.is equality\n  Expected: 1000\n  Received: 100\n");
    expect(stdout).toContain("Diagnosed with deterministic signatures.");
  });

  test("stdin (`-`), streamed in chunks, gives the same diagnosis as the file, as JSON", async () => {
    const text = await readFile(FIXTURE, "utf8");
    const fromStdin = Diagnosis.parse(JSON.parse((await run(["-", "--json"], `\u00e9 ${text}`)).stdout));
    const fromFile = Diagnosis.parse(JSON.parse((await run([FIXTURE, "--json"])).stdout));
    expect(fromStdin.cause).toBe("test-failure");
    expect(fromStdin.cause).toBe(fromFile.cause);
    expect(fromStdin.evidence[0]).toMatchObject({ title: "stdin", lines: fromFile.evidence[0]!.lines.map((l, i) => (i === 0 ? `\u00e9 ${l}` : l)) });
    expect(fromStdin.method).toBe("deterministic");
  });

  test("a token from the environment is redacted from the excerpt by its value", async () => {
    const token = "opensesame-please";
    const { stdout } = await run(["-"], `Error: expect(received).toBe(expected)\nauth ${token}\nExpected: 1\nReceived: 2\n`, { GITHUB_TOKEN: token });
    expect(stdout).not.toContain(token);
    expect(stdout).toContain("auth [REDACTED:known-secret]");
  });

  test("with a commit range of a local repository, the commit that changed the failing test is the first suspect", async () => {
    const { code, stdout } = await run([FIXTURE, "--repo", repo, "--good", shas[0]!, "--bad", shas[2]!]);
    expect(code).toBe(0);
    const suspects = stdout.slice(stdout.indexOf("Suspect commits, most likely first:"));
    expect(suspects.split("\n")[1]).toMatch(new RegExp(`^  ${shas[1]!.slice(0, 7)}  fix: total returns cents  \\(Dana Dev, score \\d+\\)$`));
    expect(suspects).toContain("src/index.test.js");
  });

  test.each([
    [[], "a log file (or - for stdin) is required"],
    [["a.log", "b.log"], "give one log file"],
    [[FIXTURE, "--good", "abc"], "--good and --bad go together"],
    [[FIXTURE, "--bogus"], "Unknown option '--bogus'"],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain("usage: agenticops diagnose");
  });

  test("a missing log file is NOT_FOUND with a hint", async () => {
    await expect(run(["no/such.log"])).rejects.toMatchObject({ code: "NOT_FOUND", hint: expect.stringContaining("stdin") });
  });
});
