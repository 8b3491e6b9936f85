import { describe, expect, test } from "@jest/globals";
import { effectiveMode } from "../../../src/core/gate/effective-mode.js";
import { versionedRuleId } from "../../../src/core/gate/rule-version.js";
import { Policy } from "../../../src/schemas/policy.js";
import { RepoConfig } from "../../../src/schemas/repo-config.js";
import { policy, rule } from "./gate-fixtures.js";

const messages = (input: unknown) => {
  const result = Policy.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};
const valid = { id: "p", description: "d", rules: [{ kind: "step_budget", max_actions: 1 }], tests: [{ name: "t", proposal: { action: "comment" }, expect: { verdict: "allow" } }] };

describe("Policy schema", () => {
  test("rule ids default to the kind; two of a kind need their own ids", () => {
    expect(messages({ ...valid, rules: [{ kind: "step_budget", max_actions: 1 }, { kind: "step_budget", max_actions: 2 }] })).toEqual([
      'rules.1.id: rule id "step-budget" is already used by rules[0]; give this rule its own id',
    ]);
    expect(messages({ ...valid, rules: [{ kind: "step_budget", max_actions: 1 }, { kind: "step_budget", id: "tight", max_actions: 0 }] })).toEqual([]);
  });

  test("an unknown time zone and a range that ends before it starts are refused where they are written", () => {
    const windows = [
      { name: "a", days: ["mon"], start: "09:00", end: "10:00", timezone: "Europe/Berln" },
      { name: "b", from: "2026-02-01T00:00:00Z", until: "2026-01-01T00:00:00Z" },
    ];
    expect(messages({ ...valid, rules: [{ kind: "change_freeze", windows }] })).toEqual([
      'rules.0.windows.0.timezone: unknown time zone "Europe/Berln"; use an IANA name such as Europe/Berlin',
      'rules.0.windows.1.until: "until" (2026-01-01T00:00:00Z) must be after "from" (2026-02-01T00:00:00Z)',
    ]);
  });

  test("a policy needs a test; builtin and repository are reserved ids; bounds need a limit", () => {
    expect(messages({ ...valid, tests: [] })).toEqual(["tests: a policy needs at least one inline test"]);
    expect(messages({ ...valid, id: "builtin" })).toEqual(["id: builtin and repository name the gate's own rules; choose another id"]);
    expect(messages({ ...valid, rules: [{ kind: "bounds" }] })).toEqual(["rules.0: a bounds rule needs at least one max_ or min_ limit"]);
  });

  test("an unknown rule kind cannot be written", () => {
    expect(messages({ ...valid, rules: [{ kind: "allow_everything" }] })[0]).toMatch(/^rules\.0\.kind: /);
  });

  test("a rule's version ignores its id and description but not its definition", () => {
    const a = rule({ kind: "bounds", max_replicas: 20 });
    const b = rule({ kind: "bounds", max_replicas: 20, description: "words", id: "bounds" });
    const c = rule({ kind: "bounds", max_replicas: 21 });
    expect(versionedRuleId(a)).toBe(versionedRuleId(b));
    expect(versionedRuleId(a)).not.toBe(versionedRuleId(c));
    expect(versionedRuleId(policy("x", [{ kind: "kill_switch" }]).rules[0]!)).toBe(versionedRuleId(rule({ kind: "kill_switch", label: "agenticops/stop" })));
  });
});

describe("RepoConfig modes", () => {
  test("automate is a mode; assist stays the default", () => {
    expect(RepoConfig.parse({}).mode).toBe("assist");
    expect(RepoConfig.parse({ mode: "automate" }).mode).toBe("automate");
    expect(RepoConfig.parse({}).kill_switch).toBe(false);
  });

  test("a repository in observe cannot raise a runbook above observe", () => {
    const result = RepoConfig.safeParse({ mode: "observe", runbooks: { "scale-up": { mode: "automate" }, quiet: { mode: "observe" } } });
    expect(result.success ? [] : result.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["runbooks.scale-up.mode", "the repository is in observe mode, so runbook scale-up cannot be in automate; raise the repository's mode first"],
    ]);
  });

  test("effectiveMode: the runbook's override, except that observe is a floor", () => {
    const config = RepoConfig.parse({ mode: "assist", runbooks: { "scale-up": { mode: "automate" }, "deploy-failed-rollback": { mode: "observe" } } });
    expect(effectiveMode(config, "scale-up")).toBe("automate");
    expect(effectiveMode(config, "deploy-failed-rollback")).toBe("observe");
    expect(effectiveMode(config, "other")).toBe("assist");
    expect(effectiveMode(config, null)).toBe("assist");
    expect(effectiveMode({ mode: "observe", runbooks: { x: { mode: "automate" } } }, "x")).toBe("observe");
  });

  test("the policy section rejects unknown keys and unknown zones, with their path", () => {
    const result = RepoConfig.safeParse({ policy: { max_replicas: 3, freeze_windows: [{ name: "x", days: ["sat"], start: "00:00", end: "00:00", timezone: "Nowhere/City" }] } });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join("."))).toEqual(["policy", "policy.freeze_windows.0.timezone"]);
  });
});
