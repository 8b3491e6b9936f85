import type { ProbotOctokit } from "probot";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { withRateLimitRetry } from "./with-rate-limit-retry.js";

export type Octokit = InstanceType<typeof ProbotOctokit>;

/** HTTP status of an Octokit RequestError, if it is one. */
export const httpStatus = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "status" in error ? Number((error as { status: unknown }).status) : undefined;

/** One GitHub call: secondary rate limits retried as GitHub asks, any failure a typed CODE_HOST_FAILED. */
export const githubCall = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await withRateLimitRetry(call);
  } catch (error) {
    throw new AgenticOpsError("CODE_HOST_FAILED", `GitHub API call failed: ${what} (status ${httpStatus(error) ?? "none"})`, {
      cause: error,
      details: { what, status: httpStatus(error) },
    });
  }
};
