import { describe, expect, test } from "@jest/globals";
import { normalizeRepoPath } from "../../../src/core/gate/path-glob.js";
import { pathBoundaries } from "../../../src/core/gate/rules/path-boundaries.js";
import { facts, proposal, rule, touching } from "./gate-fixtures.js";

const protectedRule = rule({ kind: "path_boundaries", protected: [".github/**", "policies/**", "runbooks/**", "infra/prod/*.tf"] });
const verdictFor = (...paths: string[]) => pathBoundaries(protectedRule, proposal(touching(...paths)), facts());

describe("path_boundaries", () => {
  test.each([[".github/workflows/deploy.yml"], ["policies/default.yaml"], ["runbooks/a/b/c.yaml"], ["infra/prod/main.tf"]])("%s is protected", (path) => {
    expect(verdictFor("src/ok.ts", path)).toEqual({ verdict: "deny", reason: `touches protected paths: ${path}` });
  });

  test.each([
    ["./.github/agenticops.yml", "a leading ./"],
    ["/policies/default.yaml", "a leading /"],
    ["src/../.github/CODEOWNERS", "a .. that lands in a protected folder"],
    [".GitHub/workflows/x.yml", "another letter case"],
    ["runbooks//x.yaml", "a doubled slash"],
  ])("%s is still protected (%s)", (path) => {
    expect(verdictFor(path)?.verdict).toBe("deny");
  });

  test.each([["deploy/.github-token-note.md"], ["docs/policies.md"], ["infra/prod/modules/x.tf"], ["src/runbooks/x.ts"]])("%s only looks protected", (path) => {
    expect(verdictFor(path)).toEqual({ verdict: "allow", reason: "no protected path touched" });
  });

  test("`policies/**` covers a file named exactly `policies` as well", () => {
    expect(verdictFor("policies")?.verdict).toBe("deny");
  });

  test("a path that climbs out of the repository is denied, naming it", () => {
    expect(verdictFor("../other-repo/x.ts")).toEqual({ verdict: "deny", reason: "paths outside the repository: ../other-repo/x.ts" });
  });

  test("allowed globs: every path must match one; `*` stays in its folder, `**` goes deeper", () => {
    const r = rule({ kind: "path_boundaries", allowed: ["k8s/**", "helm/*.yaml"] });
    expect(pathBoundaries(r, proposal(touching("k8s/a/b.yaml", "helm/values.yaml")), facts())).toEqual({ verdict: "allow", reason: "2 file(s), all within k8s/**, helm/*.yaml, none protected" });
    expect(pathBoundaries(r, proposal(touching("helm/charts/values.yaml", "src/app.ts")), facts())).toEqual({
      verdict: "deny",
      reason: "touches paths outside k8s/**, helm/*.yaml: helm/charts/values.yaml, src/app.ts",
    });
  });

  test("allowed globs are case-sensitive, as git paths are", () => {
    const r = rule({ kind: "path_boundaries", allowed: ["k8s/**"] });
    expect(pathBoundaries(r, proposal(touching("K8S/deployment.yaml")), facts())?.verdict).toBe("deny");
  });

  test("a change that touches no file (an API call) is within bounds", () => {
    expect(pathBoundaries(rule({ kind: "path_boundaries", allowed: ["k8s/**"] }), proposal({ action: "rerun-failed-jobs", changes: [] }), facts())).toEqual({ verdict: "allow", reason: "changes no file" });
  });
});

describe("normalizeRepoPath", () => {
  test.each([
    ["a/./b//c", "a/b/c"],
    ["./a", "a"],
    ["a/b/../c", "a/c"],
    ["..", null],
    ["a/../..", null],
    ["", null],
    ["/", null],
  ])("%s → %s", (input, output) => {
    expect(normalizeRepoPath(input)).toBe(output);
  });
});
