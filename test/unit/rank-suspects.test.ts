import { describe, expect, test } from "@jest/globals";
import { rankSuspects, type CommitWithFiles } from "../../src/core/diagnose/rank-suspects.js";
import { extractErrorMentions } from "../../src/core/diagnose/extract-error-mentions.js";
import { classifyChangedFile } from "../../src/core/diagnose/classify-changed-file.js";
import { SuspectCommit } from "../../src/schemas/diagnosis.js";
import type { ChangedFile } from "../../src/ports/deploy-history.js";

let next = 0;
const file = (path: string, patch: string | null, extra: Partial<ChangedFile> = {}): ChangedFile => {
  const lines = (patch ?? "").split("\n");
  return {
    path, status: "modified", previousPath: null, patch, blobSha: "0".repeat(40),
    additions: lines.filter((l) => l.startsWith("+")).length, deletions: lines.filter((l) => l.startsWith("-")).length,
    ...extra,
  };
};
/** Commits are listed oldest first, a minute apart, as a comparison returns them. */
const commits = (...specs: { message: string; files: ChangedFile[]; author?: string; parents?: number }[]): CommitWithFiles[] =>
  specs.map((s, i) => {
    next += 1;
    return {
      sha: next.toString(16).padStart(40, "a"), tree: "f".repeat(40), parents: Array.from({ length: s.parents ?? 1 }, () => "e".repeat(40)),
      message: s.message, author: s.author ?? "dev", date: new Date(Date.UTC(2026, 0, 5, 12, i)).toISOString(), files: s.files,
    };
  });
const subjects = (suspects: SuspectCommit[]) => suspects.map((s) => s.subject);

