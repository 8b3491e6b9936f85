import type { Context } from "probot";
import { RepoConfig } from "../schemas/repo-config.js";
import { AgenticOpsError } from "../core/model/agenticops-error.js";

export const CONFIG_FILE = "agenticops.yml";

/**
 * `.github/agenticops.yml` from the default branch (Probot's context.config reads the default
 * branch and follows `_extends` to org defaults). Null when the repository has not opted in.
 */
export const loadRepoConfig = async (context: Context): Promise<RepoConfig | null> => {
  const raw = await context.config<Record<string, unknown>>(CONFIG_FILE);
  if (raw === null) return null;
  const parsed = RepoConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new AgenticOpsError("CONFIG_INVALID", `.github/${CONFIG_FILE} is invalid: ${problems.join("; ")}`, {
    hint: "fix the file on the default branch; `agenticops validate` checks it locally",
    details: { file: `.github/${CONFIG_FILE}`, problems },
  });
};
