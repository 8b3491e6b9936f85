import { describe, expect, test } from "@jest/globals";
import { activeFreezes } from "../../../src/core/gate/active-freezes.js";
import { Policy } from "../../../src/schemas/policy.js";
import { RepoPolicy } from "../../../src/schemas/repo-policy.js";

const policy = (id: string, windows: unknown[], appliesTo?: unknown) =>
  Policy.parse({ id, description: id, ...(appliesTo ? { applies_to: appliesTo } : {}), rules: [{ kind: "change_freeze", windows }], tests: [{ name: "t", proposal: { action: "comment" }, expect: { verdict: "allow" } }] });
const weekend = { name: "weekend", days: ["sat", "sun"], start: "00:00", end: "00:00", timezone: "UTC" };
const SATURDAY = new Date("2026-11-28T12:00:00Z");
const MONDAY = new Date("2026-11-30T12:00:00Z");

describe("activeFreezes", () => {
  test("the organisation's windows that hold now, for the repositories they apply to", () => {
    const set = { policies: [policy("org", [weekend]), policy("other-org", [weekend], { repositories: ["other/*"] })] };
    expect(activeFreezes(set, "acme/shop", undefined, SATURDAY)).toEqual(["weekend"]);
    expect(activeFreezes(set, "acme/shop", undefined, MONDAY)).toEqual([]);
  });

  test("a window scoped to an environment still holds at merge time (the safe side), and the repository adds its own", () => {
    const set = { policies: [policy("prod", [weekend], { environments: ["production"] })] };
    const own = RepoPolicy.parse({ freeze_windows: [{ name: "release", from: "2026-11-30T00:00:00Z", until: "2026-12-01T00:00:00Z" }] });
    expect(activeFreezes(set, "acme/shop", own, SATURDAY)).toEqual(["weekend"]);
    expect(activeFreezes(set, "acme/shop", own, MONDAY)).toEqual(["release"]);
  });
});
