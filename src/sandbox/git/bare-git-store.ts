import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { buildTree, normalizeRepoPath, type TreeEdit } from "./build-tree.js";
import { readCommits } from "./commit-log.js";
import { diffFiles, EMPTY_TREE } from "./diff-files.js";
import type {
  CommitFilesSpec, CommitInfo, CompareResult, FileChange, GitIdentity, GitStore, ListCommitsOptions,
  MergeMethod, MergeResult, PathContent, RefUpdateResult, TreeEntry,
} from "./git-store.js";
import { mergeBranch } from "./merge-branch.js";
import { casRef, commitTree, isAncestor, mergeBase, objectType, revParse, ZERO_SHA } from "./plumbing.js";
import { runGit, runGitRaw, tryGit } from "./run-git.js";
import { parseLsTree, toFullRef } from "./tree-listing.js";
import { preReceiveHook } from "./workflow-change.js";

const NAME = /^(?!\.\.?$)[A-Za-z0-9_.-]+$/;
const REPO_CONFIG: [string, string][] = [
  ["http.receivepack", "true"],
  ["uploadpack.allowFilter", "true"],
  ["uploadpack.allowAnySHA1InWant", "true"],
  ["core.logAllRefUpdates", "false"],
  // Sandbox repositories are small and short-lived; a background gc would only race with tests.
  ["gc.auto", "0"],
  ["receive.autogc", "false"],
];

/**
 * GitStore over real bare repositories at `<rootDir>/<owner>/<name>.git`, driven by git plumbing
 * only (no work tree), so every operation is safe to run concurrently.
 */
export class BareGitStore implements GitStore {
  constructor(private readonly rootDir: string) {}

  repoPath(owner: string, name: string): string {
    if (!NAME.test(owner) || !NAME.test(name)) {
      throw new AgenticOpsError("NOT_FOUND", `invalid repository name ${owner}/${name}`, {
        hint: "Owner and repository names use letters, digits, '-', '_' and '.'.",
        details: { owner, name },
      });
    }
    return join(this.rootDir, owner, `${name}.git`);
  }

  async createRepo(owner: string, name: string, defaultBranch: string): Promise<void> {
    const path = this.repoPath(owner, name);
    if (existsSync(path)) {
      throw new AgenticOpsError("GIT_FAILED", `repository ${owner}/${name} already exists`, { details: { path } });
    }
    await runGit(null, ["init", "--quiet", "--bare", "-b", defaultBranch, path]);
    for (const [key, value] of REPO_CONFIG) await runGit(path, ["config", key, value]);
    // Pushes over HTTP run it; the store's own writes (update-ref) never do.
    await mkdir(join(path, "hooks"), { recursive: true });
    await writeFile(join(path, "hooks", "pre-receive"), preReceiveHook(), { mode: 0o755 });
  }

  async commitFiles(owner: string, name: string, branch: string, spec: CommitFilesSpec): Promise<string> {
    const dir = this.dir(owner, name);
    const ref = toFullRef(branch.startsWith("refs/") ? branch : `refs/heads/${branch}`);
    const current = await revParse(dir, ref);
    // A missing branch starts from the default branch (a root commit in an empty repository).
    const parent = current ?? (await revParse(dir, "HEAD"));
    const edits: TreeEdit[] = [];
    for (const [path, content] of Object.entries(spec.files)) {
      if (content === null) edits.push({ kind: "delete", path });
      else edits.push({ kind: "blob", path, sha: await this.createBlob(owner, name, Buffer.from(content, "utf8")) });
    }
    const tree = await buildTree(dir, parent, edits);
    const sha = await commitTree(dir, {
      tree, parents: parent ? [parent] : [], message: spec.message, author: spec.author, committer: spec.committer,
    });
    if (!(await casRef(dir, ref, sha, current ?? ZERO_SHA))) {
      throw new AgenticOpsError("GIT_FAILED", `${ref} moved while committing`, {
        hint: "Another write to the same branch happened concurrently; retry.",
        details: { owner, name, ref },
      });
    }
    return sha;
  }

