import { z } from "zod";
import { AlertDateTime, AlertPayloadStatus } from "./alert-payload-fields.js";

/** Prometheus label names, so generic alerts route with the same rules as Alertmanager's. */
const LabelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a label name: letters, digits and _, not starting with a digit");

/** One alert in AgenticOps' own format, for senders that are neither Alertmanager nor Grafana. */
export const GenericAlert = z
  .strictObject({
    name: z.string().min(1).max(200).describe("what is wrong, e.g. HighErrorRate; also the alertname label"),
    status: AlertPayloadStatus.default("firing").describe("firing (default) or resolved"),
    labels: z.record(LabelName, z.string()).default({}).describe("identifying facts; routing matches them (service, namespace, repository, …)"),
    annotations: z.record(z.string().min(1), z.string()).default({}).describe("free text for humans: summary, description, runbook_url"),
    startsAt: AlertDateTime.optional().describe("when the alert started; default: when AgenticOps received it"),
    endsAt: AlertDateTime.optional().describe("when it ended; default for resolved alerts: when AgenticOps received it"),
    fingerprint: z.string().min(1).max(200).optional().describe("stable identity of this alert; default: a hash of the name and the sorted labels"),
    generatorURL: z.url().optional().describe("link to the rule or graph that produced the alert"),
    value: z.string().max(1000).optional().describe("the observed value, as text"),
  })
  .describe("one alert");
export type GenericAlert = z.infer<typeof GenericAlert>;

/**
 * The generic alert format (`POST /alerts/generic`), documented in docs/alerts.md and published as
 * schemas/generic-alert.schema.json. Strict: an unknown key is a 400, not silently dropped.
 */
export const GenericAlertPayload = z
  .strictObject({
    version: z.literal(1).default(1).describe("format version; 1"),
    group: z.string().min(1).max(500).optional().describe("alerts of one group form one incident; default: derived from the labels all alerts share"),
    externalURL: z.url().optional().describe("link to the sending system"),
    alerts: z.array(GenericAlert).min(1).max(1000),
  })
  .describe("AgenticOps generic alert post");
export type GenericAlertPayload = z.infer<typeof GenericAlertPayload>;
