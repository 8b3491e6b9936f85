/** Every error code the product raises. Code branches on `code`, never on message text. */
export type ErrorCode =
  | "ENV_INVALID"
  | "CONFIG_INVALID"
  | "DRILL_INVALID"
  | "DRILL_EXPECTATION_FAILED"
  | "PAYLOAD_INVALID"
  | "LLM_FAILED"
  | "GIT_FAILED"
  | "CODE_HOST_FAILED"
  | "SANDBOX_FAILED"
  | "RUNBOOK_INVALID"
  | "POLICY_INVALID"
  | "ALERT_INVALID"
  | "NOT_FOUND";

export interface AgenticOpsErrorOptions {
  cause?: unknown;
  /** How the user can fix it, in one sentence. */
  hint?: string;
  /** Structured details (file, path, expected…) for logs and JSON output. */
  details?: Record<string, unknown>;
}

export class AgenticOpsError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AgenticOpsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AgenticOpsError";
    this.code = code;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  /** Message plus hint, as shown to a human on a terminal or in a log line. */
  describe(): string {
    return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
  }
}

export const isAgenticOpsError = (value: unknown, code?: ErrorCode): value is AgenticOpsError =>
  value instanceof AgenticOpsError && (code === undefined || value.code === code);
