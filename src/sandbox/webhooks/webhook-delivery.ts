import { createHmac, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";

export interface WebhookTarget {
  url: string;
  secret: string;
  /** X-GitHub-Hook-ID; a GitHub App has one hook */
  hookId?: number;
  /** X-GitHub-Hook-Installation-Target-ID: the App id for target type `integration` */
  appId?: number;
}

export interface WebhookDelivery {
  /** X-GitHub-Delivery, a UUID (see newDeliveryId); copies of a duplicated delivery share it */
  id: string;
  event: string;
  payload: unknown;
}

export interface DeliveryResult {
  status: number;
  durationMs: number;
  body: string;
}

// GitHub gives up on a hook after 10 s and records the delivery as failed.
const GITHUB_TIMEOUT_MS = 10_000;
// real deliveries carry a short hex build id here
const HOOKSHOT_VERSION = "5a4db0c";

export const newDeliveryId = (): string => randomUUID();

export const signWebhookBody = (secret: string, body: string) => ({
  sha256: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  sha1: `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`,
});

/** POSTs a delivery the way GitHub does: compact JSON, signed, with Hookshot's headers. */
export async function deliverWebhook(
  target: WebhookTarget,
  delivery: WebhookDelivery,
  opts: { timeoutMs?: number } = {},
): Promise<DeliveryResult> {
  const body = JSON.stringify(delivery.payload);
  const signature = signWebhookBody(target.secret, body);
  const started = performance.now();
  try {
    const res = await fetch(target.url, {
      method: "POST",
      headers: {
        accept: "*/*",
        "content-type": "application/json",
        "user-agent": `GitHub-Hookshot/${HOOKSHOT_VERSION}`,
        "x-github-event": delivery.event,
        "x-github-delivery": delivery.id,
        "x-github-hook-id": String(target.hookId ?? 1),
        "x-github-hook-installation-target-type": "integration",
        "x-github-hook-installation-target-id": String(target.appId ?? 1),
        "x-hub-signature": signature.sha1,
        "x-hub-signature-256": signature.sha256,
      },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? GITHUB_TIMEOUT_MS),
    });
    const text = await res.text();
    return { status: res.status, durationMs: Math.round(performance.now() - started), body: text };
  } catch (cause) {
    throw new AgenticOpsError("SANDBOX_FAILED", `Webhook delivery ${delivery.id} (${delivery.event}) failed`, {
      cause,
      hint: `Check that the app listens on ${target.url} and answers within ${opts.timeoutMs ?? GITHUB_TIMEOUT_MS} ms.`,
      details: { url: target.url, event: delivery.event, deliveryId: delivery.id },
    });
  }
}
