/** Alertmanager webhook payloads (version 4, as `webhook_configs` sends them) for `bench:alerts`. */
import { labelFingerprint } from "../../src/core/sense/alerts/alert-identity.js";

export interface AlertmanagerAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** Alertmanager's "unset": 0001-01-01T00:00:00Z */
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface AlertmanagerPayload {
  version: "4";
  groupKey: string;
  truncatedAlerts: number;
  status: "firing" | "resolved";
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: AlertmanagerAlert[];
}

export const UNSET = "0001-01-01T00:00:00Z";

/** Alertmanager's fingerprint is a 64-bit hash of the label set, printed as 16 hex digits. */
export const fingerprintOf = labelFingerprint;

/** The labels shared by every alert of a post, as Alertmanager computes `commonLabels`. */
export const commonOf = (maps: Record<string, string>[]): Record<string, string> => {
  const [first, ...rest] = maps;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((m) => m[k] === v)));
};
