import type { Mode } from "../../schemas/mode.js";
import type { RepoConfig } from "../../schemas/repo-config.js";

/**
 * The mode a runbook runs in. Observe is a floor: a repository in observe never acts, whatever
 * its runbooks say (the config schema rejects such overrides). Otherwise a runbook's override
 * wins, lowering it (automate → assist → observe) or raising it to automate for that runbook only.
 */
export const effectiveMode = (config: Pick<RepoConfig, "mode" | "runbooks">, runbookId: string | null): Mode => {
  if (config.mode === "observe") return "observe";
  const override = runbookId === null ? undefined : config.runbooks[runbookId];
  return override?.mode ?? config.mode;
};
