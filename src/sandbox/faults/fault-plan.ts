import { z } from "zod";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { matchEvent, matchRoute } from "./match-route.js";
import {
  primaryRateLimit,
  secondaryRateLimit,
  serverError,
  type FaultResponse,
} from "./github-fault-responses.js";

/**
 * Selection shared by every fault: which matching calls get it. `after` skips the first N
 * matching calls; `times` caps how many get the fault. Defaults per kind (see FaultPlan).
 */
const apiTarget = {
  /** "METHOD /path" glob or substring, e.g. "POST /repos/*\/pulls"; absent = every call */
  route: z.string().min(1).optional(),
  times: z.number().int().positive().optional(),
  after: z.number().int().nonnegative().optional(),
};
const webhookTarget = {
  /** event name or glob ("check_*"); absent = every delivery */
  event: z.string().min(1).optional(),
  /** 0-based positions in the drill's delivery sequence; absent = any */
  index: z.array(z.number().int().nonnegative()).optional(),
  times: z.number().int().positive().optional(),
  after: z.number().int().nonnegative().optional(),
};

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema)]).optional();

const Latency = z.strictObject({ ms: z.number().int().positive(), ...apiTarget });
const Http5xx = z.strictObject({
  status: z.union([z.literal(500), z.literal(502), z.literal(503)]).default(502),
  ...apiTarget,
});
const SecondaryRateLimit = z.strictObject({
  status: z.union([z.literal(403), z.literal(429)]).default(403),
  /** small by default so drills stay fast; clients honour retry-after literally */
  retry_after_s: z.number().int().nonnegative().default(1),
  ...apiTarget,
});
const PrimaryRateLimit = z.strictObject({
  reset_in_s: z.number().int().nonnegative().default(1),
  ...apiTarget,
});
const Timeout = z.strictObject({ ...apiTarget });
const DuplicateDeliveries = z.strictObject({ copies: z.number().int().min(2).default(2), ...webhookTarget });
/** `copies` deliveries of the same event at once, each with its own delivery id. */
const ConcurrentDeliveries = z.strictObject({ copies: z.number().int().min(2).max(20).default(2), ...webhookTarget });

/**
 * Faults a drill injects into the sandbox. Defaults: `latency`, `duplicate_deliveries` and
 * `concurrent_deliveries` apply to every matching call/delivery; `http_5xx`, the rate limits and
 * `timeout` hit one matching call (a single transient failure is what retry logic must survive).
 * LLM faults are not here: they are entries of the LLM script (`fault: timeout|malformed|...`).
 */
export const FaultPlan = z.strictObject({
  latency: oneOrMany(Latency),
  http_5xx: oneOrMany(Http5xx),
  secondary_rate_limit: oneOrMany(SecondaryRateLimit),
  primary_rate_limit: oneOrMany(PrimaryRateLimit),
  timeout: oneOrMany(Timeout),
  duplicate_deliveries: oneOrMany(DuplicateDeliveries),
  concurrent_deliveries: oneOrMany(ConcurrentDeliveries),
});
export type FaultPlan = z.infer<typeof FaultPlan>;
export type FaultPlanInput = z.input<typeof FaultPlan>;
export type FaultKind = keyof FaultPlan;

export interface ApiFaultDecision {
  delayMs: number;
  respond?: FaultResponse;
  /** never answer; the server must release the request when it closes */
  hang?: boolean;
}
export interface WebhookFaultDecision {
  copies: number;
  concurrent: boolean;
  /** distinct deliveries sent at once (concurrent_deliveries.copies) */
  concurrentCopies?: number;
}
export interface InjectedFault {
  kind: FaultKind;
  /** "METHOD /path" or "webhook #<index> <event>" */
  target: string;
  /** epoch ms */
  at: number;
}

interface Rule<S> {
  kind: FaultKind;
  spec: S;
  times: number;
  after: number;
  seen: number;
  fired: number;
}

// Order matters: when several responding faults select the same call, the first one wins.
const RESPONDING = ["timeout", "http_5xx", "secondary_rate_limit", "primary_rate_limit"] as const;
const EVERY_MATCH: ReadonlySet<FaultKind> = new Set(["latency", "duplicate_deliveries", "concurrent_deliveries"]);

export interface FaultInjectorOptions {
  now?: () => number;
  /** installation named in primary rate limit messages */
  installationId?: number;
}

