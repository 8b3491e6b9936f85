import type { Context } from "probot";
import type { Octokit } from "../adapters/github/github-call.js";
import { RepoConfig } from "../schemas/repo-config.js";
import type { RepoRef } from "../schemas/signal.js";
import { AgenticOpsError } from "../core/model/agenticops-error.js";

export const CONFIG_FILE = "agenticops.yml";

/**
 * `.github/agenticops.yml` from the default branch (Probot's context.config reads the default
 * branch and follows `_extends` to org defaults). Null when the repository has not opted in.
 */
export const loadRepoConfig = (context: Context): Promise<RepoConfig | null> => parseRepoConfig(() => context.config<Record<string, unknown>>(CONFIG_FILE));

/**
 * The same file for a repository without a webhook context (alerts), through an installation
 * Octokit's config plugin; `_extends` files merge shallowly here.
 */
export const loadRepoConfigFrom = (octokit: Octokit, repo: RepoRef): Promise<RepoConfig | null> =>
  parseRepoConfig(async () => {
    const { config, files } = await octokit.config.get({ owner: repo.owner, repo: repo.name, path: `.github/${CONFIG_FILE}` });
    return files.some((f) => f.config !== null) ? (config as Record<string, unknown>) : null;
  });

const parseRepoConfig = async (read: () => Promise<Record<string, unknown> | null>): Promise<RepoConfig | null> => {
  const raw = await readConfig(read);
  if (raw === null) return null;
  const parsed = RepoConfig.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new AgenticOpsError("CONFIG_INVALID", `.github/${CONFIG_FILE} is invalid: ${problems.join("; ")}`, {
    hint: "fix the file on the default branch; `agenticops validate` checks it locally",
    details: { file: `.github/${CONFIG_FILE}`, problems },
  });
};

/**
 * The config plugin throws plain errors (no HTTP status) for files it cannot use: invalid YAML,
 * a scalar, a directory, an `_extends` cycle. Those are the user's config to fix, not a crash;
 * API failures (which carry a status) propagate so the delivery fails and can be retried.
 */
const readConfig = async (read: () => Promise<Record<string, unknown> | null>): Promise<Record<string, unknown> | null> => {
  try {
    return await read();
  } catch (error) {
    if (typeof error === "object" && error !== null && "status" in error) throw error;
    const reason = describeConfigError(error);
    throw new AgenticOpsError("CONFIG_INVALID", `.github/${CONFIG_FILE} could not be read: ${reason}`, {
      cause: error,
      hint: "fix the file on the default branch; `agenticops validate` checks it locally",
      details: { file: `.github/${CONFIG_FILE}`, problems: [reason] },
    });
  }
};

/** The plugin's message without its prefix, plus the first line of the YAML parser's (it has line and column). */
const describeConfigError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const own = error.message.replace(/^\[@probot\/octokit-plugin-config\] /, "");
  return error.cause instanceof Error ? `${own}: ${error.cause.message.split("\n")[0]}` : own;
};
