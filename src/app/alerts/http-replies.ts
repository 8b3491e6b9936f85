import type { IncomingMessage, ServerResponse } from "node:http";

/** The JSON answer every alert route gives. Always `true`: the request was handled. */
export const reply = (res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string | string[]> = {}): true => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
  return true;
};

/**
 * A refusal before the body was read: close the connection instead of draining what the sender
 * may still be uploading (up to any size), and stop reading it.
 */
export const refuseUnread = (req: IncomingMessage, res: ServerResponse, status: number, error: string, headers: Record<string, string | string[]> = {}): true => {
  res.once("finish", () => req.socket.destroySoon?.());
  return reply(res, status, { error }, { connection: "close", ...headers });
};

/** `application/json`, with at most a UTF-8 charset; and no compression we would have to undo. */
export const acceptableContent = (req: IncomingMessage): boolean => {
  const encoding = req.headers["content-encoding"]?.trim().toLowerCase();
  if (encoding && encoding !== "identity") return false;
  const [type = "", ...params] = (req.headers["content-type"] ?? "").split(";");
  if (type.trim().toLowerCase() !== "application/json") return false;
  const charset = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("charset="));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
};
