import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SenseResult } from "../../../src/core/sense/failure-subject.js";
import { openIncident } from "../../../src/core/sense/open-incident.js";
import type { ChangedFile, CommitSummary, Comparison } from "../../../src/ports/deploy-history.js";
import type { Incident } from "../../../src/schemas/incident.js";
import type { Signal } from "../../../src/schemas/signal.js";
import { gitBlobSha } from "./in-memory-change-publisher.js";

export const repo = { owner: "acme", name: "shop" };
export const sha = (c: string): string => c.repeat(40).slice(0, 40);
export const LAST_GOOD = sha("1");
export const FAILING = sha("f");

/** A failed deploy of FAILING to production, as the workflow-run sensor reports it. */
export const deploySignal = (change: Partial<Signal> = {}): Signal => ({
  source: "github",
  kind: "deployment_failed",
  deliveryId: "delivery-1",
  receivedAt: "2026-11-23T14:05:00.000Z",
  occurredAt: "2026-11-23T14:04:02.000Z",
  repo,
  environment: "production",
  workflow: "deploy",
  sha: FAILING,
  ref: "main",
  subjectId: "4200",
  url: "https://github.com/acme/shop/actions/runs/4200",
  labels: {},
  ...change,
});

/** A failed deploy workflow run (run 4200 of workflow 77) to production, as sensing hands it to the rollback. */
export const deploySensed = (): Extract<SenseResult, { kind: "signal" }> => ({
  kind: "signal",
  signal: deploySignal(),
  deploy: { workflow: "deploy", environment: "production" },
  subject: { kind: "workflow-run", runId: 4200, runNumber: 10, workflowId: 77, pullRequests: [] },
  defaultBranch: "main",
});

export const deployIncident = (change: Partial<Signal> = {}): Incident => openIncident(deploySignal(change));

export const commit = (commitSha: string, parents: string[], message: string, author = "dev"): CommitSummary => ({
  sha: commitSha,
  tree: `${commitSha.slice(0, 8)}${"0".repeat(32)}`,
  parents,
  message,
  author,
  date: "2026-11-23T13:00:00Z",
});

/**
 * The patch git writes for before → after, from the first `@@` on and without the final newline:
 * what GitHub puts in a comparison's `files[].patch`.
 */
export const gitPatch = (before: string, after: string): string => {
  const dir = mkdtempSync(join(tmpdir(), "git-patch-"));
  try {
    writeFileSync(join(dir, "old"), before);
    writeFileSync(join(dir, "new"), after);
    const diff = spawnSync("git", ["-c", "core.autocrlf=false", "diff", "--no-index", "--no-color", "old", "new"], { cwd: dir, encoding: "utf8" });
    if (diff.status !== 1) throw new Error(`git diff exited ${diff.status}: ${diff.stderr}`);
    return diff.stdout.slice(diff.stdout.indexOf("@@ ")).replace(/\n$/, "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** A file the range modified from `before` to `after`, with git's patch and the head blob sha. */
export const modified = (path: string, before: string, after: string): ChangedFile => ({
  path,
  status: "modified",
  previousPath: null,
  additions: 1,
  deletions: 1,
  patch: gitPatch(before, after),
  blobSha: gitBlobSha(after),
});

/** A source file change the planner cannot pin (no patch needed for a revert). */
export const sourceChange = (path: string): ChangedFile => ({ path, status: "modified", previousPath: null, additions: 3, deletions: 1, patch: "@@ -1 +1 @@\n-a\n+b", blobSha: sha("9") });

export const comparison = (commits: CommitSummary[], files: ChangedFile[], change: Partial<Comparison> = {}): Comparison => ({
  status: "ahead",
  commits,
  totalCommits: commits.length,
  files,
  ...change,
});

export const k8sDeployment = (tag: string): string =>
  [
    "# shop web tier; image bumped by the release job",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: shop",
    "spec:",
    "  replicas: 3 # keep three for the sale",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: web",
    `          image: "ghcr.io/acme/shop:${tag}"`,
    "          ports:",
    "            - containerPort: 8080",
    "",
  ].join("\n");
