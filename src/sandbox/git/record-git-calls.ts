import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallLog, GitCallEntry } from "../call-log.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const GIT_URL = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

const serviceOf = (endpoint: string): GitCallEntry["service"] =>
  endpoint === "info/refs" ? "info-refs" : endpoint === "git-receive-pack" ? "receive-pack" : "upload-pack";

/** Logs every git smart-HTTP request the handler answers: receive-pack entries are pushes. */
export const recordGitCalls = (handler: Handler, log: CallLog): Handler => async (req, res) => {
  const match = GIT_URL.exec(new URL(req.url ?? "/", "http://sandbox").pathname);
  const started = performance.now();
  const handled = await handler(req, res);
  if (handled && match) {
    const record = () =>
      log.recordGitCall({ service: serviceOf(match[3] ?? ""), repo: `${match[1]}/${match[2]}`, status: res.statusCode, durationMs: Math.round((performance.now() - started) * 100) / 100 });
    if (res.writableFinished) record();
    else res.once("finish", record);
  }
  return handled;
};
