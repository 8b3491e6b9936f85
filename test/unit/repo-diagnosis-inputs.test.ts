import { beforeAll, describe, expect, test } from "@jest/globals";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { repoSignatureCache } from "../../src/app/repo-signature-cache.js";
import type { CompiledSignatures } from "../../src/core/diagnose/compile-signatures.js";
import type { DiagnosisKit } from "../../src/core/diagnose/diagnose-run.js";
import { compileRepoSignatures, REPO_SIGNATURES_FILE, repoDiagnosisInputs } from "../../src/core/diagnose/repo-diagnosis-inputs.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { KnowledgeItem } from "../../src/ports/code-host.js";
import type { RepoRef } from "../../src/schemas/signal.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";

const repo = { owner: "acme", name: "web" };
const signature = (id: string, pattern: string, weight = 0.9) =>
  [
    `  - id: ${id}`,
    "    ecosystem: generic",
    "    cause: test-failure",
    `    pattern: '${pattern}'`,
    `    weight: ${weight}`,
    "    role: explains",
    "    examples:",
    "      - { line: 'ACME-E42 widget broke', matches: true }",
  ].join("\n");
const file = (...sigs: string[]) => `version: 1\nsignatures:\n${sigs.join("\n")}\n`;
const INVALID = "version: 1\nsignatures:\n  - id: broken\n    pattern: '('\n";

/** The in-memory host, plus the one-call knowledge listing. */
class KnowledgeHost extends InMemoryCodeHost {
  items: KnowledgeItem[] = [];
  listed: Array<{ label: string; limit: number }> = [];
  failListing = false;
  async listKnowledgeItems(_repo: RepoRef, label: string, limit: number): Promise<KnowledgeItem[]> {
    this.listed.push({ label, limit });
    if (this.failListing) throw new Error("boom");
    return this.items;
  }
}

let base: CompiledSignatures;
beforeAll(async () => {
  base = await loadSignatures();
});
const kitOf = (over: Partial<DiagnosisKit> = {}): DiagnosisKit => ({ signatures: base, ranker: null, knownSecrets: [], ...over });

describe("compileRepoSignatures", () => {
  test("a new id is appended, a default's id replaces it in place", () => {
    const firstId = base.source[0]!.id;
    const merged = compileRepoSignatures(base, file(signature("acme-widget", "ACME-E\\d+"), signature(firstId, "never-matches-xyz", 0.1)));
    expect(merged.source).toHaveLength(base.source.length + 1);
    expect(merged.source[0]).toMatchObject({ id: firstId, pattern: "never-matches-xyz", weight: 0.1 });
    expect(merged.explains.find((s) => s.id === "acme-widget")?.regex.test("ACME-E42 widget broke")).toBe(true);
  });

  test("an invalid file is CONFIG_INVALID naming the file and line", () => {
    const error = (() => {
      try {
        return compileRepoSignatures(base, INVALID);
      } catch (e) {
        return e;
      }
    })();
    expect(isAgenticOpsError(error, "CONFIG_INVALID")).toBe(true);
    expect((error as Error).message).toContain(`${REPO_SIGNATURES_FILE}:`);
  });
});

describe("repoSignatureCache", () => {
  test("the same text compiles once; least recently used entries go first", () => {
    const cache = repoSignatureCache(base, 2);
    const a = file(signature("a-sig", "AAA\\d"));
    const b = file(signature("b-sig", "BBB\\d"));
    const c = file(signature("c-sig", "CCC\\d"));
    const first = cache.compile(a);
    expect(cache.compile(a)).toBe(first);
    const firstB = cache.compile(b);
    cache.compile(a); // a is now the most recent
    cache.compile(c); // evicts b
    expect(cache.size()).toBe(2);
    expect(cache.compile(a)).toBe(first);
    expect(cache.compile(b)).not.toBe(firstB);
  });

  test("an invalid text throws each time, from the cache after the first", () => {
    const cache = repoSignatureCache(base);
    expect(() => cache.compile(INVALID)).toThrow(REPO_SIGNATURES_FILE);
    expect(() => cache.compile(INVALID)).toThrow(REPO_SIGNATURES_FILE);
    expect(cache.size()).toBe(1);
  });
});

describe("repoDiagnosisInputs", () => {
  const config = RepoConfig.parse({ services: [{ name: "web", environment: "production", files: ["k8s/web.yaml"], owners: ["@acme/web"] }] });

  test("no repository file: the kit's signatures; knowledge is builtin + services + past incidents", async () => {
    const host = new KnowledgeHost();
    host.items = [{ number: 3, kind: "issue", title: "[incident] CI failed", body: "cart totals", url: "u", state: "closed" }];
    const inputs = await repoDiagnosisInputs(host, kitOf(), repo, config);
    expect(inputs.kit.signatures).toBe(base);
    expect(inputs.notes).toEqual([]);
    expect(inputs.knowledge.map((d) => d.kind)).toEqual(["runbook", "service", "incident"]);
    expect(host.listed).toEqual([{ label: "agenticops", limit: 50 }]);
  });

  test("a valid file is merged through the kit's cache", async () => {
    const host = new KnowledgeHost();
    host.files.set(REPO_SIGNATURES_FILE, file(signature("acme-widget", "ACME-E\\d+")));
    const cache = repoSignatureCache(base);
    const kit = kitOf({ repoSignatures: cache.compile });
    const one = await repoDiagnosisInputs(host, kit, repo, null);
    const two = await repoDiagnosisInputs(host, kit, repo, null);
    expect(one.kit.signatures.source.some((s) => s.id === "acme-widget")).toBe(true);
    expect(two.kit.signatures).toBe(one.kit.signatures);
    expect(cache.size()).toBe(1);
  });

  test("an invalid file gives a one-line note and the defaults; a failed listing gives no incidents", async () => {
    const host = new KnowledgeHost();
    host.files.set(REPO_SIGNATURES_FILE, INVALID);
    host.failListing = true;
    const inputs = await repoDiagnosisInputs(host, kitOf(), repo, null);
    expect(inputs.kit.signatures).toBe(base);
    expect(inputs.notes).toHaveLength(1);
    expect(inputs.notes[0]).toContain(`${REPO_SIGNATURES_FILE}:3:5 signatures[0]`);
    expect(inputs.notes[0]).not.toContain("\n");
    expect(inputs.knowledge.map((d) => d.kind)).toEqual(["runbook"]);
  });
});
