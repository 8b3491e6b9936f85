import { spawn } from "node:child_process";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { GitIdentity } from "./git-store.js";

export interface RunGitOptions {
  /** Written to git's stdin, which is then closed. */
  input?: string | Buffer;
  /** Extra environment (author identity, GIT_INDEX_FILE…), on top of the hermetic base. */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: number[] | "any";
}

export interface GitOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * The environment every git process gets: inherited GIT_* variables are dropped and the
 * machine's system/global config ignored, so results never depend on who runs the sandbox.
 */
export function hermeticGitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("GIT_")) env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    LC_ALL: "C",
    ...extra,
  };
}

/** Runs `git` against a bare repository (`gitDir`, or none for `git init`) and returns raw output. */
export function runGitRaw(gitDir: string | null, args: string[], opts: RunGitOptions = {}): Promise<GitOutput> {
  const okCodes = opts.okCodes ?? [];
  const env = hermeticGitEnv({ ...(gitDir ? { GIT_DIR: gitDir } : {}), ...opts.env });
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    // git may exit before reading all of stdin (e.g. on a bad argument); its exit code tells why.
    child.stdin.on("error", () => undefined);
    child.on("error", (cause) => reject(gitFailed(args, "", cause)));
    child.on("close", (code) => {
      const result = { code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") };
      if (result.code === 0 || okCodes === "any" || okCodes.includes(result.code)) resolve(result);
      else reject(gitFailed(args, result.stderr, undefined, result.code));
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** Runs git and returns stdout as UTF-8 text. */
export async function runGit(gitDir: string | null, args: string[], opts: RunGitOptions = {}): Promise<string> {
  return (await runGitRaw(gitDir, args, opts)).stdout.toString("utf8");
}

/** Like runGit, but a non-zero exit means "no answer" (`null`) instead of an error. */
export async function tryGit(gitDir: string, args: string[], opts: RunGitOptions = {}): Promise<string | null> {
  const result = await runGitRaw(gitDir, args, { ...opts, okCodes: "any" });
  return result.code === 0 ? result.stdout.toString("utf8") : null;
}

function gitFailed(args: string[], stderr: string, cause?: unknown, code?: number): AgenticOpsError {
  const firstLine = stderr.trim().split("\n")[0] ?? "";
  return new AgenticOpsError("GIT_FAILED", `git ${args[0] ?? ""} failed${firstLine ? `: ${firstLine}` : ""}`, {
    cause,
    hint: "Check that the repository, refs and objects named in the request exist.",
    details: { args, stderr: stderr.trim(), exitCode: code },
  });
}

const DEFAULT_IDENTITY: GitIdentity = { name: "Sandbox", email: "sandbox@example.invalid" };

/**
 * Author and committer for commit-tree, set through the environment so no git config is read.
 * A given ISO date is passed as epoch seconds, which every git version parses the same way.
 */
export function identityEnv(author?: GitIdentity, committer?: GitIdentity): Record<string, string> {
  const a = author ?? committer ?? DEFAULT_IDENTITY;
  const c = committer ?? author ?? DEFAULT_IDENTITY;
  const env: Record<string, string> = {
    GIT_AUTHOR_NAME: a.name,
    GIT_AUTHOR_EMAIL: a.email,
    GIT_COMMITTER_NAME: c.name,
    GIT_COMMITTER_EMAIL: c.email,
  };
  if (a.date !== undefined) env["GIT_AUTHOR_DATE"] = gitDate(a.date);
  if (c.date !== undefined) env["GIT_COMMITTER_DATE"] = gitDate(c.date);
  return env;
}

function gitDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new AgenticOpsError("GIT_FAILED", `invalid commit date "${iso}"`, {
      hint: "Use an ISO 8601 date such as 2024-05-01T12:00:00Z.",
      details: { date: iso },
    });
  }
  return `@${Math.floor(ms / 1000)} +0000`;
}
