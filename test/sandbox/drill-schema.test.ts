import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { isAgenticOpsError, type AgenticOpsError } from "../../src/core/model/agenticops-error.js";
import { Drill } from "../../src/schemas/drill.js";
import { GITHUB_WEBHOOK_EVENTS } from "../../src/schemas/github-webhook-event.js";
import { loadDrill, loadDrills, parseDrill } from "../../src/sandbox/drill/load-drill.js";
import { drillTemplateVars, renderTemplates } from "../../src/sandbox/drill/render-templates.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/drills/", import.meta.url));
const VALID = join(FIXTURES, "bad-deploy-rollback.yml");

const MINIMAL = `name: tiny
repo:
  owner: acme
  name: shop
  commits:
    - message: init
      files: { README.md: "hi" }
    - message: second
      files: { README.md: "hello" }
events:
  - wait: { ms: 10 }
`;

/** The DRILL_INVALID error thrown by `run`; fails the test if nothing or something else is thrown. */
const drillError = async (run: () => unknown): Promise<AgenticOpsError> => {
  try {
    await run();
  } catch (error) {
    if (isAgenticOpsError(error, "DRILL_INVALID")) return error;
    throw error;
  }
  throw new Error("expected DRILL_INVALID");
};

/** 1-based line and column of `needle` in `text`, so assertions follow the fixture when it changes. */
const positionOf = (text: string, needle: string): string => {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`fixture lacks ${needle}`);
  const before = text.slice(0, index).split("\n");
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
};

