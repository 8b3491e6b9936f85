import { describe, expect, test } from "@jest/globals";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAlertRoutes, parseAlertRoutes } from "../../src/adapters/alerts/load-alert-routes.js";
import { isAgenticOpsError } from "../../src/core/model/agenticops-error.js";

const failure = (text: string): string => {
  try {
    parseAlertRoutes(text, "alert-routes.yml");
  } catch (error) {
    if (isAgenticOpsError(error, "CONFIG_INVALID")) return error.message;
    throw error;
  }
  throw new Error("accepted an invalid routing file");
};

describe("the alert routing file", () => {
  test("a valid file, with defaults", async () => {
    const dir = await mkdtemp(join(tmpdir(), "routes-"));
    try {
      const file = join(dir, "alert-routes.yml");
      await writeFile(file, "routes:\n  - match: { service: shop }\n    repository: acme/shop\nrepository_label:\n  allow: [acme/*]\n");
      expect(await loadAlertRoutes(file)).toEqual({
        version: 1,
        repository_label: { label: "repository", allow: ["acme/*"] },
        routes: [{ match: { service: "shop" }, repository: "acme/shop" }],
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("every problem is named with file:line:column and its path", () => {
    const message = failure(["routes:", "  - match: { namespace: { regex: \"shop-(\" } }", "    repository: shop", "    servce: shop", ""].join("\n"));
    expect(message).toContain("alert routing file alert-routes.yml is invalid (3 problems):");
    expect(message).toContain("alert-routes.yml:2:34: routes[0].match.namespace.regex: expected a valid regular expression (got \"shop-(\")");
    expect(message).toContain("alert-routes.yml:3:17: routes[0].repository: expected owner/name, e.g. acme/shop");
    expect(message).toContain('alert-routes.yml:4:5: routes[0].servce: unknown key "servce" (did you mean "service"?)');
  });

  test("a missing file says which variable to fix", async () => {
    await expect(loadAlertRoutes("/nonexistent/alert-routes.yml")).rejects.toMatchObject({ code: "CONFIG_INVALID", hint: expect.stringContaining("ALERTS_ROUTES_FILE") });
  });
});
