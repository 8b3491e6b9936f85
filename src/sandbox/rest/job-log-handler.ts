import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobRecord, SandboxState } from "../state/sandbox-state.js";
import { verifyJobLogToken } from "./job-log-tokens.js";

const LOG_PATH = /^\/_logs\/jobs\/(\d+)$/;

const findJob = (state: SandboxState, id: number): JobRecord | undefined => {
  for (const repoState of state.repos.values()) {
    const job = repoState.jobs.find((j) => j.id === id);
    if (job) return job;
  }
  return undefined;
};

/**
 * Serves the URLs the job-logs endpoint redirects to: `GET /_logs/jobs/<id>?token=…` answers the
 * job's log as text/plain. Like GitHub's pre-signed URLs it needs no API credentials, only a valid
 * token; an unknown job or a bad or expired token is 404. Other paths are left to the next handler.
 */
export const createJobLogHandler =
  (state: SandboxState) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const match = LOG_PATH.exec(url.pathname);
    if (!match || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const id = Number(match[1]);
    const job = findJob(state, id);
    const token = url.searchParams.get("token") ?? "";
    if (!job || !verifyJobLogToken(state, id, token)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not Found");
      return true;
    }
    const whole = Buffer.from(job.log, "utf8");
    // Blob storage honours suffix ranges (`bytes=-N`: the last N bytes), as GitHub's log URLs do.
    const suffix = /^bytes=-(\d+)$/.exec(String(req.headers.range ?? ""));
    const start = suffix ? Math.max(0, whole.length - Number(suffix[1])) : 0;
    const body = whole.subarray(start);
    const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "content-length": String(body.length) };
    if (suffix) headers["content-range"] = `bytes ${start}-${Math.max(start, whole.length - 1)}/${whole.length}`;
    res.writeHead(suffix ? 206 : 200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
