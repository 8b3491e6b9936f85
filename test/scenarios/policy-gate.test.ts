import { afterEach, describe, expect, test } from "@jest/globals";
import { readFile } from "node:fs/promises";
import { parseDrill } from "../../src/sandbox/drill/load-drill.js";
import { installationRestClient, openDrillSession, type DrillSession } from "./support/drill-session.js";

const CONFIG = "        .github/agenticops.yml: |\n          version: 1\n";

/** The image-pin drill, with `extra` config lines added to the repository's .github/agenticops.yml. */
const pinDrill = async (extra = "") => {
  const text = await readFile("drills/rollback-image-pin.yml", "utf8");
  if (!text.includes(CONFIG)) throw new Error("the image-pin drill's config moved; update this test");
  return parseDrill(text.replace(CONFIG, `${CONFIG}${extra}`), "rollback-image-pin-with-policy.yml");
};

let session: DrillSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe("the policy gate in the sandbox, with the bundled policies", () => {
  test("an open issue labelled agenticops/stop stops the rollback: no branch, no pull request, no incident issue", async () => {
    session = await openDrillSession(await pinDrill());
    const rest = await installationRestClient(session);
    await rest.rest.issues.create({ owner: "acme", repo: "shop", title: "Stop the bot during the migration", labels: ["agenticops/stop"] });
    await session.player.play();
    const { sandbox, seeded } = session;
    expect(sandbox.log.webhooks.map((w) => w.status)).toEqual([200]);
    expect(seeded.repoState.issues.map((i) => i.title)).toEqual(["Stop the bot during the migration"]);
    const calls = sandbox.log.apiCalls.map((c) => `${c.method} ${c.route}`);
    expect(calls).toContain("GET /repos/{owner}/{repo}/issues");
    expect(calls.filter((c) => c.startsWith("POST") && !c.endsWith("/access_tokens") && !c.includes("/issues"))).toEqual([]);
    expect(calls).not.toContain("POST /repos/{owner}/{repo}/git/refs");
  });

  test("the repository's policy section allows only reverts: the pin is denied and the issue names the repository's rule", async () => {
    session = await openDrillSession(await pinDrill("          policy:\n            allowed_actions: [revert-commits]\n"));
    await session.player.play();
    const { sandbox, seeded } = session;
    expect(sandbox.log.webhooks.map((w) => w.status)).toEqual([200]);
    expect(seeded.repoState.issues.filter((i) => i.pull)).toEqual([]);
    const incident = seeded.repoState.issues.find((i) => !i.pull);
    expect(incident?.body).toMatch(/The policy gate denied the rollback \(repository-allowed-actions@[0-9a-f]{4}: set-image-tag is not an allowed action in production \(allowed: revert-commits\)\)/);
  });

  test("allowed: the pull request lists every rule that applied, with its policy, and the approvals", async () => {
    session = await openDrillSession(await pinDrill());
    await session.player.play();
    const pulls = session.seeded.repoState.issues.filter((i) => i.pull);
    expect(pulls).toHaveLength(1);
    const body = pulls[0]!.body ?? "";
    const rows = [...body.matchAll(/^\| `([a-z-]+)@[0-9a-f]{4}` \| (builtin|default) \| allow \| /gm)].map((m) => `${m[2]}:${m[1]}`);
    expect(rows).toEqual(["builtin:mode", "builtin:protected-paths", "builtin:kill-switch", "default:allowed-actions", "default:rollback-scope", "default:bounds", "default:step-budget", "default:rate-limit", "default:approvals"]);
    expect(body).toContain("Approvals required: 1. Automerge: not granted.");
  });
});
