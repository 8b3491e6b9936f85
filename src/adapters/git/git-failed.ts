import { AgenticOpsError } from "../../core/model/agenticops-error.js";

/** What one git command produced; a non-zero `exitCode` is an answer the caller may act on. */
export interface GitResult {
  ok: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface GitRunOptions {
  /** Extra environment for this command only (the commit identity). */
  env?: Record<string, string>;
  /** Written to git's stdin. */
  input?: string;
}

/** Runs git in one checkout; implemented with simple-git, kept as an interface so git logic stays testable. */
export interface GitRunner {
  /** stdout; a non-zero exit, a timeout or a spawn error is a GIT_FAILED error. */
  run(args: string[], opts?: GitRunOptions): Promise<string>;
  /** A non-zero exit is returned, not thrown; timeouts and spawn errors still throw GIT_FAILED. */
  attempt(args: string[], opts?: GitRunOptions): Promise<GitResult>;
  /** The GIT_FAILED error for a failed result, with secrets scrubbed. */
  fail(args: string[], result: GitResult): AgenticOpsError;
}

/** A command that ran and exited non-zero (as opposed to one killed by a timeout). */
export class GitExit extends Error {
  constructor(readonly exitCode: number, readonly stdout: string, readonly stderr: string) {
    super(`git exited with code ${exitCode}${stderr.trim() ? `: ${stderr.trim()}` : ""}`);
    this.name = "GitExit";
  }
}

/** Every form in which the token could appear in git output: as is and inside a Basic header. */
export function secretsOf(token: string): string[] {
  return [token, basicCredentials(token), Buffer.from(token, "utf8").toString("base64")];
}

export function basicCredentials(token: string): string {
  return Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
}

export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret === "" ? out : out.split(secret).join("***")), text);
}

/** git prints progress before the reason; the `fatal:`/`error:` lines are the reason. */
function reasonOf(result: GitResult): string {
  const lines = (result.stderr.trim() ? result.stderr : result.stdout).split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
  const reasons = lines.filter((l) => /^(fatal|error):/.test(l));
  const reason = (reasons.length > 0 ? reasons : lines.slice(-1)).join(" ");
  // After a 401 git falls back to asking for a username, which hides what happened.
  return /could not read Username|Authentication failed|error: 401/.test(result.stderr) ? `the token was refused (${reason})` : reason;
}

/** GIT_FAILED for a command; nothing in the message, details or cause carries the token. */
export function gitFailed(args: string[], failure: GitResult | Error, secrets: readonly string[]): AgenticOpsError {
  const command = `git ${args[0] ?? ""}`;
  if (failure instanceof Error) {
    const cause = failure;
    cause.message = scrub(cause.message, secrets);
    if (cause.stack) cause.stack = scrub(cause.stack, secrets);
    return new AgenticOpsError("GIT_FAILED", `${command} failed: ${cause.message}`, {
      cause,
      hint: "The git command was stopped or could not start; check the timeout and that git is installed.",
      details: { args: args.map((a) => scrub(a, secrets)) },
    });
  }
  const stderr = scrub(failure.stderr.trim(), secrets);
  const reason = scrub(reasonOf(failure), secrets);
  return new AgenticOpsError("GIT_FAILED", `${command} failed (exit ${failure.exitCode})${reason ? `: ${reason}` : ""}`, {
    cause: new GitExit(failure.exitCode, scrub(failure.stdout, secrets), stderr),
    hint: "Check the clone URL, that the token may read and push the repository, and that the commits exist.",
    details: { args: args.map((a) => scrub(a, secrets)), exitCode: failure.exitCode, stderr },
  });
}