describe("extractErrorMentions", () => {
  test("reads files, modules, packages, symbols, keys, images and tests from common toolchains", () => {
    const m = extractErrorMentions([
      "src/cache.ts:12:5 - error TS2339: Property 'ttlSeconds' does not exist on type 'CacheOptions'.",
      "Error: Cannot find module './config.js'",
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@acme/logger' imported from /app/dist/server.js",
      "ModuleNotFoundError: No module named 'yaml.constructor'",
      "./cache.go:14:2: undefined: lru.NewLRU",
      "Error: Missing required environment variable DATABASE_URL",
      'Failed to pull image "ghcr.io/acme/api:1.4.0": not found',
      "  ● Cache › evicts stale entries",
      "FAILED tests/test_orders.py::test_refund_rounding - AssertionError",
    ]);
    expect(m.paths).toEqual(expect.arrayContaining(["src/cache.ts", "/app/dist/server.js", "cache.go", "tests/test_orders.py"]));
    expect(m.paths).not.toContain("config.js");
    expect(m.modules).toEqual(["./config.js"]);
    expect(m.packages).toEqual(["@acme/logger", "yaml"]);
    expect(m.symbols).toEqual(expect.arrayContaining(["ttlSeconds", "CacheOptions", "lru.NewLRU", "NewLRU"]));
    expect(m.configKeys).toEqual(["DATABASE_URL"]);
    expect(m.images).toEqual(["ghcr.io/acme/api:1.4.0"]);
    expect(m.tests).toEqual(["evicts stale entries", "test_refund_rounding"]);
  });

  test("error codes and URLs are not config keys or files", () => {
    const m = extractErrorMentions(["npm ERR! code ERR_PNPM_OUTDATED_LOCKFILE", "see https://docs.example.com/guide/setup.html"]);
    expect(m.configKeys).toEqual([]);
    expect(m.paths).toEqual([]);
  });

  test("stays fast on pathological 100 KB lines", () => {
    const started = performance.now();
    for (const unit of ["a", "a.", "a.b.", "A_", "@a/", "process.env.A", "undefined: a."]) extractErrorMentions([unit.repeat(100_000 / unit.length)]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test.each([
    ["package-lock.json", "dependencies"], ["services/api/requirements-dev.txt", "dependencies"], ["go.mod", "dependencies"],
    ["k8s/prod/deployment.yaml", "kubernetes"], ["charts/api/values-prod.yaml", "helm"], ["infra/main.tf", "terraform"],
    ["Dockerfile", "container"], [".env.production", "environment"], [".github/workflows/deploy.yml", "ci"],
    ["config/app.yaml", "config"], ["src/cache.ts", null],
  ])("classifies %s as %s", (path, risk) => expect(classifyChangedFile(path)).toBe(risk));
});

describe("rankSuspects", () => {
  test("TypeScript: the commit that removed the property the compiler names comes first", () => {
    const range = commits(
      { message: "docs: explain cache tuning", files: [file("README.md", "@@ -1 +1 @@\n-old\n+new")] },
      { message: "refactor(config): rename ttlSeconds to ttlMs", files: [file("src/config.ts", "@@ -3,3 +3,3 @@ export interface CacheOptions {\n-  ttlSeconds: number;\n+  ttlMs: number;")] },
      { message: "chore: bump eslint", files: [file("package.json", '@@ -20 +20 @@\n-    "eslint": "^9.1.0"\n+    "eslint": "^9.2.0"'), file("package-lock.json", `@@\n${"+x\n".repeat(300)}`)] },
    );
    const suspects = rankSuspects({
      excerpt: ["> tsc -p tsconfig.build.json", "src/cache.ts:12:5 - error TS2339: Property 'ttlSeconds' does not exist on type 'CacheOptions'."],
      commits: range,
    });
    expect(subjects(suspects)).toEqual(["refactor(config): rename ttlSeconds to ttlMs", "chore: bump eslint"]);
    expect(suspects[0]!.reasons).toContain('removes lines mentioning "ttlSeconds" (src/config.ts), which the error names');
    expect(suspects[1]!.reasons).toEqual([
      "changes dependencies (package.json, package-lock.json)",
      "largest change in the range (302 lines)",
      "newest commit in the range",
    ]);
    for (const s of suspects) expect(SuspectCommit.parse(s)).toEqual(s);
  });

  test("node: a renamed module the runtime cannot find", () => {
    const range = commits(
      { message: "refactor: rename config to settings", files: [file("src/settings.ts", null, { status: "renamed", previousPath: "src/config.ts" }), file("src/server.ts", "@@\n-import { load } from './config.js';\n+import { load } from './settings.js';")] },
      { message: "feat: add health endpoint", files: [file("src/health.ts", "@@\n+export const health = () => 'ok';")] },
    );
    const [first] = rankSuspects({ excerpt: ["Error: Cannot find module './config.js'", "Require stack:", "- /app/dist/server.js"], commits: range });
    expect(first?.subject).toBe("refactor: rename config to settings");
    expect(first?.reasons).toContain('changes src/settings.ts, which the error imports as "./config.js"');
  });

  test("npm: the commit that bumps the dependency the registry cannot find", () => {
    const range = commits(
      { message: "deps: left-pad 2", files: [file("package.json", '@@\n-    "left-pad": "^1.3.0",\n+    "left-pad": "^2.0.0",')] },
      { message: "ops: scale api to 4 replicas", files: [file("k8s/api/deployment.yaml", "@@\n-  replicas: 2\n+  replicas: 4")] },
    );
    const suspects = rankSuspects({ excerpt: ["npm ERR! code ETARGET", "npm ERR! notarget No matching version found for left-pad@^2.0.0."], commits: range });
    expect(subjects(suspects)).toEqual(["deps: left-pad 2", "ops: scale api to 4 replicas"]);
    expect(suspects[0]!.reasons[0]).toBe('bumps the dependency "left-pad" named in the error');
    expect(suspects[1]!.reasons).toContain("changes Kubernetes config (k8s/api/deployment.yaml)");
  });

  test("python: a module whose package has another name was dropped from requirements", () => {
    const range = commits(
      { message: "chore: prune requirements", files: [file("requirements.txt", "@@\n requests==2.31.0\n-PyYAML==6.0.1\n")] },
      { message: "fix: refund rounding", files: [file("orders/refund.py", "@@\n-    return round(x)\n+    return round(x, 2)")] },
    );
    const [first] = rankSuspects({ excerpt: ["Traceback (most recent call last):", '  File "/app/orders/config.py", line 3, in <module>', "ModuleNotFoundError: No module named 'yaml'"], commits: range });
    expect(first?.subject).toBe("chore: prune requirements");
    expect(first?.reasons[0]).toBe('removes the dependency "yaml" named in the error');
  });

  test("go: the file the compiler points at and the symbol it cannot find", () => {
    const range = commits(
      { message: "perf(cache): replace LRU with ARC", files: [file("internal/cache/lru.go", "@@\n-func NewLRU(size int) *LRU {\n+func NewARC(size int) *ARC {")] },
      { message: "feat(cache): warm on start", files: [file("internal/cache/cache.go", "@@\n+\twarm(c)")] },
    );
    const suspects = rankSuspects({ excerpt: ["# acme/api/internal/cache", "internal/cache/cache.go:14:2: undefined: NewLRU"], commits: range });
    const byFirst = Object.fromEntries(suspects.map((s) => [s.subject, s]));
    expect(byFirst["perf(cache): replace LRU with ARC"]!.reasons).toEqual([
      'removes lines mentioning "NewLRU" (internal/cache/lru.go), which the error names',
      "changes files in internal/cache/, where the error points",
    ]);
    expect(byFirst["feat(cache): warm on start"]!.reasons[0]).toBe("changes internal/cache/cache.go, which the error mentions");
    // Removing the symbol (6) + the directory (1) beats touching the file that shows the symptom (5) + newest (1).
    expect(subjects(suspects)).toEqual(["perf(cache): replace LRU with ARC", "feat(cache): warm on start"]);
    expect(suspects.map((s) => s.score)).toEqual([7, 6]);
  });

  test("kubernetes: the commit that set the image tag the kubelet cannot pull", () => {
    const range = commits(
      { message: "deploy: api 1.4.0", files: [file("k8s/api/deployment.yaml", "@@\n-        image: ghcr.io/acme/api:1.3.2\n+        image: ghcr.io/acme/api:1.4.0")] },
      { message: "feat: orders pagination", files: [file("src/orders.ts", "@@\n+export const pageSize = 50;")] },
    );
    const suspects = rankSuspects({
      excerpt: ['Warning  Failed  kubelet  Failed to pull image "ghcr.io/acme/api:1.4.0": manifest unknown', "Error: ErrImagePull"],
      commits: range,
    });
    expect(suspects[0]?.subject).toBe("deploy: api 1.4.0");
    expect(suspects[0]?.reasons).toEqual(['sets the image "ghcr.io/acme/api:1.4.0" named in the error (k8s/api/deployment.yaml)', "changes Kubernetes config (k8s/api/deployment.yaml)"]);
  });

  test("config: an environment variable the app requires was removed", () => {
    const range = commits(
      { message: "chore: tidy env", files: [file("deploy/api/configmap.yaml", "@@\n-  DATABASE_URL: postgres://db:5432/orders\n   LOG_LEVEL: info")] },
      { message: "feat: audit log", files: [file("src/audit.ts", "@@\n+export const audit = () => {};")] },
    );
    const [first] = rankSuspects({ excerpt: ["Error: Missing required environment variable DATABASE_URL", "    at loadEnv (/app/dist/env.js:12:11)"], commits: range });
    expect(first?.subject).toBe("chore: tidy env");
    expect(first?.reasons[0]).toBe('removes lines mentioning "DATABASE_URL" (deploy/api/configmap.yaml), which the error mentions');
  });

  test("jest: the commit that changed the failing test and its file", () => {
    const range = commits(
      { message: "test(cache): stricter eviction", files: [file("src/cache.test.ts", "@@\n-  it('evicts stale entries', async () => {\n+  it('evicts stale entries', () => {")] },
      { message: "style: format", files: [file("src/format.ts", "@@\n-a\n+b")] },
    );
    const [first] = rankSuspects({ excerpt: ["FAIL src/cache.test.ts", "  ● Cache › evicts stale entries", "    expect(received).toBe(expected)"], commits: range });
    expect(first?.subject).toBe("test(cache): stricter eviction");
    expect(first?.reasons.slice(0, 2)).toEqual(["changes src/cache.test.ts, which the error mentions", 'changes the failing test "evicts stale entries" (src/cache.test.ts)']);
  });

  test("ties go to non-merge commits, then to the newest; commits without evidence are left out", () => {
    const yaml = (n: number) => file(`k8s/svc${n}.yaml`, "@@\n-a: 1\n+a: 2");
    const range = commits(
      { message: "older infra change", files: [yaml(1)] },
      { message: "newer infra change", files: [yaml(2)] },
      { message: "merge infra", files: [yaml(3)], parents: 2 },
      { message: "docs: typo", files: [file("docs/intro.md", "@@\n-teh\n+the")] },
      { message: "big unrelated feature", files: [file("src/feature.ts", `@@\n${"+x\n".repeat(50)}`)] },
    );
    const suspects = rankSuspects({ excerpt: ["Error: deployment exceeded its progress deadline"], commits: range });
    expect(subjects(suspects)).toEqual(["big unrelated feature", "newer infra change", "older infra change", "merge infra"]);
    expect(suspects[0]!.reasons).toEqual(["largest change in the range (50 lines)", "newest commit in the range"]);
    expect(rankSuspects({ excerpt: ["Error: deployment exceeded its progress deadline"], commits: range })).toEqual(suspects);
  });

  test("a huge commit earns at most two findings of a kind", () => {
    const many = Array.from({ length: 8 }, (_, i) => file(`src/m${i}.ts`, "@@\n+x"));
    const range = commits({ message: "feat: everything", files: many }, { message: "fix: one", files: [file("src/m0.ts", "@@\n-y\n+z")] });
    const excerpt = many.map((f) => `${f.path}:1:1 - error TS2304: Cannot find name 'zz'.`);
    const [first, second] = rankSuspects({ excerpt, commits: range });
    expect(first?.reasons.filter((r) => r.endsWith("which the error mentions"))).toHaveLength(2);
    expect(first?.score).toBe(2 * 5);
    expect(second?.score).toBe(5 + 1);
  });
});
