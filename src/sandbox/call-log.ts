/** Everything that crossed the sandbox's boundary, in order: the raw material of `simulate --json`. */
export interface ApiCallEntry {
  method: string;
  /** OpenAPI path template, or the raw path when no route matched */
  route: string;
  path: string;
  status: number;
  durationMs: number;
  caller: string;
  /** set when a fault was injected into this call */
  fault?: string;
  /** validation or handler problem, for loud failures */
  error?: string;
}

export interface WebhookEntry {
  event: string;
  action?: string;
  delivery: string;
  status: number;
  durationMs: number;
  /** set when the delivery was a deliberate duplicate */
  duplicate?: boolean;
}

export interface GitCallEntry {
  service: "upload-pack" | "receive-pack" | "info-refs";
  repo: string;
  status: number;
  durationMs: number;
}

export class CallLog {
  readonly apiCalls: ApiCallEntry[] = [];
  readonly webhooks: WebhookEntry[] = [];
  readonly gitCalls: GitCallEntry[] = [];

  recordApiCall(entry: ApiCallEntry): void {
    this.apiCalls.push(entry);
  }

  recordWebhook(entry: WebhookEntry): void {
    this.webhooks.push(entry);
  }

  recordGitCall(entry: GitCallEntry): void {
    this.gitCalls.push(entry);
  }

  /** Requests the real API would have rejected (4xx from validation) or that failed in the sandbox (5xx not injected). */
  problems(): ApiCallEntry[] {
    return this.apiCalls.filter((c) => c.error !== undefined && c.fault === undefined);
  }
}
