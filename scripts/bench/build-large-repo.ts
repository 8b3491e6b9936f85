/**
 * Builds (once, then cached by its parameters) a bare repository with many commits and files for
 * the rollback benchmark: one `git fast-import` process fed a streamed history, then packed the way
 * a hosted repository is (bitmaps, commit-graph). The repository is never committed anywhere.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import {
  AUTHORS, BAD_IMAGE, commitMessage, DEPLOYMENT_PATH, deploymentYaml, fixedFiles, sourceFile, sourcePath,
} from "./large-repo-content.js";
import { prng } from "./prng.js";

/** Bump when the generated content changes, so stale caches are not reused. */
const GENERATOR_VERSION = 1;
const START_EPOCH = 1_700_000_000;
const COMMIT_SPACING_S = 3 * 3600;
// The revert path's bad commit edits this source file (src/checkout/m0/handler-3.ts).
const REVERT_FILE_INDEX = 3;

export interface LargeRepoSpec {
  commits: number;
  files: number;
}

export interface LargeRepo extends LargeRepoSpec {
  /** the bare repository (do not write to it: copy it) */
  dir: string;
  cached: boolean;
  /** time to build it, 0 when taken from the cache */
  buildMs: number;
  packBytes: number;
  /** image-pin path: last good (N-2) and the image bump (N-1); revert path: the tip (N) */
  shas: { pinGood: string; pinBad: string; revertBad: string };
  revertFile: string;
}

type Meta = Omit<LargeRepo, "dir" | "cached" | "buildMs">;

export const cacheRoot = (): string => join(tmpdir(), "agenticops-bench-cache");

const git = (args: string[], input?: Readable): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn("git", args, { env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", LC_ALL: "C" }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`git ${args.join(" ")} exited ${code}: ${stderr.trim()}`))));
    if (input) input.pipe(child.stdin);
    else child.stdin.end();
  });

const blob = (path: string, content: string): string => `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;

const commit = (index: number, author: string, message: string, body: string): string => {
  const who = `${author} ${START_EPOCH + index * COMMIT_SPACING_S} +0000`;
  return `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\ndata ${Buffer.byteLength(message)}\n${message}\n${body}\n`;
};

/**
 * The fast-import stream: an initial import of every file, ordinary commits touching 1–4 source
 * files by varying authors, then the two bad commits (image bump, then a source change).
 */
export async function* historyStream(spec: LargeRepoSpec): AsyncGenerator<string> {
  const fixed = fixedFiles();
  const sources = spec.files - Object.keys(fixed).length;
  const revisions = new Map<number, number>();
  const edit = (i: number): string => {
    const revision = (revisions.get(i) ?? 0) + 1;
    revisions.set(i, revision);
    return blob(sourcePath(i), sourceFile(i, revision));
  };
  let initial = Object.entries(fixed).map(([path, content]) => blob(path, content)).join("");
  for (let i = 0; i < sources; i++) initial += blob(sourcePath(i), sourceFile(i, 0));
  yield commit(0, AUTHORS[0], "initial import", initial);
  const random = prng(spec.commits * 31 + spec.files);
  for (let n = 1; n < spec.commits - 2; n++) {
    const touched = new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => Math.floor(random() * sources)));
    const first = [...touched][0] ?? 0;
    const author = AUTHORS[Math.floor(random() * AUTHORS.length)] ?? AUTHORS[0];
    yield commit(n, author, commitMessage(random, first), [...touched].map(edit).join(""));
  }
  yield commit(spec.commits - 2, AUTHORS[1], "release: shop 1.5.0 with the new cache layer", blob(DEPLOYMENT_PATH, deploymentYaml(BAD_IMAGE, 15)));
  yield commit(spec.commits - 1, AUTHORS[1], "feat(checkout): read the port from config", edit(REVERT_FILE_INDEX));
  yield "done\n";
}

const packBytes = async (dir: string): Promise<number> => {
  const packDir = join(dir, "objects", "pack");
  const sizes = await Promise.all((await readdir(packDir)).map(async (f) => (await stat(join(packDir, f))).size));
  return sizes.reduce((a, b) => a + b, 0);
};

const build = async (spec: LargeRepoSpec, dir: string): Promise<Meta> => {
  await git(["init", "--quiet", "--bare", "-b", "main", dir]);
  await git([`--git-dir=${dir}`, "fast-import", "--quiet", "--done"], Readable.from(historyStream(spec)));
  // Packed like a hosted repository: one pack with a bitmap, a commit-graph, packed refs.
  await git([`--git-dir=${dir}`, "repack", "-a", "-d", "-b", "-q"]);
  await git([`--git-dir=${dir}`, "commit-graph", "write", "--reachable"]);
  await git([`--git-dir=${dir}`, "pack-refs", "--all"]);
  const [revertBad = "", pinBad = "", pinGood = ""] = (await git([`--git-dir=${dir}`, "rev-list", "--max-count=3", "main"])).trim().split("\n");
  const commits = Number((await git([`--git-dir=${dir}`, "rev-list", "--count", "main"])).trim());
  const files = (await git([`--git-dir=${dir}`, "ls-tree", "-r", "--name-only", "main"])).trim().split("\n").length;
  if (commits !== spec.commits || files !== spec.files) {
    throw new Error(`built ${commits} commits and ${files} files, expected ${spec.commits} and ${spec.files}`);
  }
  return { commits, files, packBytes: await packBytes(dir), shas: { pinGood, pinBad, revertBad }, revertFile: sourcePath(REVERT_FILE_INDEX) };
};

/** The cached repository for these parameters, built first when missing. */
export const buildLargeRepo = async (spec: LargeRepoSpec): Promise<LargeRepo> => {
  if (!Number.isInteger(spec.commits) || spec.commits < 4) throw new Error("--commits must be an integer of at least 4");
  if (!Number.isInteger(spec.files) || spec.files <= Object.keys(fixedFiles()).length) {
    throw new Error(`--files must be an integer above ${Object.keys(fixedFiles()).length}`);
  }
  const root = cacheRoot();
  const home = join(root, `large-repo-v${GENERATOR_VERSION}-c${spec.commits}-f${spec.files}`);
  const dir = join(home, "repo.git");
  const metaFile = join(home, "meta.json");
  if (existsSync(metaFile)) {
    const meta = JSON.parse(await readFile(metaFile, "utf8")) as Meta;
    return { ...meta, dir, cached: true, buildMs: 0 };
  }
  await mkdir(root, { recursive: true });
  // Built aside and renamed into place, so an interrupted build never looks like a cache hit.
  const staging = await mkdtemp(join(root, "building-"));
  try {
    const started = performance.now();
    const meta = await build(spec, join(staging, "repo.git"));
    await writeFile(join(staging, "meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
    const buildMs = Math.round(performance.now() - started);
    await rm(home, { recursive: true, force: true });
    await rename(staging, home);
    return { ...meta, dir, cached: false, buildMs };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const repo = await buildLargeRepo({ commits: Number(process.argv[2] ?? 2000), files: Number(process.argv[3] ?? 5000) });
  console.log(JSON.stringify(repo, null, 2));
}
