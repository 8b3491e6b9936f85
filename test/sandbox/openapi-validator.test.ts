import { describe, test, expect, beforeAll } from "@jest/globals";
import { OpenApiValidator, toGitHubValidationError } from "../../src/sandbox/openapi/openapi-validator.js";
import { deref } from "../../src/sandbox/openapi/resolve-refs.js";

let validator: OpenApiValidator;

beforeAll(async () => {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  validator = await OpenApiValidator.load();
  const ms = Math.round(performance.now() - started);
  const mb = Math.round((process.memoryUsage().rss - rssBefore) / 1e6);
  console.log(`api.github.com OpenAPI description loaded in ${ms} ms, RSS +${mb} MB`);
});

/** An example response straight from GitHub's description, e.g. `pull-request`. */
const example = (name: string): Record<string, unknown> => {
  const found = deref<{ value: Record<string, unknown> }>(validator.document, {
    $ref: `#/components/examples/${name}`,
  });
  return structuredClone(found.value);
};

const PULLS = "/repos/{owner}/{repo}/pulls";
const createPull = (body: unknown) =>
  validator.validateRequest({ method: "POST", route: PULLS, params: { owner: "acme", repo: "shop" }, query: {}, body });

describe("match", () => {
  test("finds the template, its operation and decoded params", () => {
    expect(validator.match("GET", "/repos/acme/shop/pulls/3")).toEqual({
      route: "/repos/{owner}/{repo}/pulls/{pull_number}",
      params: { owner: "acme", repo: "shop", pull_number: "3" },
      operationId: "pulls/get",
    });
    expect(validator.match("post", "/repos/acme/shop/pulls")?.operationId).toBe("pulls/create");
    expect(validator.match("DELETE", "/repos/acme/shop/pulls/3")).toBeNull();
    expect(validator.match("GET", "/nowhere/at/all")).toBeNull();
  });

  test("prefers literal segments over params", () => {
    expect(validator.match("GET", "/repos/acme/shop/pulls/comments")?.route).toBe("/repos/{owner}/{repo}/pulls/comments");
    expect(validator.match("GET", "/repos/acme/shop/commits/abc/status")?.route).toBe("/repos/{owner}/{repo}/commits/{ref}/status");
  });

  test("lets contents paths and git refs span several segments", () => {
    expect(validator.match("GET", "/repos/acme/shop/contents/deploy/k8s/api%20v2.yaml")).toMatchObject({
      route: "/repos/{owner}/{repo}/contents/{path}",
      params: { path: "deploy/k8s/api v2.yaml" },
    });
    // Octokit escapes slashes in path params; both spellings reach the same route.
    expect(validator.match("GET", "/repos/acme/shop/contents/deploy%2Fapp.yaml")?.params["path"]).toBe("deploy/app.yaml");
    expect(validator.match("GET", "/repos/acme/shop/git/ref/heads/agenticops/3f2a1c9")).toMatchObject({
      route: "/repos/{owner}/{repo}/git/ref/{ref}",
      params: { ref: "heads/agenticops/3f2a1c9" },
    });
    expect(validator.match("PATCH", "/repos/acme/shop/git/refs/heads/feature/x")?.params["ref"]).toBe("heads/feature/x");
    expect(validator.match("GET", "/repos/acme/shop/compare/main...feature/x")).toMatchObject({
      route: "/repos/{owner}/{repo}/compare/{basehead}",
      params: { basehead: "main...feature/x" },
    });
    expect(validator.match("GET", "/repos/acme/shop/commits/feature/x/status")?.params["ref"]).toBe("feature/x");
  });

  test("can be narrowed to the routes a server implements", () => {
    const basehead = (route: string) => route.endsWith("{basehead}");
    expect(validator.match("GET", "/repos/acme/shop/compare/main...dev", basehead)?.params).toEqual({
      owner: "acme",
      repo: "shop",
      basehead: "main...dev",
    });
  });
});

