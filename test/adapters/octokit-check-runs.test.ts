import { expect, test } from "@jest/globals";
import nock from "nock";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { CodeHost } from "../../src/ports/code-host.js";
import { withNockedCodeHost } from "./support/nocked-code-host.js";

const API = "https://api.github.com";
const repo = { owner: "acme", name: "shop" };

let host: CodeHost;
withNockedCodeHost((created) => (host = created));

const checkRun = (id: number, conclusion: string | null) => ({
  id,
  name: `check ${id}`,
  conclusion,
  url: `${API}/repos/acme/shop/check-runs/${id}`,
  html_url: `https://github.com/acme/shop/runs/${id}`,
  details_url: `https://ci.example/${id}`,
  output: { title: `title ${id}`, summary: `summary ${id}`, text: null, annotations_count: 0 },
});

test("listFailedCheckRuns keeps the completed runs that failed, timed out or need action, at most five", async () => {
  const conclusions = ["success", "failure", "neutral", "timed_out", "action_required", "cancelled", "failure", "failure", "failure"];
  const scope = nock(API)
    .get("/repos/acme/shop/check-suites/42/check-runs")
    .query({ status: "completed", per_page: "100" })
    .reply(200, { total_count: conclusions.length, check_runs: conclusions.map((c, i) => checkRun(i + 1, c)) });
  const runs = await host.listFailedCheckRuns!(repo, 42);
  expect(runs.map((r) => [r.id, r.conclusion])).toEqual([[2, "failure"], [4, "timed_out"], [5, "action_required"], [7, "failure"], [8, "failure"]]);
  expect(runs[0]).toEqual({ id: 2, name: "check 2", conclusion: "failure", url: "https://github.com/acme/shop/runs/2", title: "title 2", summary: "summary 2", text: null });
  expect(scope.isDone()).toBe(true);
});

test("listCheckRunAnnotations puts failures first, then warnings, at most 50", async () => {
  const levels = [...Array.from({ length: 30 }, () => "notice"), ...Array.from({ length: 25 }, () => "warning"), "failure"];
  nock(API)
    .get("/repos/acme/shop/check-runs/7/annotations")
    .query({ per_page: "100" })
    .reply(
      200,
      levels.map((level, i) => ({ path: `src/f${i}.ts`, start_line: i + 1, end_line: i + 1, annotation_level: level, title: i === 55 ? "TS2322" : null, message: `m${i}` })),
    );
  const annotations = await host.listCheckRunAnnotations!(repo, 7);
  expect(annotations).toHaveLength(50);
  expect(annotations[0]).toEqual({ path: "src/f55.ts", startLine: 56, level: "failure", title: "TS2322", message: "m55" });
  expect(annotations.slice(1, 26).every((a) => a.level === "warning")).toBe(true);
  expect(annotations.slice(26).every((a) => a.level === "notice")).toBe(true);
});

test("a failing Checks API call is a CODE_HOST_FAILED error", async () => {
  nock(API).get("/repos/acme/shop/check-suites/9/check-runs").query(true).reply(404, { message: "Not Found" });
  const error = await host.listFailedCheckRuns!(repo, 9).catch((e: unknown) => e);
  expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
});
