import type { JobLogLines } from "../../ports/code-host.js";
import type { RepoRef } from "../../schemas/signal.js";
import { decodeLogLines } from "../../core/diagnose/decode-log-lines.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { httpStatus, type Octokit } from "./github-call.js";

const failed = (jobId: number, error: unknown): AgenticOpsError =>
  new AgenticOpsError("CODE_HOST_FAILED", `GitHub API call failed: stream log of job ${jobId} (status ${httpStatus(error) ?? "none"})`, {
    cause: error,
    details: { what: `stream log of job ${jobId}`, status: httpStatus(error) },
  });

/**
 * A job's log as lines, downloaded as a stream. GitHub answers 302 to a signed URL on another
 * host; fetch follows it (without the token). With `parseSuccessResponseBody: false` Octokit hands
 * back fetch's body stream unread, so at most `maxBytes` travel, and stopping early cancels it.
 */
export const streamJobLogLines = (octokit: Octokit, repo: RepoRef, jobId: number, maxBytes: number): JobLogLines => {
  const open = async (): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>> => {
    let body: unknown;
    try {
      ({ data: body } = await octokit.request("GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs", {
        owner: repo.owner,
        repo: repo.name,
        job_id: jobId,
        request: { parseSuccessResponseBody: false },
      }));
    } catch (error) {
      throw failed(jobId, error);
    }
    if (body === null || body === undefined) return [];
    if (typeof body !== "object" || !(Symbol.asyncIterator in body)) throw failed(jobId, new TypeError("the log response has no body stream"));
    return rethrowing(body as AsyncIterable<Uint8Array>, jobId);
  };
  return decodeLogLines(open, maxBytes);
};

// A connection dropped mid-download is a code-host failure like any other.
async function* rethrowing(body: AsyncIterable<Uint8Array>, jobId: number): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (error) {
    throw failed(jobId, error);
  }
}
