import { z } from "zod";
import { Glob, PolicyRule, ruleIdOf } from "./policy-rule.js";
import { PolicyTest } from "./policy-test.js";
import { timeWindowProblems } from "./time-window-problems.js";

/** Ids the gate gives its built-in rules and a repository's tightening. */
export const RESERVED_POLICY_IDS: readonly string[] = ["builtin", "repository"];

const checkRules = (rules: PolicyRule[], ctx: z.RefinementCtx): void => {
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const id = ruleIdOf(rule);
    const first = seen.get(id);
    if (first !== undefined) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `rule id "${id}" is already used by rules[${first}]; give this rule its own id` });
    else seen.set(id, i);
    if (rule.kind !== "change_freeze") return;
    rule.windows.forEach((w, j) => {
      for (const message of timeWindowProblems(w)) ctx.addIssue({ code: "custom", path: ["rules", i, "windows", j, "days" in w ? "timezone" : "until"], message });
    });
  });
};

/**
 * A policy file in `policies/`: typed rules that judge a concrete proposal, and inline tests that
 * show what they decide. Every applicable rule must allow; the worst verdict wins.
 */
export const Policy = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, "a kebab-case id such as default")
      .refine((id) => !RESERVED_POLICY_IDS.includes(id), { message: "builtin and repository name the gate's own rules; choose another id" }),
    description: z.string().min(1),
    /** where the policy applies; everywhere when omitted */
    applies_to: z
      .strictObject({
        /** `owner/name` globs, case-insensitive: `acme/*`, `acme/payments-*` */
        repositories: z.array(Glob).min(1).optional(),
        environments: z.array(Glob).min(1).optional(),
      })
      .optional(),
    rules: z.array(PolicyRule).min(1),
    /** a rule without a test is not done: at least one */
    tests: z.array(PolicyTest).min(1, "a policy needs at least one inline test"),
  })
  .superRefine((policy, ctx) => checkRules(policy.rules, ctx));
export type Policy = z.infer<typeof Policy>;