/** Decides, call by call, which faults of a plan apply. Each rule counts its matching calls. */
export class FaultInjector {
  readonly injected: InjectedFault[] = [];
  private readonly rules: Rule<Record<string, unknown>>[];
  private readonly now: () => number;
  private readonly installationId: number;
  private requestSeq = 0;

  constructor(plan: FaultPlanInput, opts: FaultInjectorOptions = {}) {
    const parsed = FaultPlan.safeParse(plan);
    if (!parsed.success) {
      throw new AgenticOpsError("DRILL_INVALID", "Invalid fault plan", {
        cause: parsed.error,
        hint: `Check the drill's faults against the FaultPlan schema: ${parsed.error.issues[0]?.message ?? ""}`,
        details: { issues: parsed.error.issues },
      });
    }
    this.rules = Object.entries(parsed.data).flatMap(([kind, value]) =>
      (Array.isArray(value) ? value : value ? [value] : []).map((spec: Record<string, unknown>) => ({
        kind: kind as FaultKind,
        spec,
        times: typeof spec.times === "number" ? spec.times : EVERY_MATCH.has(kind as FaultKind) ? Infinity : 1,
        after: typeof spec.after === "number" ? spec.after : 0,
        seen: 0,
        fired: 0,
      })),
    );
    this.now = opts.now ?? Date.now;
    this.installationId = opts.installationId ?? 1;
  }

  forApiCall(method: string, path: string): ApiFaultDecision {
    const target = `${method.toUpperCase()} ${path.split("?")[0] ?? path}`;
    const selects = (r: Rule<Record<string, unknown>>) =>
      typeof r.spec.route !== "string" || matchRoute(r.spec.route, method, path);
    const decision: ApiFaultDecision = { delayMs: 0 };
    for (const rule of this.rules.filter((r) => r.kind === "latency" && selects(r))) {
      if (this.fire(rule, target)) decision.delayMs += Number(rule.spec.ms);
    }
    for (const kind of RESPONDING) {
      for (const rule of this.rules.filter((r) => r.kind === kind && selects(r))) {
        // a rule pre-empted by an earlier fault still counts the call but keeps its `times`
        if (decision.respond || decision.hang) rule.seen += 1;
        else if (this.fire(rule, target)) Object.assign(decision, this.respond(rule));
      }
    }
    return decision;
  }

  forWebhook(index: number, eventName: string): WebhookFaultDecision {
    const target = `webhook #${index} ${eventName}`;
    const decision: WebhookFaultDecision = { copies: 1, concurrent: false };
    for (const rule of this.rules) {
      if (rule.kind !== "duplicate_deliveries" && rule.kind !== "concurrent_deliveries") continue;
      const { event, index: indices } = rule.spec;
      if (typeof event === "string" && !matchEvent(event, eventName)) continue;
      if (Array.isArray(indices) && !indices.includes(index)) continue;
      if (!this.fire(rule, target)) continue;
      if (rule.kind === "concurrent_deliveries") {
        decision.concurrent = true;
        decision.concurrentCopies = Math.max(decision.concurrentCopies ?? 2, Number(rule.spec.copies ?? 2));
      }
      else decision.copies = Math.max(decision.copies, Number(rule.spec.copies));
    }
    return decision;
  }

  private fire(rule: Rule<unknown>, target: string): boolean {
    rule.seen += 1;
    if (rule.seen <= rule.after || rule.fired >= rule.times) return false;
    rule.fired += 1;
    this.injected.push({ kind: rule.kind, target, at: this.now() });
    return true;
  }

  private respond(rule: Rule<Record<string, unknown>>): Omit<ApiFaultDecision, "delayMs"> {
    const requestId = `5A4D:B0X0:${(++this.requestSeq).toString(16).toUpperCase().padStart(6, "0")}`;
    const spec = rule.spec;
    switch (rule.kind) {
      case "timeout":
        return { hang: true };
      case "http_5xx":
        return { respond: serverError(Number(spec.status), requestId) };
      case "secondary_rate_limit":
        return { respond: secondaryRateLimit(Number(spec.status), Number(spec.retry_after_s), this.now(), requestId) };
      default:
        return { respond: primaryRateLimit(this.installationId, Number(spec.reset_in_s), this.now(), requestId) };
    }
  }
}
