import { beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import { loadSignatures } from "../../src/adapters/signatures/load-signatures.js";
import { answerCommand, type CommandRequest } from "../../src/core/answer-command.js";
import type { CompiledSignatures } from "../../src/core/diagnose/compile-signatures.js";
import type { KnowledgeItem } from "../../src/ports/code-host.js";
import type { Logger } from "../../src/ports/logger.js";
import type { RepoRef } from "../../src/schemas/signal.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";

const repo = { owner: "acme", name: "web" };
const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const jestLog = ["FAIL src/cart.test.ts", "  ● cart › totals keep cents", "    Expected: 10.5", "    Received: 11", "Tests:       1 failed, 41 passed, 42 total", ""].join("\n");
const past = "**test-failure** (confidence 85%): cart totals keep cents failed after rounding: Expected 10.5, Received 11.";

class KnowledgeHost extends InMemoryCodeHost {
  items: KnowledgeItem[] = [];
  async listKnowledgeItems(_repo: RepoRef, _label: string, limit: number): Promise<KnowledgeItem[]> {
    return this.items.slice(0, limit);
  }
}

const request = (issue: number): CommandRequest => ({
  repo,
  repoHtmlUrl: "https://github.com/acme/web",
  defaultBranch: "main",
  issue: { number: issue, isPullRequest: false },
  comment: { id: 900 + issue, body: "/agenticops diagnose 10", author: "dana", authorIsBot: false },
  botLogin: "agenticops[bot]",
});

let signatures: CompiledSignatures;
let host: KnowledgeHost;
beforeAll(async () => {
  signatures = await loadSignatures();
});
beforeEach(() => {
  host = new KnowledgeHost();
  host.permissions.set("dana", "write");
  host.runs = [{ id: 10, name: "CI", url: "https://github.com/acme/web/actions/runs/10", headSha: "a".repeat(40), headBranch: "main", status: "completed", conclusion: "failure", workflowId: 77, runNumber: 10, event: "push", pullRequests: [] }];
  host.jobs = [{ id: 7, name: "test", conclusion: "failure", url: "https://github.com/acme/web/actions/runs/10/job/7", failedStep: "npm test" }];
  host.logs.set(7, jestLog);
  host.items = [
    { number: 3, kind: "issue", title: "[incident] cart totals keep cents", body: past, url: "https://github.com/acme/web/issues/3", state: "closed" },
    { number: 5, kind: "pull-request", title: "Fix cart totals keep cents rounding", body: past, url: "https://github.com/acme/web/pull/5", state: "closed" },
  ];
});

describe("/agenticops diagnose with the repository's knowledge", () => {
  test("names similar past incidents and bot pull requests, and owners from the service catalog", async () => {
    const config = RepoConfig.parse({ services: [{ name: "cart", environment: "production", files: ["k8s/cart.yaml"], owners: ["@acme/payments"] }] });
    let loads = 0;
    const loadConfig = async () => {
      loads += 1;
      return config;
    };
    host.logs.set(7, jestLog.replace("FAIL src/cart.test.ts", "FAIL src/cart.test.ts (service cart)"));
    await answerCommand(request(4), { host, log: silent, kit: { signatures, ranker: null, knownSecrets: [] }, loadConfig }, false);
    const body = host.comments.at(-1)?.body ?? "";
    expect(body).toContain("Similar past incidents: [cart totals keep cents](https://github.com/acme/web/issues/3)");
    expect(body).toContain("(https://github.com/acme/web/pull/5)");
    expect(body).toContain("Owners: @acme/payments");
    expect(loads).toBe(1);
  });

  test("the issue the command is typed in is not its own similar incident", async () => {
    await answerCommand(request(3), { host, log: silent, kit: { signatures, ranker: null, knownSecrets: [] } }, false);
    const body = host.comments.at(-1)?.body ?? "";
    expect(body).not.toContain("issues/3)");
    expect(body).toContain("(https://github.com/acme/web/pull/5)");
  });
});