describe("parseDrill on a valid drill", () => {
  test("parses the fixture and applies defaults", async () => {
    const drill = await loadDrill(VALID);
    expect(drill.name).toBe("bad-deploy-rollback");
    expect(drill.repo.default_branch).toBe("main");
    expect(drill.repo.private).toBe(false);
    expect(drill.repo.commits.map((c) => c.branch)).toEqual(["main", "main", "feat/cache-tuning"]);
    expect(drill.repo.commits[1]?.author).toBe("AgenticOps Drill <drill@agenticops.invalid>");
    expect(drill.repo.commits[2]?.files).toEqual({ "src/cache.ts": null });
    expect(drill.repo.labels[1]).toEqual({ name: "agenticops", color: "ededed" });
    expect(drill.repo.deployments[0]).toEqual({ environment: "production", state: "success", sha: "{{commits.0}}", ref: "main" });
    expect(drill.repo.workflow_runs[0]).toMatchObject({
      path: ".github/workflows/deploy.yml",
      head_branch: "main",
      status: "completed",
      conclusion: "success",
      event: "push",
    });
    expect(drill.events[1]).toMatchObject({ github: "deployment_status", payload: {}, state: "failure" });
    expect(drill.events[4]).toEqual({ review: { on: "agent-pr", user: "dana", state: "approved", body: "" } });
    expect(drill.events[5]).toMatchObject({ push: { branch: "main", user: "eve" } });
    expect(drill.events[6]).toEqual({ merge: { on: "agent-pr", user: "dana", method: "merge" } });
    expect(drill.faults).toEqual({});
    expect(drill.llm).toHaveLength(1);
  });

  test("keeps GitHub Actions expressions in file contents verbatim", async () => {
    const drill = await loadDrill(VALID);
    expect(drill.repo.commits[0]?.files[".github/workflows/deploy.yml"]).toContain("${{ secrets.KUBE_TOKEN }}");
  });

  test("a minimal drill gets empty defaults", () => {
    const drill = parseDrill(MINIMAL, "tiny.yml");
    expect(drill.version).toBeUndefined();
    expect(drill.repo).toMatchObject({ collaborators: {}, labels: [], deployments: [], workflow_runs: [], issues: [] });
    expect(drill.expect).toEqual({});
  });

  test("seeded issues get defaults, may name commits, and are checked like everything else", async () => {
    const issues = [
      "  issues:",
      '    - { title: "[incident] cart totals", body: "since {{commits.1.short}}", labels: [agenticops], state: closed, user: dana }',
      '    - { title: "todo" }',
      "",
    ].join("\n");
    const text = MINIMAL.replace("events:", `${issues}events:`);
    const drill = parseDrill(text, "t.yml");
    expect(drill.repo.issues).toEqual([
      { title: "[incident] cart totals", body: "since {{commits.1.short}}", labels: ["agenticops"], state: "closed", user: "dana" },
      { title: "todo", body: "", labels: [], state: "open" },
    ]);
    const bad = text.replace("state: closed", "state: resolved").replace("{{commits.1.short}}", "{{commits.7}}");
    const error = await drillError(() => parseDrill(bad, "t.yml"));
    expect(error.message).toContain("repo.issues[0].state");
    expect(error.message).toContain('repo.issues[0].body: "{{commits.7}}" refers to commit 7, but there are commits 0 to 1');
  });

  test("teams belong to the repository's organisation and list member logins; others are located errors", async () => {
    const text = MINIMAL.replace("events:", '  teams: { "acme/sre": [eve, frank] }\nevents:');
    expect(parseDrill(text, "t.yml").repo.teams).toEqual({ "acme/sre": ["eve", "frank"] });
    const foreign = await drillError(() => parseDrill(text.replace("acme/sre", "globex/sre"), "t.yml"));
    expect(foreign.message).toContain('t.yml:10:26: repo.teams["globex/sre"]: a team of the repository\'s organisation: expected "acme/<team>", got "globex/sre"');
    const slugless = await drillError(() => parseDrill(text.replace("acme/sre", "sre"), "t.yml"));
    expect(slugless.message).toContain('expected a team like "acme/sre"');
  });

  test("the complete example of docs/drills.md is a valid drill", async () => {
    const docs = await readFile(fileURLToPath(new URL("../../docs/drills.md", import.meta.url)), "utf8");
    const example = /## A complete example\s+```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(parseDrill(example ?? "", "docs/drills.md").name).toBe("bad-deploy-rollback");
  });

  test("a check event starts a run (status) or completes one (conclusion), never both or neither", async () => {
    const withCheck = (check: string) => MINIMAL.replace("events:\n  - wait: { ms: 10 }", `events:\n  - check: ${check}`);
    const drill = parseDrill(withCheck("{ on: agent-pr, name: test, status: in_progress }"), "c.yml");
    expect(drill.events[0]).toEqual({ check: { on: "agent-pr", name: "test", status: "in_progress", app: "ci" } });
    for (const bad of ["{ on: agent-pr, name: test }", "{ on: agent-pr, name: test, status: queued, conclusion: success }"]) {
      const error = await drillError(async () => parseDrill(withCheck(bad), "c.yml"));
      expect(error.message).toContain('events[0].check: expected exactly one of "status" (the run starts) or "conclusion" (it completes)');
    }
    const issue = await drillError(async () => parseDrill(withCheck("{ on: issue, name: test, status: queued }"), "c.yml"));
    expect(issue.message).toContain("events[0].check.on: expected one of pr, agent-pr");
  });

  test("an alert event may set its body, credentials, content type and the answer it expects; bad ones are located", async () => {
    const withAlert = (alert: string) => MINIMAL.replace("events:\n  - wait: { ms: 10 }", `events:\n  - ${alert}`);
    const drill = parseDrill(withAlert('{ alert: alertmanager, body: "{", auth: none, content_type: text/plain, expect_status: 400, expect_answer_contains: JSON }'), "a.yml");
    expect(drill.events[0]).toEqual({ alert: "alertmanager", body: "{", auth: "none", content_type: "text/plain", expect_status: 400, expect_answer_contains: "JSON", settle: true });
    expect(parseDrill(withAlert("{ alert: generic, auth: { basic: \"am:secret\" } }"), "a.yml").events[0]).toEqual({ alert: "generic", auth: { basic: "am:secret" }, settle: true });
    const both = await drillError(async () => parseDrill(withAlert('{ alert: alertmanager, body: "{}", payload: {} }'), "a.yml"));
    expect(both.message).toContain('events[0].body: expected either "payload" (completed like the real sender\'s) or "body" (sent as written), not both');
    const status = await drillError(async () => parseDrill(withAlert("{ alert: alertmanager, expect_status: 42 }"), "a.yml"));
    expect(status.message).toContain("events[0].expect_status: expected an HTTP status such as 202");
    const auth = await drillError(async () => parseDrill(withAlert("{ alert: alertmanager, auth: { token: x } }"), "a.yml"));
    expect(auth.message).toContain('events[0].auth: expected "none", { bearer: <token> } or { basic: "user:password" }');
  });

  test("policies are validated as policy files, and their problems located in the drill", async () => {
    const policy = "policies:\n  - id: drill-automerge\n    description: grant\n    rules:\n      - { kind: automerge, actions: [set-image-tag], max_risk: low, environments: [production] }\n";
    const test = "    tests:\n      - { name: t, proposal: { action: set-image-tag }, expect: { verdict: deny } }\n";
    expect(parseDrill(`${MINIMAL}${policy}${test}`, "p.yml").policies.map((p) => p.id)).toEqual(["drill-automerge"]);
    const error = await drillError(async () => parseDrill(`${MINIMAL}${policy}`, "p.yml"));
    expect(error.message).toMatch(/p\.yml:\d+:\d+: policies\[0\]\.tests: /);
  });

  test("llm and faults are not template-checked: model answers may contain braces", () => {
    const drill = parseDrill(`${MINIMAL}llm:\n  - text: "use {{ values.tag }} in the chart"\n`, "t.yml");
    expect(drill.llm).toEqual([{ text: "use {{ values.tag }} in the chart" }]);
  });

  test("the drill schema converts to JSON Schema for editors", () => {
    const schema = z.toJSONSchema(Drill, { io: "input" }) as { required?: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(["name", "repo", "events"]));
  });

  test("lists every GitHub event that has an example payload", () => {
    const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as Array<{ name: string }>;
    const listed = new Set<string>(GITHUB_WEBHOOK_EVENTS);
    expect(examples.map((e) => e.name).filter((name) => !listed.has(name))).toEqual([]);
  });
});