  async resolve(owner: string, name: string, ref: string): Promise<string | null> {
    const dir = this.dir(owner, name);
    const candidates = ref.startsWith("refs/")
      ? [ref]
      : [`refs/heads/${ref}`, `refs/tags/${ref}`, ...(/^(heads|tags)\//.test(ref) ? [`refs/${ref}`] : [])];
    for (const candidate of candidates) {
      const sha = await revParse(dir, candidate);
      if (sha) return sha;
    }
    return /^[0-9a-f]{4,40}$/i.test(ref) ? revParse(dir, ref) : null;
  }

  async listRefs(owner: string, name: string, prefix = "refs/"): Promise<{ ref: string; sha: string }[]> {
    const out = await runGit(this.dir(owner, name), ["for-each-ref", "--format=%(refname)%00%(objectname)"]);
    return out
      .split("\n")
      .filter((line) => line.includes("\0"))
      .map((line) => {
        const [ref = "", sha = ""] = line.split("\0");
        return { ref, sha };
      })
      .filter((r) => r.ref.startsWith(prefix));
  }

  async updateRef(owner: string, name: string, ref: string, sha: string, opts: { create?: boolean; force?: boolean }): Promise<RefUpdateResult> {
    const dir = this.dir(owner, name);
    const full = toFullRef(ref);
    // Branches may only point at commits; other refs (tags) may name any object.
    const target = await revParse(dir, sha, full.startsWith("refs/heads/") ? "commit" : "object");
    if (target === null) return "not-found";
    if (opts.create) return (await casRef(dir, full, target, ZERO_SHA)) ? "ok" : "exists";
    // Retried because a concurrent writer can move the ref between the check and the swap.
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await revParse(dir, full, "object");
      if (current === null) return "not-found";
      if (!opts.force && !(await isAncestor(dir, current, target))) return "not-fast-forward";
      if (await casRef(dir, full, target, current)) return "ok";
    }
    return "not-fast-forward";
  }

  async deleteRef(owner: string, name: string, ref: string): Promise<RefUpdateResult> {
    const dir = this.dir(owner, name);
    const full = toFullRef(ref);
    const current = await revParse(dir, full, "object");
    if (current === null) return "not-found";
    const result = await runGitRaw(dir, ["update-ref", "-d", full, current], { okCodes: "any" });
    return result.code === 0 ? "ok" : "not-found";
  }

  async getCommit(owner: string, name: string, sha: string): Promise<CommitInfo | null> {
    const dir = this.dir(owner, name);
    const full = await revParse(dir, sha);
    return full === null ? null : ((await readCommits(dir, ["-1", full]))[0] ?? null);
  }

  async listCommits(owner: string, name: string, opts: ListCommitsOptions): Promise<CommitInfo[]> {
    const dir = this.dir(owner, name);
    const start = opts.sha === undefined ? await revParse(dir, "HEAD") : await this.resolve(owner, name, opts.sha);
    if (start === null) return [];
    const perPage = Math.min(Math.max(opts.perPage ?? 30, 1), 100);
    const page = Math.max(opts.page ?? 1, 1);
    const args = [`--max-count=${perPage}`, `--skip=${(page - 1) * perPage}`];
    if (opts.since) args.push(`--since=${opts.since}`);
    if (opts.until) args.push(`--until=${opts.until}`);
    const path = opts.path?.replace(/^\/+|\/+$/g, "");
    return readCommits(dir, [...args, start, "--", ...(path ? [path] : [])]);
  }

  async compare(owner: string, name: string, base: string, head: string): Promise<CompareResult | null> {
    const dir = this.dir(owner, name);
    const [baseSha, headSha] = [await this.resolve(owner, name, base), await this.resolve(owner, name, head)];
    if (baseSha === null || headSha === null) return null;
    // GitHub answers 404 for unrelated histories too: there is nothing to compare against.
    const base0 = await mergeBase(dir, baseSha, headSha);
    if (base0 === null) return null;
    const counts = await runGit(dir, ["rev-list", "--left-right", "--count", `${baseSha}...${headSha}`]);
    const [behindBy = 0, aheadBy = 0] = counts.trim().split(/\s+/).map(Number);
    const status = aheadBy === 0 && behindBy === 0 ? "identical" : behindBy === 0 ? "ahead" : aheadBy === 0 ? "behind" : "diverged";
    const [commits, files] = await Promise.all([
      readCommits(dir, ["--reverse", "--topo-order", `${baseSha}..${headSha}`]),
      diffFiles(dir, base0, headSha),
    ]);
    return { status, aheadBy, behindBy, mergeBase: base0, commits, files };
  }

  /** Throws NOT_FOUND for an unknown commit. */
  async commitFilesChanged(owner: string, name: string, sha: string): Promise<FileChange[]> {
    const commit = await this.getCommit(owner, name, sha);
    if (commit === null) {
      throw new AgenticOpsError("NOT_FOUND", `no commit ${sha} in ${owner}/${name}`, { details: { owner, name, sha } });
    }
    return diffFiles(this.dir(owner, name), commit.parents[0] ?? EMPTY_TREE, commit.sha);
  }

  /** Directory entries carry repository-relative paths (`src/app.ts`), as GitHub's contents API. */
  async readPath(owner: string, name: string, ref: string, path: string): Promise<PathContent | null> {
    const dir = this.dir(owner, name);
    const commit = await this.resolve(owner, name, ref);
    if (commit === null) return null;
    const clean = path.replace(/^\/+|\/+$/g, "");
    if (clean.split("/").some((p) => p === "." || p === "..")) return null;
    const sha = (await tryGit(dir, ["rev-parse", "--verify", "--quiet", `${commit}:${clean}`]))?.trim();
    if (!sha) return null;
    const type = await objectType(dir, sha);
    if (type === "blob") return { type: "file", sha, path: clean, content: (await this.getBlob(owner, name, sha)) ?? Buffer.alloc(0) };
    if (type !== "tree") return null;
    const entries = (await this.getTree(owner, name, sha, false)) ?? [];
    const prefix = clean === "" ? "" : `${clean}/`;
    return { type: "dir", sha, path: clean, entries: entries.map((e) => ({ ...e, path: prefix + e.path })) };
  }

  async createBlob(owner: string, name: string, content: Buffer): Promise<string> {
    const dir = this.dir(owner, name);
    return (await runGit(dir, ["hash-object", "-w", "--stdin", "--no-filters"], { input: content })).trim();
  }

  async getBlob(owner: string, name: string, sha: string): Promise<Buffer | null> {
    const dir = this.dir(owner, name);
    if ((await objectType(dir, sha)) !== "blob") return null;
    return (await runGitRaw(dir, ["cat-file", "blob", sha])).stdout;
  }

  /** GitHub's create-tree semantics: `sha: null` deletes, `content` writes a new blob. */
  async createTree(owner: string, name: string, baseTree: string | undefined, entries: { path: string; mode: string; type: string; sha?: string | null; content?: string }[]): Promise<string> {
    const dir = this.dir(owner, name);
    const base = baseTree === undefined ? null : await revParse(dir, baseTree, "tree");
    if (baseTree !== undefined && base === null) {
      throw new AgenticOpsError("NOT_FOUND", `base tree ${baseTree} not found`, { details: { owner, name, baseTree } });
    }
    const edits: TreeEdit[] = [];
    for (const entry of entries) {
      const path = normalizeRepoPath(entry.path);
      if (entry.sha === null) edits.push({ kind: "delete", path });
      else if (entry.content !== undefined) {
        edits.push({ kind: "blob", path, mode: entry.mode, sha: await this.createBlob(owner, name, Buffer.from(entry.content, "utf8")) });
      } else if (entry.sha === undefined) {
        throw new AgenticOpsError("GIT_FAILED", `tree entry ${path} has neither sha nor content`, { details: { entry } });
      } else if (entry.type === "tree") edits.push({ kind: "tree", path, sha: entry.sha });
      else edits.push({ kind: "blob", path, mode: entry.mode, sha: entry.sha });
    }
    return buildTree(dir, base, edits);
  }

  async getTree(owner: string, name: string, sha: string, recursive: boolean): Promise<TreeEntry[] | null> {
    const dir = this.dir(owner, name);
    const tree = await revParse(dir, sha, "tree");
    if (tree === null) return null;
    return parseLsTree(await runGit(dir, ["ls-tree", "-z", "-l", ...(recursive ? ["-r", "-t"] : []), tree]));
  }

  async createCommit(owner: string, name: string, commit: { message: string; tree: string; parents: string[]; author?: GitIdentity; committer?: GitIdentity }): Promise<string> {
    return commitTree(this.dir(owner, name), commit);
  }

  async merge(owner: string, name: string, base: string, head: string, method: MergeMethod, message: string, committer: GitIdentity): Promise<MergeResult> {
    const dir = this.dir(owner, name);
    const baseRef = toFullRef(base.startsWith("refs/") ? base : `refs/heads/${base}`);
    const baseSha = await revParse(dir, baseRef);
    const headSha = await this.resolve(owner, name, head);
    if (baseSha === null || headSha === null) return { ok: false, reason: "not-found" };
    return mergeBranch(dir, { baseRef, baseSha, headSha, method, message, committer });
  }

  /** The repository directory, or NOT_FOUND so callers get a typed error rather than git's. */
  private dir(owner: string, name: string): string {
    const path = this.repoPath(owner, name);
    if (!existsSync(join(path, "HEAD"))) {
      throw new AgenticOpsError("NOT_FOUND", `repository ${owner}/${name} not found`, { details: { owner, name } });
    }
    return path;
  }
}
