import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { loadRepoRunbooks } from "../../src/adapters/runbooks/load-repo-runbooks.js";
import { formatProblem } from "../../src/core/validate/located-problem.js";

const API = "https://api.github.com";
const repo = { owner: "acme", name: "shop" };
const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
const DIR = "/repos/acme/shop/contents/.github%2Fagenticops%2Frunbooks";
const file = (name: string, text: string) => ({ type: "file", name, path: `.github/agenticops/runbooks/${name}`, content: Buffer.from(text).toString("base64"), encoding: "base64", sha: "a".repeat(40) });
// a valid runbook under a new id, from the bundled one
const valid = readFileSync("runbooks/flaky-test-rerun.yaml", "utf8").replace("id: flaky-test-rerun", "id: nightly-rerun");

let octokit: InstanceType<typeof Octokit>;
beforeEach(() => {
  nock.disableNetConnect();
  octokit = new Octokit({ auth: { token: "installation-token" } });
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("loadRepoRunbooks", () => {
  test("reads the YAML files of .github/agenticops/runbooks at the ref; a bad one is a located problem and its sibling loads", async () => {
    const scope = nock(API)
      .get(DIR)
      .query({ ref: "main" })
      .reply(200, [file("nightly.yaml", ""), file("broken.yml", ""), { type: "file", name: "README.md", path: ".github/agenticops/runbooks/README.md" }, { type: "dir", name: "old", path: ".github/agenticops/runbooks/old" }])
      .get(`${DIR}%2Fbroken.yml`)
      .query({ ref: "main" })
      .reply(200, file("broken.yml", "id: broken\nrisk: extreme\n"))
      .get(`${DIR}%2Fnightly.yaml`)
      .query({ ref: "main" })
      .reply(200, file("nightly.yaml", valid));
    const set = await loadRepoRunbooks(octokit, repo, "main");
    expect(scope.isDone()).toBe(true);
    expect(set.runbooks.map((l) => l.runbook.id)).toEqual(["nightly-rerun"]);
    expect(set.problems.map(formatProblem).join("\n")).toMatch(/^\.github\/agenticops\/runbooks\/broken\.yml:2:7: risk: /m);
  });

  test("no folder: no runbooks, no problem", async () => {
    nock(API).get(DIR).query({ ref: "main" }).reply(404, { message: "Not Found" });
    expect(await loadRepoRunbooks(octokit, repo, "main")).toEqual({ runbooks: [], problems: [] });
  });
});
