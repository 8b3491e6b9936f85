import { afterAll, describe, expect, test } from "@jest/globals";
import { seedTeam } from "../../src/sandbox/state/team-record.js";
import { startTestSandbox, type TestSandbox } from "./support/start-test-sandbox.js";

const started: TestSandbox[] = [];
const start = async (permissions: Record<string, string>) => {
  const t = await startTestSandbox({ permissions });
  started.push(t);
  seedTeam(t.sandbox.state, "acme", "sre", { frank: { role: "maintainer", state: "active" }, gina: { role: "member", state: "pending" } });
  seedTeam(t.sandbox.state, "globex", "sre", { frank: { role: "member", state: "active" } });
  return t;
};
afterAll(() => Promise.all(started.map((t) => t.close())));

const membership = (t: TestSandbox, org: string, team_slug: string, username: string) =>
  t.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug, username }).then(
    (r) => ({ status: r.status, data: r.data as unknown }),
    (e: { status: number; response?: { headers: Record<string, string> } }) => ({ status: e.status, data: e.response?.headers["x-accepted-github-permissions"] }),
  );

describe("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", () => {
  test("answers like GitHub: the role and state of a membership, 404 for a non-member or an unknown team", async () => {
    const t = await start({ members: "read" });
    const frank = await membership(t, "acme", "sre", "Frank");
    expect(frank).toEqual({ status: 200, data: { url: expect.stringMatching(/\/teams\/\d+\/memberships\/frank$/), role: "maintainer", state: "active" } });
    expect(await membership(t, "acme", "sre", "gina")).toMatchObject({ status: 200, data: { role: "member", state: "pending" } });
    expect((await membership(t, "acme", "sre", "eve")).status).toBe(404);
    expect((await membership(t, "acme", "dba", "frank")).status).toBe(404);
  });

  test("another organisation's teams are invisible to the installation", async () => {
    const t = await start({ members: "read" });
    expect((await membership(t, "globex", "sre", "frank")).status).toBe(404);
  });

  test("without the organisation's members: read the installation is refused with 403", async () => {
    const t = await start({ contents: "read" });
    expect(await membership(t, "acme", "sre", "frank")).toEqual({ status: 403, data: "members=read" });
    expect(t.sandbox.log.problems()).toEqual([expect.objectContaining({ route: "/orgs/{org}/teams/{team_slug}/memberships/{username}", status: 403 })]);
  });
});
