import { expect, test } from "@jest/globals";
import nock from "nock";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";
import type { CodeHost } from "../../src/ports/code-host.js";
import { withNockedCodeHost } from "./support/nocked-code-host.js";

const API = "https://api.github.com";
const repo = { owner: "acme", name: "shop" };

let host: CodeHost;
withNockedCodeHost((created) => (host = created));

const issue = (number: number, over: Record<string, unknown> = {}) => ({
  number,
  title: `item ${number}`,
  body: `body ${number}`,
  html_url: `https://github.com/acme/shop/issues/${number}`,
  state: "closed",
  ...over,
});

test("one request for labelled issues and pull requests, newest first, open and closed", async () => {
  const scope = nock(API)
    .get("/repos/acme/shop/issues")
    .query({ labels: "agenticops", state: "all", sort: "created", direction: "desc", per_page: "50" })
    .reply(200, [
      issue(12, { pull_request: { url: `${API}/repos/acme/shop/pulls/12` }, html_url: "https://github.com/acme/shop/pull/12", state: "open" }),
      issue(11, { body: null }),
    ], { link: `<${API}/repos/acme/shop/issues?page=2>; rel="next"` });
  const items = await host.listKnowledgeItems!(repo, "agenticops", 50);
  expect(items).toEqual([
    { number: 12, kind: "pull-request", title: "item 12", body: "body 12", url: "https://github.com/acme/shop/pull/12", state: "open" },
    { number: 11, kind: "issue", title: "item 11", body: "", url: "https://github.com/acme/shop/issues/11", state: "closed" },
  ]);
  // the next page is never fetched: one call is the budget
  expect(scope.isDone()).toBe(true);
});

test("a server error is CODE_HOST_FAILED", async () => {
  nock(API).get("/repos/acme/shop/issues").query(true).reply(500, { message: "boom" });
  const error = await host.listKnowledgeItems!(repo, "agenticops", 50).catch((e: unknown) => e);
  expect(isAgenticOpsError(error, "CODE_HOST_FAILED")).toBe(true);
});
