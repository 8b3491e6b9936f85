import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import {
  createTestRepo,
  generateAppKeyPair,
  installationOctokit,
  installationToken,
  registerTestApp,
  startTestSandbox,
  type TestSandbox,
} from "./support/start-test-sandbox.js";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
/** Plain fetch, so no client-side auth logic (retries, token refresh) hides the server's answer. */
const call = async (url: string, init: RequestInit = {}) => {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as { message?: string } };
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, accept: "application/vnd.github+json" });

describe("sandbox authentication over HTTP", () => {
  let fakeNow = new Date();
  let t: TestSandbox;

  beforeAll(async () => {
    t = await startTestSandbox({ now: () => fakeNow, tokenTtlMs: 60_000 });
  });
  afterAll(() => t.close());

  test("a real Octokit exchanges its JWT for an installation token and reads the repository", async () => {
    const { data } = await t.octokit.rest.repos.get({ owner: t.owner, repo: t.repo });
    expect(data).toMatchObject({ full_name: "acme/shop", private: true, default_branch: "main" });
    const calls = t.sandbox.log.apiCalls.map((c) => `${c.method} ${c.route} ${c.status} ${c.caller}`);
    expect(calls).toEqual([
      `POST /app/installations/{installation_id}/access_tokens 201 app:${t.appId}`,
      `GET /repos/{owner}/{repo} 200 test-app-${t.appId}[bot]`,
    ]);
  });

  test("a JWT signed by a key that is not the app's is refused", async () => {
    const forged = createAppAuth({ appId: t.appId, privateKey: generateAppKeyPair().privateKey });
    const { token } = await forged({ type: "app" });
    const res = await call(`${t.sandbox.apiUrl}/app`, { headers: bearer(token) });
    expect(res).toEqual({ status: 401, body: expect.objectContaining({ message: "A JSON web token could not be decoded" }) });
    // and through Octokit: the token exchange itself fails
    const octokit = new Octokit({ baseUrl: t.sandbox.apiUrl, authStrategy: createAppAuth, auth: { appId: t.appId, privateKey: generateAppKeyPair().privateKey, installationId: t.installationId }, log: quiet });
    await expect(octokit.rest.repos.get({ owner: t.owner, repo: t.repo })).rejects.toMatchObject({ status: 401 });
  });

  test("the app's JWT cannot be used on a repository route", async () => {
    const { token } = await createAppAuth({ appId: t.appId, privateKey: t.privateKey })({ type: "app" });
    const res = await call(`${t.sandbox.apiUrl}/repos/${t.owner}/${t.repo}`, { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/JSON web token cannot be used/);
    expect(t.sandbox.log.apiCalls.at(-1)).toMatchObject({ status: 401, error: "wrong credential kind" });
  });

  test("without credentials a write is refused with 401 and the private repository is hidden", async () => {
    const res = await call(`${t.sandbox.apiUrl}/repos/${t.owner}/${t.repo}/issues`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "anonymous" }),
    });
    expect(res.status).toBe(401);
    expect((await call(`${t.sandbox.apiUrl}/repos/${t.owner}/${t.repo}`)).status).toBe(404);
    expect(t.sandbox.state.repo(t.owner, t.repo)?.issues).toEqual([]);
  });

  test("an installation token stops working once it has expired", async () => {
    const token = await installationToken(t.octokit);
    expect(token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    const url = `${t.sandbox.apiUrl}/repos/${t.owner}/${t.repo}`;
    expect((await call(url, { headers: bearer(token) })).status).toBe(200);
    fakeNow = new Date(fakeNow.getTime() + 61_000);
    const res = await call(url, { headers: bearer(token) });
    expect(res).toEqual({ status: 401, body: expect.objectContaining({ message: "Bad credentials" }) });
  });

  describe("another owner's installation", () => {
    let strangerOctokit: Octokit;

    beforeAll(async () => {
      // A second app installed on a different account, with a private repository of its own.
      const stranger = registerTestApp(t.sandbox, 202);
      const installationId = t.sandbox.installApp(202, "globex").id;
      await createTestRepo(t.sandbox, { owner: "globex", repo: "portal", installationId });
      strangerOctokit = installationOctokit(t.sandbox, stranger, installationId);
    });

    test("can read its own repository", async () => {
      const { data } = await strangerOctokit.rest.repos.get({ owner: "globex", repo: "portal" });
      expect(data.full_name).toBe("globex/portal");
    });

    test("cannot read acme's private repository", async () => {
      await expect(strangerOctokit.rest.repos.get({ owner: t.owner, repo: t.repo })).rejects.toMatchObject({ status: 404 });
    });

    test("cannot write to acme's private repository", async () => {
      const write = strangerOctokit.rest.repos.createOrUpdateFileContents({
        owner: t.owner,
        repo: t.repo,
        path: "pwned.txt",
        message: "pwned",
        content: Buffer.from("x").toString("base64"),
      });
      // GitHub hides a private repository from those without access rather than refusing the write.
      await expect(write).rejects.toMatchObject({ status: 404 });
      expect(await t.sandbox.git.resolve(t.owner, t.repo, "refs/heads/main")).toBe(t.commits.at(-1));
    });
  });
});
