import type { CodeHost } from "../../ports/code-host.js";
import type { RepoRef } from "../../schemas/signal.js";
import { parseCodeowners, reviewersFor } from "./parse-codeowners.js";

/** GitHub looks for CODEOWNERS in this order and uses the first it finds. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

/** Owners of the changed paths per the default branch's CODEOWNERS; bots are never requested. */
export const reviewersFromCodeowners = async (host: CodeHost, repo: RepoRef, paths: string[], exclude: string[]): Promise<{ users: string[]; teams: string[] }> => {
  for (const file of CODEOWNERS_PATHS) {
    const text = await host.readDefaultBranchFile(repo, file);
    if (text === null) continue;
    const { rules } = parseCodeowners(text);
    const found = reviewersFor(rules, paths, { exclude });
    return { users: found.users.filter((u) => !u.endsWith("[bot]")), teams: found.teams };
  }
  return { users: [], teams: [] };
};
