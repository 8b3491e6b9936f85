import type { ProbotOctokit } from "probot";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";

export type Octokit = InstanceType<typeof ProbotOctokit>;

/** HTTP status of an Octokit RequestError, if it is one. */
export const httpStatus = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "status" in error ? Number((error as { status: unknown }).status) : undefined;

/**
 * One GitHub call; any failure becomes a typed CODE_HOST_FAILED. Rate limits are retried below
 * this, by AgenticOpsOctokit's throttling, for every call including Probot's own.
 */
export const githubCall = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw new AgenticOpsError("CODE_HOST_FAILED", `GitHub API call failed: ${what} (status ${httpStatus(error) ?? "none"})`, {
      cause: error,
      details: { what, status: httpStatus(error) },
    });
  }
};
