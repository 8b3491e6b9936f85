import { beforeEach, expect, test } from "@jest/globals";
import { botIdentity } from "../../src/app/bot-identity.js";
import { AgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { rollBackDeploy, type RollbackContext, type RollbackPorts } from "../../src/core/roll-back-deploy.js";
import type { SenseResult } from "../../src/core/sense/failure-subject.js";
import { RepoConfig } from "../../src/schemas/repo-config.js";
import { FakeDeployHistory } from "./support/fake-deploy-history.js";
import { FakeWorkspace } from "./support/fake-workspace.js";
import { bundledPolicies } from "./support/bundled-policies.js";
import { InMemoryChangePublisher } from "./support/in-memory-change-publisher.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";
import { deploySignal } from "./support/rollback-fixtures.js";

const sensed: Extract<SenseResult, { kind: "signal" }> = {
  kind: "signal",
  signal: deploySignal(),
  deploy: null,
  subject: { kind: "check-suite", suiteId: 55 },
  defaultBranch: "main",
};

let host: InMemoryCodeHost;
let ports: RollbackPorts;
let ctx: RollbackContext;
const warnings: unknown[] = [];

beforeEach(() => {
  host = new InMemoryCodeHost();
  host.checkRuns.set(55, [{ id: 8, name: "build", conclusion: "failure", url: "https://ci.example/8", title: "Compilation failed", summary: "Found 1 error.", text: null }]);
  host.annotations.set(8, [{ path: "src/limits.ts", startLine: 1, level: "failure", title: null, message: "error TS2322: Type 'string' is not assignable to type 'number'." }]);
  const noop = () => undefined;
  warnings.length = 0;
  ports = {
    host,
    history: new FakeDeployHistory(),
    publisher: new InMemoryChangePublisher(),
    workspace: new FakeWorkspace(),
    log: { debug: noop, info: noop, warn: (fields: unknown) => void warnings.push(fields), error: noop },
    clock: { now: () => new Date("2026-11-23T14:05:00.000Z") },
  };
  ctx = { config: RepoConfig.parse({}), dryRun: false, bot: botIdentity({ id: 99, slug: "agenticops" }), clone: { url: "https://github.com/acme/shop.git", token: async () => "t" }, policies: bundledPolicies() };
});

test("a failed check suite's issue quotes its failed check run, even without the diagnosis engine", async () => {
  const outcome = await rollBackDeploy(sensed, ctx, ports);
  expect(outcome.kind).toBe("issue");
  const body = host.issues[0]?.body ?? "";
  expect(body).toContain("src/limits.ts:1: failure: error TS2322: Type 'string' is not assignable");
  expect(body).toContain("build › Compilation failed");
});

test("a Checks API failure leaves the issue without evidence, not unopened", async () => {
  host.listFailedCheckRuns = async () => {
    throw new AgenticOpsError("CODE_HOST_FAILED", "GitHub API call failed: list check runs (status 403)");
  };
  const outcome = await rollBackDeploy(sensed, ctx, ports);
  expect(outcome.kind).toBe("issue");
  expect(host.issues[0]?.body).not.toContain("TS2322");
  expect(warnings).toEqual([expect.objectContaining({ suite: 55 })]);
});
