import type { SandboxState } from "../state/sandbox-state.js";
import type { GitStore } from "../git/git-store.js";

/** The caller as authenticated by the sandbox, like GitHub does. */
export type Caller =
  | { kind: "app"; appId: number }
  | { kind: "installation"; installationId: number; appId: number; login: string }
  | { kind: "user"; login: string }
  | { kind: "anonymous" };

export interface RestRequest {
  method: string;
  /** The OpenAPI path template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  caller: Caller;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RestContext {
  state: SandboxState;
  git: GitStore;
  /** e.g. `http://127.0.0.1:4711` — the sandbox's own origin (for html_url, clone_url, log redirects). */
  origin: string;
  /** e.g. `http://127.0.0.1:4711/api/v3` — what Octokit uses as baseUrl. */
  apiUrl: string;
}

export type RestHandler = (req: RestRequest, ctx: RestContext) => Promise<RestResponse> | RestResponse;

export interface RestRoute {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Exactly as the key in GitHub's OpenAPI description's `paths`. */
  path: string;
  handler: RestHandler;
}

/** A typed HTTP error thrown by handlers; the server turns it into GitHub's error body. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
  ) {
    super(message);
    this.name = "RestError";
  }
}

export const notFound = (): RestError => new RestError(404, "Not Found");
export const unprocessable = (message: string, errors?: unknown[]): RestError =>
  new RestError(422, message, errors);
