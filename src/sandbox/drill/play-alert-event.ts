import { performance } from "node:perf_hooks";
import type { z } from "zod";
import type { AlertDrillEvent } from "../../schemas/drill-event.js";
import type { Expectation } from "../../schemas/simulation-result.js";
import type { AlertEpisodes } from "../alerts/alert-episodes.js";
import { completeAlertPayload } from "../alerts/complete-alert-payload.js";
import { SANDBOX_ALERT_TOKEN } from "../alerts/drill-alerts.js";
import type { Sandbox } from "../sandbox-server.js";
import { asList, expectation, quoted } from "./expectation-text.js";

type AlertEvent = z.infer<typeof AlertDrillEvent>;

/** How the app answered one `alert:` event, with what the drill expected of the answer. */
export interface AlertAnswer {
  index: number;
  kind: AlertEvent["alert"];
  status: number;
  answer: string;
  expectStatus?: number;
  expectAnswerContains: readonly string[];
}

const authorization = (auth: AlertEvent["auth"]): Record<string, string> => {
  if (auth === "none") return {};
  if (auth && "basic" in auth) return { authorization: `Basic ${Buffer.from(auth.basic).toString("base64")}` };
  return { authorization: `Bearer ${auth?.bearer ?? SANDBOX_ALERT_TOKEN}` };
};

/**
 * Posts an `alert:` event to the app's own alert route, as the monitoring system would: the
 * payload completed with the sender's defaults (episode times from `episodes`), or `body` as
 * written; the sandbox's token unless `auth` says otherwise. Recorded with the webhooks.
 */
export const playAlertEvent = async (sandbox: Sandbox, event: AlertEvent, index: number, episodes: AlertEpisodes): Promise<AlertAnswer> => {
  const url = new URL(`/alerts/${event.alert}`, sandbox.webhookTargetOrThrow.url).toString();
  const body = event.body ?? JSON.stringify(completeAlertPayload(event.alert, event.payload ?? {}, sandbox.state.now(), episodes));
  const headers = { "content-type": event.content_type ?? "application/json", ...authorization(event.auth) };
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers, body });
  const answer = await res.text();
  sandbox.log.recordWebhook({ event: `alert:${event.alert}`, delivery: `alert-${index}`, status: res.status, durationMs: Math.round(performance.now() - started) });
  return { index, kind: event.alert, status: res.status, answer, ...(event.expect_status !== undefined ? { expectStatus: event.expect_status } : {}), expectAnswerContains: asList(event.expect_answer_contains) };
};

/** One expectation per `expect_status` and per `expect_answer_contains` string of the alert events. */
export const checkAlertAnswers = (answers: readonly AlertAnswer[]): Expectation[] =>
  answers.flatMap((a) => {
    const name = `events[${a.index}] (alert:${a.kind})`;
    const status = a.expectStatus === undefined ? [] : [expectation(`${name} answered ${a.expectStatus} (got ${a.status})`, a.status === a.expectStatus, a.answer)];
    return [...status, ...a.expectAnswerContains.map((text) => expectation(`${name} answer contains ${quoted(text)}`, a.answer.includes(text), a.answer))];
  });


