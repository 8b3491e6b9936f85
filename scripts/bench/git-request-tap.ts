/**
 * Counts the git smart-HTTP requests the sandbox serves, from outside it: Node's
 * `http.server.request.start` diagnostics channel sees every request any server in this process
 * receives, so the sandbox needs no hook for the benchmark.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";

export interface GitRequest {
  /** "info/refs?service=git-upload-pack", "git-upload-pack", "info/refs?service=git-receive-pack" or "git-receive-pack" */
  what: string;
  method: string;
  status: number;
  /** server side: request received → response finished */
  durationMs: number;
}

interface RequestStart {
  request: IncomingMessage;
  response: ServerResponse;
  socket: Socket;
}

const GIT_PATH = /\/(info\/refs|git-upload-pack|git-receive-pack)$/;
const CHANNEL = "http.server.request.start";

export class GitRequestTap {
  private requests: GitRequest[] = [];
  private readonly listener = (message: unknown): void => this.onRequest(message as RequestStart);

  constructor(private readonly port: number) {}

  start(): void {
    subscribe(CHANNEL, this.listener);
  }

  stop(): void {
    unsubscribe(CHANNEL, this.listener);
  }

  /** The requests finished since the last call. */
  take(): GitRequest[] {
    const taken = this.requests;
    this.requests = [];
    return taken;
  }

  private onRequest({ request, response, socket }: RequestStart): void {
    if (socket.localPort !== this.port) return;
    const url = new URL(request.url ?? "/", "http://sandbox.invalid");
    const match = GIT_PATH.exec(url.pathname);
    if (!match) return;
    const service = url.searchParams.get("service");
    const what = match[1] === "info/refs" && service ? `info/refs?service=${service}` : (match[1] ?? "");
    const started = performance.now();
    response.once("finish", () => {
      this.requests.push({ what, method: request.method ?? "", status: response.statusCode, durationMs: Math.round((performance.now() - started) * 100) / 100 });
    });
  }
}