describe("parseDrill errors", () => {
  test("reports every problem of a file at once, each with file:line:column, path and expectation", async () => {
    const file = join(FIXTURES, "invalid-many-problems.yml");
    const text = await readFile(file, "utf8");
    const error = await drillError(() => loadDrill(file));
    const at = (needle: string) => `${file}:${positionOf(text, needle)}: `;
    expect(error.message).toContain(`${file} is invalid (14 problems)`);
    expect(error.message).toContain(`${at("Bad Drill")}name: expected a lowercase slug`);
    expect(error.message).toContain(`${at("privte")}repo.privte: unknown key "privte" (did you mean "private"?)`);
    expect(error.message).toContain(`${at("develop")}repo.commits[0].branch: the first commit creates the repository`);
    expect(error.message).toContain(`${at("dana  ")}repo.commits[1].author: expected "Name <email>"`);
    expect(error.message).toContain(`${at("/etc/passwd")}repo.commits[1].files["/etc/passwd"]: invalid key: expected a relative file path`);
    expect(error.message).toContain(`${at("000000")}repo.labels[0].color: expected a 6-digit hex colour like "d73a4a" (got 0; quote it in YAML`);
    expect(error.message).toContain(`${at("workflow_runn")}events[0].github: expected a GitHub webhook event name`);
    expect(error.message).toContain('(got "workflow_runn") (did you mean "workflow_run"?)');
    expect(error.message).toContain(`${at('"{{commits.2}}"')}events[0].payload.workflow_run.head_sha: "{{commits.2}}" refers to commit 2, but there are commits 0 to 1`);
    expect(error.message).toContain(`${at("gihtub")}events[1]: expected an event: a map with one of the keys github, alert`);
    expect(error.message).toContain('did you mean "github"?');
    expect(error.message).toContain(`${at("ff }")}events[2].merge.method: expected one of merge, squash, rebase (got "ff")`);
    expect(error.message).toContain(`events[3].wait: expected exactly one of "ms" (real time) or "advance"`);
    expect(error.message).toContain(`${at("aproved")}events[4].review.state: expected one of approved, changes_requested, commented (got "aproved")`);
    expect(error.message).toContain(`${at('"("')}expect.pull_requests.items[0].title_matches: expected a valid regular expression`);
    expect(error.message).toContain(`${at("webhook:")}expect.webhook: unknown key "webhook" (did you mean "webhooks"?)`);
    expect(error.details.problems).toHaveLength(14);
  });

  test("a missing required key points at the map that lacks it", async () => {
    const text = MINIMAL.replace("  owner: acme\n", "");
    const error = await drillError(() => parseDrill(text, "drills/no-owner.yml"));
    expect(error.message).toContain('drills/no-owner.yml:2:1: repo.owner: missing required key "owner"');
  });

  test("a wrong type says what was expected and what was found", async () => {
    const text = MINIMAL.replace("events:\n  - wait: { ms: 10 }", "events: { wait: 1 }");
    const error = await drillError(() => parseDrill(text, "t.yml"));
    expect(error.message).toContain(`t.yml:${positionOf(text, "{ wait")}: events: expected a list (got a map)`);
  });

  test("unknown template variables and commits referring to themselves are caught before playing", async () => {
    const text = MINIMAL.replace("message: second", 'message: "revert {{commits.1.short}}"').replace(
      "events:\n",
      'events:\n  - alert: generic\n    payload: { title: "{{comits.0}} on {{repo.full_name}}" }\n',
    );
    const error = await drillError(() => parseDrill(text, "t.yml"));
    expect(error.message).toContain(
      `t.yml:${positionOf(text, '"revert')}: repo.commits[1].message: "{{commits.1.short}}" refers to commit 1, but there are commits 0 to 0`,
    );
    expect(error.message).toContain(`events[0].payload.title: unknown template variable "{{comits.0}}"; expected one of commits.N`);
    expect(error.message).not.toContain('unknown template variable "{{repo.full_name}}"');
  });

  test("commits made by push events can be referred to after the push", async () => {
    const push = '  - push: { user: dana, message: hotfix, files: { a.txt: "a" } }\n';
    const use = (n: number) => `  - alert: generic\n    payload: { sha: "{{commits.${n}}}" }\n`;
    const valid = MINIMAL.replace("events:\n", `events:\n${push}${use(2)}`);
    expect(parseDrill(valid, "t.yml").events).toHaveLength(3);
    const early = MINIMAL.replace("events:\n", `events:\n${use(2)}${push}`);
    const error = await drillError(() => parseDrill(early, "t.yml"));
    expect(error.message).toContain('events[0].payload.sha: "{{commits.2}}" refers to commit 2, but there are commits 0 to 1');
  });

  test("event fields that don't fit the event are rejected", async () => {
    const text = MINIMAL.replace(
      "events:\n",
      "events:\n  - github: push\n    jobs: []\n  - github: deployment_status\n    action: created\n",
    );
    const error = await drillError(() => parseDrill(text, "t.yml"));
    expect(error.message).toContain(`t.yml:${positionOf(text, "[]")}: events[0].jobs: "jobs" applies only to workflow_run`);
    expect(error.message).toContain('events[1].deployment: missing required key "deployment" for a deployment_status event');
    expect(error.message).toContain('events[1].state: missing required key "state"');
  });

  test("llm and faults sections are checked against their engines' formats, with positions", async () => {
    const text = `${MINIMAL}llm:\n  - { text: "hi", json: {} }\nfaults:\n  http_5xx: { status: 504 }\n  latncy: { ms: 5 }\n`;
    const error = await drillError(() => parseDrill(text, "t.yml"));
    expect(error.message).toContain(`t.yml:${positionOf(text, "{ text")}: llm[0]: exactly one of \`json\`, \`text\` or \`fault\` must be set`);
    expect(error.message).toContain(`t.yml:${positionOf(text, "504")}: faults.http_5xx.status: `);
    expect(error.message).toContain(`t.yml:${positionOf(text, "latncy")}: faults.latncy: unknown key "latncy" (did you mean "latency"?)`);
  });

  test("an unknown top-level key suggests the right one", async () => {
    const error = await drillError(() => parseDrill(`${MINIMAL}exepct: {}\n`, "t.yml"));
    expect(error.message).toContain(`t.yml:${positionOf(`${MINIMAL}exepct`, "exepct")}: exepct: unknown key "exepct" (did you mean "expect"?)`);
  });

  test("an unsupported version is the only problem reported", async () => {
    const error = await drillError(() => parseDrill(`version: 2\nname: Not A Slug\n`, "v2.yml"));
    expect(error.message).toContain("v2.yml:1:10: version: unsupported drill version 2; this release of agenticops reads version 1");
    expect(error.details.problems).toHaveLength(1);
  });

  test("YAML syntax errors are located", async () => {
    const file = join(FIXTURES, "invalid-yaml-syntax.yml");
    const text = await readFile(file, "utf8");
    const error = await drillError(() => loadDrill(file));
    expect(error.message).toContain(
      `${file}:${positionOf(text, "the rollout")}: YAML syntax error: Nested mappings are not allowed in compact mappings`,
    );
  });

  test("duplicate YAML keys are syntax errors", async () => {
    const error = await drillError(() => parseDrill(`${MINIMAL}name: again\n`, "dup.yml"));
    expect(error.message).toContain(`dup.yml:${MINIMAL.split("\n").length}:1: YAML syntax error: Map keys must be unique`);
  });

  test("reports at most 20 problems and says how many more there are", async () => {
    const labels = Array.from({ length: 25 }, (_, i) => `    - { name: l${i}, color: nothex }`).join("\n");
    const text = MINIMAL.replace("events:", `  labels:\n${labels}\nevents:`);
    const error = await drillError(() => parseDrill(text, "t.yml"));
    expect(error.message).toContain("(25 problems)");
    expect(error.message).toContain("… and 5 more");
    expect(error.message.split("\n").filter((l) => l.startsWith("  t.yml:"))).toHaveLength(20);
  });
});

