import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitError, GitPluginError, simpleGit, type SimpleGitOptions } from "simple-git";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { Workspace } from "../../ports/workspace.js";
import { basicCredentials, gitFailed, secretsOf, type GitResult, type GitRunner, type GitRunOptions } from "./git-failed.js";
import { assertSha, GitWorkspaceSession } from "./git-workspace-session.js";

export interface SimpleGitWorkspaceOptions {
  /** Parent of the per-session temp dirs; defaults to the OS temp dir. */
  tmpRoot?: string;
  /** A git command is killed after this long without output (clone and push print progress). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Workspace over real git, driven by simple-git.
 *
 * The clone is blobless with the full history of the base branch only: `since` is then always
 * reachable, and reverting a merge has both parents at hand. A `--shallow-since` clone would be
 * smaller but cuts history at a date (commit dates lie, rebases reorder them) and leaves merge
 * parents missing, which makes `git revert -m 1` fail. Commits are cheap; blobs are fetched lazily
 * and only for the files the reverts touch.
 *
 * The token never reaches the command line, `.git/config` or any file: it travels as an
 * `http.<origin>/.extraHeader` in GIT_CONFIG_* environment variables, scoped to the clone URL's
 * origin so a redirect elsewhere does not receive it. Lazy blob fetches inherit that environment.
 * Caveat: simple-git's own debug output (DEBUG=simple-git*) prints the child environment.
 */
export class SimpleGitWorkspace implements Workspace {
  private readonly tmpRoot: string;
  private readonly timeoutMs: number;

  constructor(options: SimpleGitWorkspaceOptions = {}) {
    this.tmpRoot = options.tmpRoot ?? tmpdir();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async open(options: { cloneUrl: string; token: string; baseBranch: string; since: string; paths?: string[] }): Promise<GitWorkspaceSession> {
    const { cloneUrl, token, baseBranch, since } = options;
    const sparse = options.paths !== undefined && options.paths.length > 0;
    const origin = originOf(cloneUrl);
    assertSha(since, "since");
    if (token === "") throw new AgenticOpsError("GIT_FAILED", "empty git token", { hint: "Pass the installation token." });
    const root = await mkdtemp(join(this.tmpRoot, "agenticops-workspace-"));
    try {
      const env = gitEnv(root, origin, token);
      const secrets = secretsOf(token);
      const dir = join(root, "repo");
      // --progress keeps output flowing on big clones, so the inactivity timeout measures a stall.
      // Settings go in with the clone (one process fewer each): no signing, and the repository's
      // hooks are code from the repository, so the bot runs none of it.
      const settings = ["--config", "commit.gpgsign=false", "--config", "core.hooksPath=/dev/null"];
      const clone = ["clone", "--progress", "--filter=blob:none", "--no-tags", "--single-branch", "--branch", baseBranch, ...settings, ...(sparse ? ["--no-checkout"] : [])];
      await simpleGitRunner(root, env, secrets, this.timeoutMs).run([...clone, "--", cloneUrl, dir]);
      const git = simpleGitRunner(dir, env, secrets, this.timeoutMs);
      if (sparse) {
        // Writing out a large tree costs seconds; a revert needs only the files it changes.
        await git.run(["sparse-checkout", "set", "--no-cone", "--", ...(options.paths ?? []).map(sparsePattern)]);
        await git.run(["checkout", baseBranch]);
      }
      if (!(await git.attempt(["merge-base", "--is-ancestor", since, "HEAD"])).ok) {
        throw new AgenticOpsError("GIT_FAILED", `commit ${since} is not in the history of ${baseBranch}`, {
          hint: "`since` must be an ancestor of the base branch tip (the last good commit).",
          details: { since, baseBranch },
        });
      }
      return new GitWorkspaceSession(dir, root, git);
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw error;
    }
  }
}

/** A sparse-checkout pattern matching exactly one path: anchored, with gitignore wildcards escaped. */
export const sparsePattern = (path: string): string => `/${path.replace(/^\/+/, "").replace(/([\\*?[\]!#])/g, "\\$1")}`;

/** The URL's origin, refusing embedded credentials: they would be stored in `.git/config`. */
function originOf(cloneUrl: string): string {
  let url: URL;
  try {
    url = new URL(cloneUrl);
  } catch {
    // No cause: Node's error echoes the input, which could hold credentials.
    throw new AgenticOpsError("GIT_FAILED", "clone URL is not a URL");
  }
  if (url.username !== "" || url.password !== "") {
    throw new AgenticOpsError("GIT_FAILED", "clone URL must not carry credentials", {
      hint: "Pass the token separately; it is sent as an HTTP header, never stored.",
      details: { origin: url.origin },
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AgenticOpsError("GIT_FAILED", `unsupported clone URL scheme ${url.protocol}`, { details: { origin: url.origin } });
  }
  return url.origin;
}

/**
 * A minimal environment built from scratch: nothing from the machine's git config (system file
 * off, HOME and XDG pointing at the empty temp dir), no prompts, no askpass, stable messages.
 */
function gitEnv(root: string, origin: string, token: string): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: root,
    XDG_CONFIG_HOME: root,
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: `http.${origin}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basicCredentials(token)}`,
  };
}

/** simple-git rewraps any error that is not its own GitError, so the exit status rides on one. */
class ExitStatus extends GitError {
  constructor(readonly result: GitResult) {
    super(undefined, `git exited with code ${result.exitCode}`);
  }
}

/** Any non-zero exit (even with empty stderr) becomes an ExitStatus; timeouts pass through. */
const toExitStatus: SimpleGitOptions["errors"] = (error, result) => {
  if (error instanceof GitPluginError) return error;
  if (result.exitCode === 0 && error === undefined) return undefined;
  const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");
  return new ExitStatus({ ok: false, exitCode: result.exitCode, stdout: text(result.stdOut), stderr: text(result.stdErr) });
};

function simpleGitRunner(baseDir: string, baseEnv: Record<string, string>, secrets: readonly string[], timeoutMs: number): GitRunner {
  const attempt = async (args: string[], opts: GitRunOptions = {}): Promise<GitResult> => {
    const env = { ...baseEnv, ...opts.env };
    const { input } = opts;
    const git = simpleGit({
      baseDir,
      timeout: { block: timeoutMs },
      errors: toExitStatus,
      // simple-git guards every GIT_* variable; these are ours, set above, not inherited.
      allowEnvironment: Object.keys(env).filter((key) => key.startsWith("GIT_")),
      // GIT_CONFIG_COUNT carries the auth header; core.hooksPath is set to disable hooks.
      unsafe: { allowUnsafeConfigEnvCount: true, allowUnsafeHooksPath: true },
      ...(input === undefined ? {} : { input: () => input }),
    }).env(env);
    try {
      return { ok: true, exitCode: 0, stdout: await git.raw(args), stderr: "" };
    } catch (error) {
      if (error instanceof ExitStatus) return error.result;
      if (error instanceof GitPluginError && error.plugin === "timeout") {
        throw gitFailed(args, new Error(`no output for ${timeoutMs} ms, killed`, { cause: error }), secrets);
      }
      throw gitFailed(args, error instanceof Error ? error : new Error(String(error)), secrets);
    }
  };
  const fail = (args: string[], result: GitResult) => gitFailed(args, result, secrets);
  return {
    attempt,
    fail,
    run: async (args, opts) => {
      const result = await attempt(args, opts);
      if (!result.ok) throw fail(args, result);
      return result.stdout;
    },
  };
}
