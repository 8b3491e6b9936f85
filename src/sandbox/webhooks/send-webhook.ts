import type { Sandbox } from "../sandbox-server.js";
import type { WebhookEntry } from "../call-log.js";
import { deliverWebhook, newDeliveryId } from "./webhook-delivery.js";

/**
 * Delivers one event to the app, applying the drill's webhook faults, and logs every copy.
 * `duplicate_deliveries`: the same delivery (same X-GitHub-Delivery) again, after the first.
 * `concurrent_deliveries`: two deliveries of the same event at once, with distinct delivery ids,
 * as when GitHub and a redelivery or two app replicas race; with duplicates, copies share the id.
 */
export const sendWebhook = async (
  sandbox: Sandbox,
  index: number,
  event: string,
  payload: Record<string, unknown>,
): Promise<WebhookEntry[]> => {
  const target = sandbox.webhookTargetOrThrow;
  const { copies, concurrent, concurrentCopies } = sandbox.faults.forWebhook(index, event);
  const sharedId = newDeliveryId();
  const total = concurrent && copies < 2 ? (concurrentCopies ?? 2) : Math.max(1, copies);
  const idOf = (copy: number): string => (copies > 1 || copy === 0 ? sharedId : newDeliveryId());
  const action = typeof payload["action"] === "string" ? payload["action"] : undefined;
  const sendOne = async (copy: number): Promise<WebhookEntry> => {
    const id = idOf(copy);
    const result = await deliverWebhook({ url: target.url, secret: target.secret, appId: target.appId }, { id, event, payload });
    const entry: WebhookEntry = { event, delivery: id, status: result.status, durationMs: result.durationMs, ...(action ? { action } : {}), ...(copy > 0 ? { duplicate: true } : {}) };
    sandbox.log.recordWebhook(entry);
    return entry;
  };
  const indexes = Array.from({ length: total }, (_, i) => i);
  if (concurrent) return Promise.all(indexes.map(sendOne));
  const entries: WebhookEntry[] = [];
  for (const i of indexes) entries.push(await sendOne(i));
  return entries;
};