describe("validateRequest", () => {
  test("accepts a valid pull request body", () => {
    expect(createPull({ title: "Roll back api", head: "agenticops/3f2a1c9", base: "main", draft: true })).toEqual([]);
  });

  test("reports missing and mistyped body fields the way GitHub words them", () => {
    const problems = createPull({ title: 5, base: "main" });
    expect(problems).toEqual([
      { location: "body", path: "/head", message: `"head" wasn't supplied.` },
      { location: "body", path: "/title", message: "For 'properties/title', 5 is not a string." },
    ]);
    expect(toGitHubValidationError(problems, validator.documentationUrl("POST", PULLS))).toEqual({
      message: `Invalid request.\n\n"head" wasn't supplied.\nFor 'properties/title', 5 is not a string.`,
      documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
      status: "422",
    });
  });

  test("requires a body where GitHub does", () => {
    expect(createPull(undefined)).toEqual([{ location: "body", path: "", message: "A request body is required." }]);
  });

  test("handles nullable and oneOf fields", () => {
    const createIssue = (body: unknown) =>
      validator.validateRequest({ method: "POST", route: "/repos/{owner}/{repo}/issues", params: { owner: "a", repo: "b" }, query: {}, body });
    expect(createIssue({ title: "Deploy failed", milestone: null, assignee: null, labels: ["bug", { name: "ops" }] })).toEqual([]);
    expect(createIssue({ title: "Deploy failed", milestone: { id: 1 }, assignee: 7 }).map((p) => p.path)).toEqual([
      "/assignee",
      "/milestone",
    ]);
  });

  test("coerces query and path params per their schema and ignores unknown query params", () => {
    const list = (query: Record<string, string>, pull = "3") => [
      ...validator.validateRequest({ method: "GET", route: PULLS, params: { owner: "a", repo: "b" }, query, body: undefined }),
      ...validator.validateRequest({
        method: "GET",
        route: "/repos/{owner}/{repo}/pulls/{pull_number}",
        params: { owner: "a", repo: "b", pull_number: pull },
        query: {},
        body: undefined,
      }),
    ];
    expect(list({ per_page: "100", state: "closed", whatever: "x" })).toEqual([]);
    expect(list({ per_page: "abc" })).toEqual([
      { location: "query", path: "/per_page", message: `For 'per_page', "abc" is not an integer.` },
    ]);
    expect(list({ state: "merged" }, "three").map((p) => `${p.location}${p.path}`)).toEqual(["query/state", "path/pull_number"]);
  });
});

describe("validateResponse", () => {
  const GET_PULL = "/repos/{owner}/{repo}/pulls/{pull_number}";

  test("accepts GitHub's own example responses", () => {
    expect(validator.validateResponse("/repos/{owner}/{repo}/check-runs", "POST", 201, example("check-run-example-of-completed-conclusion"))).toEqual([]);
    // GitHub's pull-request example predates the required `type` of its team entries.
    const pull = example("pull-request");
    expect(validator.validateResponse(GET_PULL, "GET", 200, pull)).toEqual([
      { location: "body", path: "/requested_teams/0/type", message: `"type" wasn't supplied.` },
    ]);
    (pull["requested_teams"] as Record<string, unknown>[]).forEach((team) => (team["type"] = "organization"));
    expect(validator.validateResponse(GET_PULL, "GET", 200, pull)).toEqual([]);
  });

  test("reports fields GitHub always returns when they are missing or mistyped", () => {
    const pull = example("pull-request");
    (pull["requested_teams"] as Record<string, unknown>[]).forEach((team) => (team["type"] = "organization"));
    delete pull["title"];
    pull["number"] = "1347";
    pull["merged_at"] = null;
    expect(validator.validateResponse(GET_PULL, "GET", 200, pull).map((p) => p.path)).toEqual(["/title", "/number"]);
  });

  test("knows which statuses an operation documents", () => {
    expect(validator.validateResponse(GET_PULL, "GET", 418, {})[0]?.message).toBe(
      "418 is not a documented response of GET /repos/{owner}/{repo}/pulls/{pull_number}.",
    );
    expect(validator.validateResponse("/repos/{owner}/{repo}/git/refs/{ref}", "DELETE", 204, undefined)).toEqual([]);
  });
});