describe("loadDrills", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "drills-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("loads a directory's drills sorted by file name, plus single files", async () => {
    await writeFile(join(dir, "b.yaml"), MINIMAL.replace("name: tiny", "name: bravo"));
    await writeFile(join(dir, "a.yml"), MINIMAL.replace("name: tiny", "name: alpha"));
    await writeFile(join(dir, "notes.txt"), "not a drill");
    const drills = await loadDrills([dir, VALID]);
    expect(drills.map((d) => d.name)).toEqual(["alpha", "bravo", "bad-deploy-rollback"]);
  });

  test("rejects duplicate names, naming both files", async () => {
    await writeFile(join(dir, "one.yml"), MINIMAL);
    await writeFile(join(dir, "two.yml"), MINIMAL);
    const error = await drillError(() => loadDrills([dir]));
    expect(error.message).toContain(`${join(dir, "two.yml")}:1:7: name: duplicate drill name "tiny" (also in ${join(dir, "one.yml")})`);
  });

  test("checks every file before failing", async () => {
    await mkdir(join(dir, "set"));
    await writeFile(join(dir, "set", "a.yml"), MINIMAL.replace("name: tiny", "name: A"));
    await writeFile(join(dir, "set", "b.yml"), MINIMAL.replace("owner: acme", "ownr: acme"));
    const error = await drillError(() => loadDrills([join(dir, "set")]));
    expect(error.message).toContain("2 drill files is invalid (3 problems)");
    expect(error.message).toContain(`${join(dir, "set", "a.yml")}:1:7: name:`);
    expect(error.message).toContain(`${join(dir, "set", "b.yml")}:3:3: repo.ownr: unknown key "ownr" (did you mean "owner"?)`);
  });

  test("a missing path is NOT_FOUND", async () => {
    await expect(loadDrills([join(dir, "nope")])).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("renderTemplates", () => {
  const sha0 = "a".repeat(40);
  const sha1 = "0123456789abcdef0123456789abcdef01234567";
  const vars = drillTemplateVars({ owner: "acme", name: "shop", defaultBranch: "main", commits: [sha0, sha1], pullRequests: [7] });

  test("fills in commits, short SHAs and repository facts in every string", () => {
    const event = { payload: { workflow_run: { head_sha: "{{commits.1}}", display_title: "deploy {{ commits.1.short }} to {{repo.full_name}}" } }, tags: ["{{repo.default_branch}}"] };
    expect(renderTemplates(event, vars)).toEqual({
      payload: { workflow_run: { head_sha: sha1, display_title: "deploy 0123456 to acme/shop" } },
      tags: ["main"],
    });
  });

  test("a string that is a single template keeps a number's type", () => {
    expect(renderTemplates({ number: "{{pr.0}}", title: "PR {{pr.0}}" }, vars)).toEqual({ number: 7, title: "PR 7" });
  });

  test("leaves file contents and GitHub Actions expressions alone", () => {
    const push = { message: "bump {{commits.0.short}}", files: { "chart/values.yaml": "image: {{ .Values.tag }}" }, run: "echo ${{ github.sha }}" };
    expect(renderTemplates(push, vars)).toEqual({ ...push, message: "bump aaaaaaa" });
  });

  test("an unknown variable is a DRILL_INVALID error naming it and where it appeared", () => {
    let thrown: unknown;
    try {
      renderTemplates({ comment: { number: "{{pr.1}}" } }, vars, ["events", 3]);
    } catch (error) {
      thrown = error;
    }
    expect(isAgenticOpsError(thrown, "DRILL_INVALID")).toBe(true);
    const error = thrown as AgenticOpsError;
    expect(error.message).toBe('unknown template variable "{{pr.1}}" at events[3].comment.number');
    expect(error.details).toEqual({ variable: "pr.1", path: "events[3].comment.number" });
    expect(error.hint).toContain("does not exist yet");
  });
});
