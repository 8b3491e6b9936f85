import { rm } from "node:fs/promises";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { GitAuthor, RevertOutcome, RevertTarget, WorkspaceSession } from "../../ports/workspace.js";
import type { GitResult, GitRunner } from "./git-failed.js";

const SHA = /^[0-9a-f]{4,64}$/i;

/** Rejects anything that is not a plain hex object name, so a value can never be read as an option. */
export function assertSha(value: string, what: string): void {
  if (!SHA.test(value)) {
    throw new AgenticOpsError("GIT_FAILED", `${what} "${value}" is not a commit sha`, {
      hint: "Pass the full hexadecimal sha of the commit.",
      details: { [what]: value },
    });
  }
}

/** One temporary clone; `dir` is the work tree, `root` the temp dir removed by close(). */
export class GitWorkspaceSession implements WorkspaceSession {
  constructor(
    readonly dir: string,
    private readonly root: string,
    private readonly git: GitRunner,
  ) {}

  async head(): Promise<string> {
    return (await this.git.run(["rev-parse", "HEAD"])).trim();
  }

  async revert(targets: RevertTarget[]): Promise<RevertOutcome> {
    for (const target of targets) assertSha(target.sha, "revert target");
    const reverted: string[] = [];
    for (const target of targets) {
      // Merge commits are undone against their first parent: the branch they were merged into.
      const args = ["revert", "--no-commit", ...(target.parents > 1 ? ["-m", "1"] : []), target.sha];
      const result = await this.git.attempt(args);
      if (!result.ok) {
        const files = await this.unmergedFiles();
        await this.discard();
        // No unmerged path means git refused for another reason (unknown commit…): not a conflict.
        if (files.length === 0) throw this.git.fail(args, result);
        return { kind: "conflict", commit: target.sha, files };
      }
      reverted.push(target.sha);
    }
    const staged = await this.git.run(["diff", "--cached", "--name-only", "-z", "HEAD"]);
    if (staged === "") {
      await this.discard();
      return { kind: "empty", reverted };
    }
    return { kind: "reverted", reverted };
  }

  async commit(message: string, author: GitAuthor): Promise<string> {
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    // verbatim: the default "strip" cleanup would drop lines starting with '#' ("#123 fixed");
    // the trailing newline git's own cleanup adds is kept so the last line (a trailer) is complete.
    const input = message.endsWith("\n") ? message : `${message}\n`;
    await this.git.run(["commit", "--quiet", "--no-verify", "--no-gpg-sign", "--cleanup=verbatim", "-F", "-"], { env, input });
    return this.head();
  }

  async pushNewBranch(branch: string): Promise<"created" | "exists"> {
    const ref = `refs/heads/${branch}`;
    if (!(await this.git.attempt(["check-ref-format", ref])).ok) {
      throw new AgenticOpsError("GIT_FAILED", `"${branch}" is not a valid branch name`, { details: { branch } });
    }
    // An empty expected value means "must not exist": the server-side update is atomic, so of
    // concurrent pushes exactly one creates the branch and the others are rejected.
    const args = ["push", "--porcelain", `--force-with-lease=${ref}:`, "origin", `HEAD:${ref}`];
    const result = await this.git.attempt(args);
    const flag = porcelainFlag(result, ref);
    if (result.ok && flag === "*") return "created";
    // "=": the branch already points at HEAD; "!": rejected (stale lease, or lost the race).
    if ((flag === "=" || flag === "!") && (await this.remoteHas(ref))) return "exists";
    throw this.git.fail(args, result);
  }

  async close(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  private async unmergedFiles(): Promise<string[]> {
    const out = await this.git.run(["diff", "--name-only", "--diff-filter=U", "-z"]);
    return [...new Set(out.split("\0").filter(Boolean))];
  }

  /** Back to HEAD: index, work tree and the in-progress revert state (REVERT_HEAD). */
  private async discard(): Promise<void> {
    await this.git.run(["reset", "--quiet", "--hard", "HEAD"]);
  }

  private async remoteHas(ref: string): Promise<boolean> {
    return (await this.git.run(["ls-remote", "origin", ref])).trim() !== "";
  }
}

/** The status flag of `ref` in `git push --porcelain` output (`<flag>\t<from>:<to>\t<summary>`). */
function porcelainFlag(result: GitResult, ref: string): string | null {
  for (const line of `${result.stdout}\n${result.stderr}`.split("\n")) {
    const [flag, refs] = line.split("\t");
    if (flag !== undefined && flag.length === 1 && refs?.endsWith(`:${ref}`)) return flag;
  }
  return null;
}
