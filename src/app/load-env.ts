import { Env, envHints } from "../schemas/env.js";
import { AgenticOpsError } from "../core/model/agenticops-error.js";

/**
 * Parse the environment at boot. Every problem is reported at once, naming the variable,
 * what is wrong and how to fix it; the values themselves are never echoed (they may be secrets).
 */
export const loadEnv = (source: Record<string, string | undefined>): Env => {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = Env.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const what = issue.code === "invalid_type" && present[name] === undefined ? "is missing" : issue.message;
    const hint = envHints[name];
    return `  - ${name} ${what}${hint ? ` (${hint})` : ""}`;
  });
  throw new AgenticOpsError("ENV_INVALID", `AgenticOps cannot start: the environment is invalid.\n${lines.join("\n")}`, {
    hint: "set the variables in .env (see .env.example) or in the process environment, then start again",
    details: { variables: result.error.issues.map((i) => String(i.path[0])) },
  });
};
