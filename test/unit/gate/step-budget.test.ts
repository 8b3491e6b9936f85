import { describe, expect, test } from "@jest/globals";
import { stepBudget } from "../../../src/core/gate/rules/step-budget.js";
import { facts, proposal, rule } from "./gate-fixtures.js";

describe("step_budget", () => {
  const r = rule({ kind: "step_budget", max_actions: 3 });

  test.each([
    [0, "allow", "action 1 of at most 3 for this incident"],
    [2, "allow", "action 3 of at most 3 for this incident"],
    [3, "deny", "this incident already had 3 action(s); the budget is 3"],
    [7, "deny", "this incident already had 7 action(s); the budget is 3"],
  ])("%i steps taken → %s", (stepsTaken, verdict, reason) => {
    expect(stepBudget(r, proposal(), facts({ stepsTaken }))).toEqual({ verdict, reason });
  });

  test("a budget of 0 allows nothing", () => {
    expect(stepBudget(rule({ kind: "step_budget", max_actions: 0 }), proposal(), facts())?.verdict).toBe("deny");
  });
});
