import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { octokitAlertIncidentHost } from "../../src/adapters/github/octokit-alert-incident-host.js";
import type { AlertIncidentHost } from "../../src/ports/alert-incident-host.js";
import { TestOctokit } from "./support/nocked-code-host.js";

const API = "https://api.github.com";
const REPO = { owner: "acme", name: "shop" };
const issue = (number: number, extra: Record<string, unknown> = {}) => ({
  number,
  state: "open",
  title: `#${number}`,
  body: `body ${number}`,
  html_url: `https://github.com/acme/shop/issues/${number}`,
  labels: [{ name: "agenticops" }, "alert"],
  ...extra,
});

let host: AlertIncidentHost;
beforeEach(() => {
  nock.disableNetConnect();
  host = octokitAlertIncidentHost(new TestOctokit({ auth: { token: "installation-token" } }));
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("octokitAlertIncidentHost", () => {
  test("lists every open labelled issue and pull request across pages", async () => {
    const scope = nock(API)
      .get("/repos/acme/shop/issues")
      .query({ labels: "agenticops", state: "open", per_page: "100" })
      .reply(200, [issue(1)], { link: `<${API}/repos/acme/shop/issues?labels=agenticops&state=open&per_page=100&page=2>; rel="next"` })
      .get("/repos/acme/shop/issues")
      .query({ labels: "agenticops", state: "open", per_page: "100", page: "2" })
      .reply(200, [issue(2, { pull_request: { url: "x" }, body: null })]);
    const items = await host.listLabelled(REPO, "agenticops", { state: "open" });
    expect(scope.isDone()).toBe(true);
    expect(items).toEqual([
      { number: 1, kind: "issue", state: "open", title: "#1", body: "body 1", labels: ["agenticops", "alert"], url: "https://github.com/acme/shop/issues/1" },
      { number: 2, kind: "pull-request", state: "open", title: "#2", body: "", labels: ["agenticops", "alert"], url: "https://github.com/acme/shop/issues/2" },
    ]);
  });

  test("lists recently closed items in one page, most recently updated first", async () => {
    const scope = nock(API)
      .get("/repos/acme/shop/issues")
      .query({ labels: "agenticops", state: "closed", sort: "updated", direction: "desc", per_page: "50" })
      .reply(200, [issue(9, { state: "closed" })]);
    const items = await host.listLabelled(REPO, "agenticops", { state: "closed", limit: 50 });
    expect(scope.isDone()).toBe(true);
    expect(items.map((i) => [i.number, i.state])).toEqual([[9, "closed"]]);
  });

  test("closing an issue says it was completed; labels are added, never replaced", async () => {
    let patch: unknown;
    let labels: unknown;
    const scope = nock(API)
      .patch("/repos/acme/shop/issues/3", (b) => {
        patch = b;
        return true;
      })
      .reply(200, issue(3))
      .post("/repos/acme/shop/issues/3/labels", (b) => {
        labels = b;
        return true;
      })
      .reply(200, []);
    await host.updateIssue(REPO, 3, { body: "new", state: "closed" });
    await host.addLabels(REPO, 3, ["resolved"]);
    expect(scope.isDone()).toBe(true);
    expect(patch).toEqual({ body: "new", state: "closed", state_reason: "completed" });
    expect(labels).toEqual({ labels: ["resolved"] });
  });

  test("removing a label the issue no longer carries is not an error; other failures are typed", async () => {
    nock(API).delete("/repos/acme/shop/issues/3/labels/resolved").reply(404, { message: "Label does not exist" });
    await expect(host.removeLabel(REPO, 3, "resolved")).resolves.toBeUndefined();
    nock(API).delete("/repos/acme/shop/issues/3/labels/resolved").reply(500, { message: "boom" });
    await expect(host.removeLabel(REPO, 3, "resolved")).rejects.toMatchObject({ code: "CODE_HOST_FAILED", details: { status: 500 } });
  });

  test("a pull request's state: merged, open, or null when there is none", async () => {
    nock(API).get("/repos/acme/shop/pulls/5").reply(200, { state: "closed", merged: true }).get("/repos/acme/shop/pulls/6").reply(200, { state: "open", merged: false }).get("/repos/acme/shop/pulls/7").reply(404, {});
    expect(await host.pullRequestState(REPO, 5)).toBe("merged");
    expect(await host.pullRequestState(REPO, 6)).toBe("open");
    expect(await host.pullRequestState(REPO, 7)).toBeNull();
  });
});
