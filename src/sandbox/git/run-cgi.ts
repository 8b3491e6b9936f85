import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface CgiResult {
  exitCode: number;
  /** Whether the script got as far as sending its headers. */
  responded: boolean;
  stderr: string;
}

/**
 * Runs a CGI script for one request: streams the request body to its stdin, turns its header
 * block (`Status:` and the rest) into the HTTP status and headers, and streams the remaining
 * output with backpressure. The response is left open so the caller can act before ending it.
 */
export function runCgi(command: string, env: Record<string, string>, req: IncomingMessage, res: ServerResponse): Promise<CgiResult> {
  return new Promise((resolve) => {
    const child = spawn(command, [], { env, stdio: ["pipe", "pipe", "pipe"] });
    const stderr: Buffer[] = [];
    let pending: Buffer | null = Buffer.alloc(0);

    child.stdin.on("error", () => undefined);
    req.pipe(child.stdin);
    // A client that hangs up mid-request would otherwise leave the script waiting on stdin.
    req.on("close", () => {
      if (!req.complete && child.exitCode === null) child.kill();
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.stdout.on("data", (chunk: Buffer) => {
      if (pending === null) return write(chunk);
      pending = Buffer.concat([pending, chunk]);
      const end = headerEnd(pending);
      if (end === null) return;
      const { status, headers } = parseCgiHeaders(pending.subarray(0, end.index).toString("latin1"));
      const body = pending.subarray(end.index + end.length);
      pending = null;
      res.writeHead(status, headers);
      if (body.length > 0) write(body);
    });
    child.on("error", (cause) => stderr.push(Buffer.from(String(cause))));
    child.on("close", (code) => {
      resolve({ exitCode: code ?? -1, responded: pending === null, stderr: Buffer.concat(stderr).toString("utf8") });
    });

    function write(chunk: Buffer): void {
      if (res.write(chunk)) return;
      child.stdout.pause();
      res.once("drain", () => child.stdout.resume());
    }
  });
}

function headerEnd(buffer: Buffer): { index: number; length: number } | null {
  const crlf = buffer.indexOf("\r\n\r\n");
  const lf = buffer.indexOf("\n\n");
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { index: crlf, length: 4 };
  return lf === -1 ? null : { index: lf, length: 2 };
}

export function parseCgiHeaders(block: string): { status: number; headers: Record<string, string | string[]> } {
  let status = 200;
  const headers: Record<string, string | string[]> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === "status") {
      status = Number.parseInt(value, 10) || 500;
      continue;
    }
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { status, headers };
}
