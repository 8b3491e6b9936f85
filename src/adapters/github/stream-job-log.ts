import type { JobLogBytes } from "../../ports/code-host.js";
import type { RepoRef } from "../../schemas/signal.js";
import { afterFirstLine, readLogBytes } from "../../core/diagnose/read-log-bytes.js";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { httpStatus, type Octokit } from "./github-call.js";

const failed = (jobId: number, error: unknown): AgenticOpsError =>
  new AgenticOpsError("CODE_HOST_FAILED", `GitHub API call failed: stream log of job ${jobId} (status ${httpStatus(error) ?? "none"})`, {
    cause: error,
    details: { what: `stream log of job ${jobId}`, status: httpStatus(error) },
  });

/** A server that ignores the range sends the whole log; it is still streamed, up to this many budgets. */
const WHOLE_LOG_BUDGETS = 8;

/**
 * A job's log as raw bytes, downloaded as a stream: its END, because that is where a failure is
 * explained. GitHub answers 302 to a signed URL on another host; fetch follows it (without the
 * token, keeping the `Range: bytes=-N` header), and blob storage answers 206 with the last N
 * bytes, whose cut first line is dropped. With `parseSuccessResponseBody: false` Octokit hands
 * back fetch's body stream unread; its chunks are passed on as they come, and stopping early
 * cancels it.
 */
export const streamJobLog = (octokit: Octokit, repo: RepoRef, jobId: number, maxBytes: number): JobLogBytes => {
  let startMissing = false;
  const open = async (): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>> => {
    let response: { data: unknown; status: number; headers: Record<string, unknown> };
    try {
      response = await octokit.request("GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs", {
        owner: repo.owner,
        repo: repo.name,
        job_id: jobId,
        headers: { range: `bytes=-${maxBytes}` },
        request: { parseSuccessResponseBody: false },
      });
    } catch (error) {
      throw failed(jobId, error);
    }
    const body = response.data;
    const range = /^bytes (\d+)-/.exec(String(response.headers["content-range"] ?? ""));
    startMissing = response.status === 206 && range !== null && Number(range[1]) > 0;
    if (body === null || body === undefined) return [];
    if (typeof body !== "object" || !(Symbol.asyncIterator in body)) throw failed(jobId, new TypeError("the log response has no body stream"));
    const bytes = rethrowing(body as AsyncIterable<Uint8Array>, jobId);
    return startMissing ? afterFirstLine(bytes) : bytes;
  };
  const bytes = readLogBytes(open, maxBytes * WHOLE_LOG_BUDGETS);
  return {
    get capped() {
      return bytes.capped;
    },
    get startMissing() {
      return startMissing;
    },
    [Symbol.asyncIterator]: () => bytes[Symbol.asyncIterator](),
  };
};

// A connection dropped mid-download is a code-host failure like any other.
async function* rethrowing(body: AsyncIterable<Uint8Array>, jobId: number): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (error) {
    throw failed(jobId, error);
  }
}
