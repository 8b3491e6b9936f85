import { describe, expect, test } from "@jest/globals";
import { governanceTargets } from "../../src/app/governance-targets.js";
import { botPullRequestIncident } from "../../src/core/act/bot-pull-request.js";
import { renderMarker } from "../../src/core/render/hidden-marker.js";
import { HeadChecksEvent } from "../../src/schemas/head-checks-event.js";

const repository = { name: "shop", owner: { login: "acme" } };
const BRANCH = "agenticops/inc-0123456789ab";
const parse = (payload: unknown) => HeadChecksEvent.parse(payload);

describe("botPullRequestIncident", () => {
  const body = `text\n${renderMarker({ incident: "inc-0123456789ab", kind: "rollback-pr" })}`;
  test("the bot's branch, the bot's pull request marker and the bot as author", () => {
    expect(botPullRequestIncident({ headRef: BRANCH, body, author: "agenticops[bot]" }, "agenticops[bot]")).toBe("inc-0123456789ab");
  });
  test.each([
    ["another branch", { headRef: "feature/x", body, author: "agenticops[bot]" }],
    ["no marker", { headRef: BRANCH, body: "hello", author: "agenticops[bot]" }],
    ["a comment's marker kind", { headRef: BRANCH, body: renderMarker({ incident: "inc-0123456789ab", kind: "handover-comment" }), author: "agenticops[bot]" }],
    ["a human copying the marker", { headRef: BRANCH, body, author: "mallory" }],
  ])("is null for %s", (_name, pr) => {
    expect(botPullRequestIncident(pr, "agenticops[bot]")).toBeNull();
  });
});

describe("governanceTargets", () => {
  test("a check run names the bot's pull requests by number", () => {
    const event = parse({ check_run: { name: "test", head_sha: "a".repeat(40), app: { slug: "ci" }, check_suite: { head_branch: BRANCH }, pull_requests: [{ number: 4, head: { ref: BRANCH } }, { number: 5, head: { ref: "feature/x" } }] }, repository });
    expect(governanceTargets(event, "agenticops")).toEqual({ numbers: [4], branches: [] });
  });

  test("without pull requests in the payload (an older head), the branch is looked up", () => {
    const event = parse({ check_run: { name: "test", head_sha: "a".repeat(40), app: { slug: "ci" }, check_suite: { head_branch: BRANCH }, pull_requests: [] }, repository });
    expect(governanceTargets(event, "agenticops")).toEqual({ numbers: [], branches: [BRANCH] });
  });

  test("the bot's own policy check and suite do not wake it up; another app's run of that name does", () => {
    const own = parse({ check_run: { name: "agenticops/policy", head_sha: "a".repeat(40), app: { slug: "agenticops" }, pull_requests: [{ number: 4, head: { ref: BRANCH } }] }, repository });
    expect(governanceTargets(own, "agenticops")).toEqual({ numbers: [], branches: [] });
    const suite = parse({ check_suite: { head_sha: "a".repeat(40), head_branch: BRANCH, app: { slug: "agenticops" }, pull_requests: [] }, repository });
    expect(governanceTargets(suite, "agenticops")).toEqual({ numbers: [], branches: [] });
    const impostor = parse({ check_run: { name: "agenticops/policy", head_sha: "a".repeat(40), app: { slug: "other" }, pull_requests: [{ number: 4, head: { ref: BRANCH } }] }, repository });
    expect(governanceTargets(impostor, "agenticops")).toEqual({ numbers: [4], branches: [] });
  });

  test("a status names branches; only the bot's are kept", () => {
    const event = parse({ sha: "a".repeat(40), context: "ci/jenkins", state: "success", branches: [{ name: BRANCH }, { name: "main" }], repository });
    expect(governanceTargets(event, "agenticops")).toEqual({ numbers: [], branches: [BRANCH] });
  });
});
