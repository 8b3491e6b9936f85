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
const annotation = (i: number, level: string) => ({ path: `src/f${i}.ts`, start_line: i + 1, end_line: i + 1, annotation_level: level, title: null as string | null, message: `m${i}` });

/** GitHub's Link header for page `page` of `last` pages of `path`. */
const link = (path: string, query: string, page: number, last: number): Record<string, string> => {
  const url = (n: number) => `<${API}${path}?${query}&page=${n}>`;
  const rels = [...(page < last ? [`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`] : []), ...(page > 1 ? [`${url(1)}; rel="first"`] : [])];
  return rels.length > 0 ? { link: rels.join(", ") } : {};
};

const SUITE_RUNS = "/repos/acme/shop/check-suites/42/check-runs";
const suitePage = (page: number, last: number, runs: ReturnType<typeof checkRun>[], total: number) =>
  nock(API)
    .get(SUITE_RUNS)
    .query({ status: "completed", per_page: "100", ...(page > 1 ? { page: String(page) } : {}) })
    .reply(200, { total_count: total, check_runs: runs }, link(SUITE_RUNS, "status=completed&per_page=100", page, last));

test("listFailedCheckRuns keeps the completed runs that failed, timed out or need action, at most five", async () => {
  const conclusions = ["success", "failure", "neutral", "timed_out", "action_required", "cancelled", "failure", "failure", "failure"];
  const scope = suitePage(1, 1, conclusions.map((c, i) => checkRun(i + 1, c)), conclusions.length);
  const runs = await host.listFailedCheckRuns!(repo, 42);
  expect(runs.items.map((r) => [r.id, r.conclusion])).toEqual([[2, "failure"], [4, "timed_out"], [5, "action_required"], [7, "failure"], [8, "failure"]]);
  expect(runs.items[0]).toEqual({ id: 2, name: "check 2", conclusion: "failure", url: "https://github.com/acme/shop/runs/2", title: "title 2", summary: "summary 2", text: null });
  expect(runs.capped).toBe(false);
  expect(scope.isDone()).toBe(true);
});

test("listFailedCheckRuns follows the Link header: failures on page 2 are found", async () => {
  const greens = Array.from({ length: 100 }, (_, i) => checkRun(i + 1, "success"));
  const first = suitePage(1, 2, greens, 102);
  const second = suitePage(2, 2, [checkRun(101, "success"), checkRun(102, "failure")], 102);
  const runs = await host.listFailedCheckRuns!(repo, 42);
  expect(runs).toEqual({ items: [expect.objectContaining({ id: 102, conclusion: "failure" })], capped: false });
  expect(first.isDone() && second.isDone()).toBe(true);
});

test("listFailedCheckRuns stops reading once five failures are found", async () => {
  suitePage(1, 3, Array.from({ length: 100 }, (_, i) => checkRun(i + 1, i < 6 ? "failure" : "success")), 300);
  const later = suitePage(2, 3, [checkRun(201, "failure")], 300);
  const runs = await host.listFailedCheckRuns!(repo, 42);
  expect(runs.items.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  expect(runs.capped).toBe(false);
  expect(later.isDone()).toBe(false);
});

test("listFailedCheckRuns reads at most 10 pages and says the listing was capped", async () => {
  const scopes = Array.from({ length: 10 }, (_, p) =>
    suitePage(p + 1, 12, Array.from({ length: 100 }, (_, i) => checkRun(p * 100 + i + 1, p === 4 && i === 0 ? "failure" : "success")), 1200),
  );
  const eleventh = suitePage(11, 12, [checkRun(1001, "failure")], 1200);
  const runs = await host.listFailedCheckRuns!(repo, 42);
  expect(runs.items.map((r) => r.id)).toEqual([401]);
  expect(runs.capped).toBe(true);
  expect(scopes.every((s) => s.isDone())).toBe(true);
  expect(eleventh.isDone()).toBe(false);
});

const ANNOTATIONS = "/repos/acme/shop/check-runs/7/annotations";
const annotationPage = (page: number, last: number, items: ReturnType<typeof annotation>[]) =>
  nock(API)
    .get(ANNOTATIONS)
    .query({ per_page: "100", ...(page > 1 ? { page: String(page) } : {}) })
    .reply(200, items, link(ANNOTATIONS, "per_page=100", page, last));

test("listCheckRunAnnotations puts failures first, then warnings, at most 50", async () => {
  const levels = [...Array.from({ length: 30 }, () => "notice"), ...Array.from({ length: 25 }, () => "warning"), "failure"];
  annotationPage(1, 1, levels.map((level, i) => ({ ...annotation(i, level), title: i === 55 ? "TS2322" : null })));
  const annotations = await host.listCheckRunAnnotations!(repo, 7);
  expect(annotations.items).toHaveLength(50);
  expect(annotations.items[0]).toEqual({ path: "src/f55.ts", startLine: 56, level: "failure", title: "TS2322", message: "m55" });
  expect(annotations.items.slice(1, 26).every((a) => a.level === "warning")).toBe(true);
  expect(annotations.items.slice(26).every((a) => a.level === "notice")).toBe(true);
  expect(annotations.capped).toBe(false);
});

test("listCheckRunAnnotations reads every page: a failure on page 2 comes first", async () => {
  const first = annotationPage(1, 2, Array.from({ length: 100 }, (_, i) => annotation(i, "notice")));
  const second = annotationPage(2, 2, [annotation(100, "warning"), annotation(101, "failure")]);
  const annotations = await host.listCheckRunAnnotations!(repo, 7);
  expect(annotations.items.slice(0, 2).map((a) => [a.path, a.level])).toEqual([["src/f101.ts", "failure"], ["src/f100.ts", "warning"]]);
  expect(annotations.capped).toBe(false);
  expect(first.isDone() && second.isDone()).toBe(true);
});

test("listCheckRunAnnotations stops at 10 pages (1,000 annotations) and says so", async () => {
  const scopes = Array.from({ length: 10 }, (_, p) => annotationPage(p + 1, 11, Array.from({ length: 100 }, (_, i) => annotation(p * 100 + i, "notice"))));
  const eleventh = annotationPage(11, 11, [annotation(1000, "failure")]);
  const annotations = await host.listCheckRunAnnotations!(repo, 7);
  expect(annotations.capped).toBe(true);
  expect(annotations.items.every((a) => a.level === "notice")).toBe(true);
  expect(scopes.every((s) => s.isDone())).toBe(true);
  expect(eleventh.isDone()).toBe(false);
});

test("a failing Checks API call is a CODE_HOST_FAILED error", async () => {
  nock(API).get("/repos/acme/shop/check-suites/9/check-runs").query(true).reply(404, { message: "Not Found" });
  const error = await host.listFailedCheckRuns!(repo, 9).catch((e: unknown) => e);
  expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
});

test("a failing second page fails the listing: no partial evidence passes as complete", async () => {
  annotationPage(1, 2, [annotation(0, "notice")]);
  nock(API).get(ANNOTATIONS).query({ per_page: "100", page: "2" }).reply(502, { message: "Bad Gateway" });
  const error = await host.listCheckRunAnnotations!(repo, 7).catch((e: unknown) => e);
  expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
});
