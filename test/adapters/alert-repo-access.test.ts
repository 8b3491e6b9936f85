import { describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { probotRepoAccess } from "../../src/app/alert-repo-access.js";

const REPO = { owner: "acme", name: "shop" };

/** A Probot whose app client knows `installations` and whose installation clients serve `configs` (null: no file). */
const fakeProbot = (installations: Record<string, number>, configs: Record<string, unknown>) => {
  const calls: string[] = [];
  const errors: unknown[] = [];
  const installationClient = (id: number) => ({
    config: {
      get: async ({ owner, repo }: { owner: string; repo: string }) => {
        calls.push(`config ${owner}/${repo} via ${id}`);
        const config = configs[`${owner}/${repo}`];
        return config === null || config === undefined ? { config: {}, files: [{ config: null }] } : { config, files: [{ config }] };
      },
    },
  });
  const appClient = {
    rest: {
      apps: {
        getRepoInstallation: async ({ owner, repo }: { owner: string; repo: string }) => {
          calls.push(`installation ${owner}/${repo}`);
          const id = installations[`${owner}/${repo}`];
          if (id === undefined) throw Object.assign(new Error("Not Found"), { status: 404 });
          return { data: { id } };
        },
      },
    },
  };
  const probot = { auth: async (id?: number) => (id === undefined ? appClient : installationClient(id)) } as unknown as Probot;
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (details: unknown) => void errors.push(details) };
  return { probot, calls, errors, log };
};

describe("probotRepoAccess", () => {
  test("an installed repository with a config gets its installation, host and parsed config", async () => {
    const { probot, log } = fakeProbot({ "acme/shop": 42 }, { "acme/shop": { services: [{ name: "checkout", files: ["k8s/a.yaml"] }] } });
    const access = await probotRepoAccess(probot, { clock: { now: () => new Date(0) }, log, dryRun: false, ttlMs: 60_000 })(REPO);
    expect(access?.installation).toBe("42");
    expect(access?.config.services.map((s) => [s.name, s.environment])).toEqual([["checkout", "production"]]);
    expect(access?.config.labels).toEqual(["agenticops"]);
  });

  test("not installed, or no .github/agenticops.yml: null; an invalid file is logged and null", async () => {
    const { probot, errors, log } = fakeProbot({ "acme/shop": 42, "acme/docs": 42, "acme/bad": 42 }, { "acme/docs": null, "acme/bad": { mode: "yolo" } });
    const resolve = probotRepoAccess(probot, { clock: { now: () => new Date(0) }, log, dryRun: false, ttlMs: 60_000 });
    expect(await resolve({ owner: "acme", name: "elsewhere" })).toBeNull();
    expect(await resolve({ owner: "acme", name: "docs" })).toBeNull();
    expect(await resolve({ owner: "acme", name: "bad" })).toBeNull();
    expect(errors).toEqual([{ repo: "acme/bad", details: { file: ".github/agenticops.yml", problems: [expect.stringMatching(/^mode: /)] } }]);
  });

  test("within the TTL nothing is asked again; after it, the last answer comes at once and a refresh follows", async () => {
    let now = 0;
    const configs: Record<string, unknown> = { "acme/shop": { labels: ["ops"] } };
    const { probot, calls, log } = fakeProbot({ "acme/shop": 42 }, configs);
    const resolve = probotRepoAccess(probot, { clock: { now: () => new Date(now) }, log, dryRun: false, ttlMs: 60_000 });
    await resolve(REPO);
    now = 59_000;
    await resolve(REPO);
    expect(calls).toEqual(["installation acme/shop", "config acme/shop via 42"]);
    configs["acme/shop"] = { labels: ["ops-v2"] };
    now = 61_000;
    expect((await resolve(REPO))?.config.labels).toEqual(["ops"]);
    await new Promise((r) => setTimeout(r, 10));
    expect((await resolve(REPO))?.config.labels).toEqual(["ops-v2"]);
    expect(calls).toHaveLength(4);
  });
});
