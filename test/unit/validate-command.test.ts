import { describe, expect, test } from "@jest/globals";
import { validateCommand } from "../../src/cli/validate-command.js";
import { ValidationReport } from "../../src/schemas/validation-report.js";

const FIXTURES = "test/fixtures/validate";

/** Runs the command from the repository root with captured output. */
const run = async (...args: string[]) => {
  let stdout = "";
  let stderr = "";
  const code = await validateCommand(args, { cwd: process.cwd(), stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr, lines: stdout.trimEnd().split("\n") };
};

describe("agenticops validate on a tree", () => {
  test("a valid repository: its runbook, policy and config, with their examples and tests run", async () => {
    const { code, stdout, stderr } = await run(`${FIXTURES}/valid`);
    expect(stderr).toBe("");
    expect(stdout).toBe(
      [
        `✓ ${FIXTURES}/valid/.github/agenticops/runbooks/nightly-rerun.yaml  repository runbook nightly-rerun, 2 examples passed`,
        `✓ ${FIXTURES}/valid/policies/team.yaml  policy team, 2 tests passed`,
        `✓ ${FIXTURES}/valid/.github/agenticops.yml  config`,
        "",
        "1 runbook, 1 policy, 1 config: 2 examples and 2 policy tests passed, 0 failed",
        "",
      ].join("\n"),
    );
    expect(code).toBe(0);
  });

  test("a runbook with wrong types is rejected at each place, and its valid sibling still runs its examples", async () => {
    const { code, lines } = await run(`${FIXTURES}/wrong-types`);
    const file = `${FIXTURES}/wrong-types/.github/agenticops/runbooks/scale-web.yaml`;
    expect(lines).toEqual([
      `✓ ${FIXTURES}/wrong-types/.github/agenticops/runbooks/nightly-rerun.yaml  repository runbook nightly-rerun, 2 examples passed`,
      `✗ ${file}  repository runbook, 4 problems`,
      `    ${file}:4:7: risk: expected one of low, medium, high (got 3; quote it in YAML to keep it as text)`,
      `    ${file}:5:11: triggers: expected a list (got "KubeHpaMaxedOut")`,
      `    ${file}:13:22: rollback.inverse: expected true (the catalog's inverse of each step); to undo differently, give steps (got "yes")`,
      `    ${file}:14:49: verification.within: expected a duration such as "90s", "5m", "1h" or "2d" (got "15 minutes")`,
      "",
      "2 runbooks, 0 policies, 0 configs: 2 examples and 0 policy tests passed, 0 failed; 4 problems in 1 file",
    ]);
    expect(code).toBe(1);
  });

  test("an unknown action names the catalogued ones and the likely typo", async () => {
    const { code, lines } = await run(`${FIXTURES}/unknown-action`);
    expect(lines[1]).toBe(
      `    ${FIXTURES}/unknown-action/.github/agenticops/runbooks/restart-api.yaml:9:13: steps[0].action: expected one of revert-commits, set-image-tag, scale-replicas, set-resources, set-yaml-value, rerun-failed-jobs, open-incident-issue, comment (got "revert-commit") (did you mean "revert-commits"?)`,
    );
    expect(code).toBe(1);
  });

  test("a runbook without rollback is told how to write one", async () => {
    const { code, lines } = await run(`${FIXTURES}/missing-rollback`);
    expect(lines.slice(0, 2)).toEqual([
      `✗ ${FIXTURES}/missing-rollback/.github/agenticops/runbooks/comment-on-failure.yaml  repository runbook, 1 problem`,
      `    ${FIXTURES}/missing-rollback/.github/agenticops/runbooks/comment-on-failure.yaml:1:1: rollback: missing required key "rollback"; every runbook says how to undo it: \`rollback: { inverse: true }\` (the catalog's inverse of each step) or \`rollback: { steps: [...] }\``,
    ]);
    expect(code).toBe(1);
  });

  test("a failing policy test is reported at the test with what differed; the sibling policy passes", async () => {
    const { code, lines } = await run(`${FIXTURES}/failing-policy-test`);
    const file = `${FIXTURES}/failing-policy-test/policies/strict.yaml`;
    expect(lines).toEqual([
      `✓ ${FIXTURES}/failing-policy-test/policies/a-team.yaml  policy team, 2 tests passed`,
      `✗ ${file}  policy strict, 1 of 2 tests failed`,
      `    ${file}:13:5: tests[1]: "a re-run is allowed": expected allow, got deny (mode=allow, protected-paths=allow, kill-switch=allow, allowed-actions=deny, approvals=allow)`,
      `    ${file}:13:5: tests[1]: "a re-run is allowed": expected rule allowed-actions to allow, it said deny: rerun-failed-jobs is not an allowed action in production (allowed: revert-commits)`,
      "",
      "0 runbooks, 2 policies, 0 configs: 0 examples and 3 policy tests passed, 1 failed",
    ]);
    expect(code).toBe(1);
  });

  test("a bad config: wrong values, an unknown key and a runbook id no runbook has", async () => {
    const { code, lines } = await run(`${FIXTURES}/bad-config`);
    const file = `${FIXTURES}/bad-config/.github/agenticops.yml`;
    expect(lines.slice(0, 5)).toEqual([
      `✗ ${file}  config, 4 problems`,
      `    ${file}:1:7: mode: expected one of observe, assist, automate (got "automatic") (did you mean "automate"?)`,
      `    ${file}:2:14: kill_switch: expected true or false (got "no")`,
      `    ${file}:4:3: runbooks.deploy-failed-rolback: no runbook has the id "deploy-failed-rolback" (did you mean "deploy-failed-rollback"?); known runbooks: cpu-saturation-scale-up, crashloop-after-deploy-rollback, deploy-failed-rollback, flaky-test-rerun, image-pin, oomkilled-raise-memory`,
      `    ${file}:6:1: deploy: unknown key "deploy" (did you mean "deploys"?)`,
    ]);
    expect(code).toBe(1);
  });

  test("a directory holding none of the files is an error", async () => {
    const { code, lines } = await run(`${FIXTURES}/empty`);
    expect(lines[0]).toBe(`✗ no runbooks, policies or .github/agenticops.yml under ${FIXTURES}/empty`);
    expect(code).toBe(1);
  });

  test("the repository's own runbooks/ and policies/ are valid, examples and tests included", async () => {
    const { code, lines, stdout } = await run(".");
    expect(stdout).not.toContain("✗");
    expect(lines.at(-1)).toMatch(/^\d+ runbooks, \d+ policies, \d+ configs?: \d+ examples and \d+ policy tests passed, 0 failed$/);
    expect(lines).toContain("    note: in a subfolder of policies/: checked and tested here, never loaded by the app");
    expect(code).toBe(0);
  });
});

describe("agenticops validate on named files", () => {
  test("a config alone is checked against the runbooks of its tree, and only it is reported", async () => {
    const { code, lines } = await run(`${FIXTURES}/valid/.github/agenticops.yml`);
    expect(lines).toEqual([`✓ ${FIXTURES}/valid/.github/agenticops.yml  config`, "", "0 runbooks, 0 policies, 1 config: 0 examples and 0 policy tests passed, 0 failed"]);
    expect(code).toBe(0);
  });

  test("a file outside the app's places is told apart by its content; one that is none of them is an error", async () => {
    const { code, lines } = await run(`${FIXTURES}/loose/team-policy.yaml`, `${FIXTURES}/loose/deployment.yaml`);
    expect(lines).toEqual([
      `✓ ${FIXTURES}/loose/team-policy.yaml  policy loose-team, 1 test passed`,
      `✗ ${FIXTURES}/loose/deployment.yaml: cannot tell what this file is: a runbook has steps, a policy has rules, and the repository's settings live in .github/agenticops.yml`,
      "",
      "0 runbooks, 1 policy, 0 configs: 0 examples and 1 policy test passed, 0 failed",
    ]);
    expect(code).toBe(1);
  });
  test("a folder that is no tree (runbooks/, .github/) is read as its files, leaving out other tools' YAML", async () => {
    const github = await run(`${FIXTURES}/valid/.github`);
    expect(github.lines[0]).toBe(`✓ ${FIXTURES}/valid/.github/agenticops.yml  config`);
    expect(github.code).toBe(0);
    const loose = await run(`${FIXTURES}/loose`);
    expect(loose.lines).toEqual([`✓ ${FIXTURES}/loose/team-policy.yaml  policy loose-team, 1 test passed`, "", "0 runbooks, 1 policy, 0 configs: 0 examples and 1 policy test passed, 0 failed"]);
    expect(loose.code).toBe(0);
  });
});

describe("agenticops validate output and usage", () => {
  test("--json prints the public report", async () => {
    const { code, stdout } = await run(`${FIXTURES}/failing-policy-test`, "--json");
    const report = ValidationReport.parse(JSON.parse(stdout));
    expect(report.valid).toBe(false);
    expect(report.totals).toEqual({ runbooks: 0, policies: 2, configs: 0, examples: { passed: 0, failed: 0 }, policyTests: { passed: 3, failed: 1 }, problems: 0, invalidFiles: 1 });
    expect(report.files[1]?.tests[1]).toMatchObject({ kind: "policy-test", index: 1, name: "a re-run is allowed", line: 13, column: 5, passed: false });
    expect(code).toBe(1);
  });

  test("an unknown option or a missing path is a usage error", async () => {
    const flag = await run("--jsn");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("usage: agenticops validate [dir | file ...] [--json]");
    const missing = await run(`${FIXTURES}/nowhere`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`${FIXTURES}/nowhere: no such file or directory\nusage: agenticops validate [dir | file ...] [--json]\n`);
    expect(missing.stdout).toBe("");
  });
});
