import { z } from "zod";
import { IncidentId } from "./incident.js";

/** Milliseconds relative to the state's `base`, so times stay short and exact. */
const Offset = z.number().int();
const Labels = z.record(z.string(), z.string());

/**
 * One alert, positionally: fingerprint, name, f(iring)/r(esolved), start, first seen, last seen,
 * resolved at (offsets), value, the labels that tell it apart from its siblings, and the index of
 * its group in `groups`.
 */
export const PersistedAlert = z.tuple([
  z.string().min(1),
  z.string().min(1),
  z.enum(["f", "r"]),
  Offset,
  Offset,
  Offset,
  Offset.nullable(),
  z.string().nullable(),
  Labels,
  z.number().int().min(0),
]);
export type PersistedAlert = z.infer<typeof PersistedAlert>;

/** A deploy incident: id, number, i(ssue)/p(ull request), environment, detected at (offset). */
export const PersistedDeploy = z.tuple([IncidentId, z.number().int().positive(), z.enum(["i", "p"]), z.string().nullable(), Offset]);
export type PersistedDeploy = z.infer<typeof PersistedDeploy>;

/**
 * An alert incident's state, written by the bot into a hidden block of its issue (or comment) so
 * a restarted process continues where the last one stopped: GitHub is the database.
 */
export const AlertIncidentState = z.strictObject({
  v: z.literal(1),
  /** epoch ms of the incident's opening; every offset is relative to it */
  base: z.number().int(),
  service: z.string().nullable(),
  environment: z.string().nullable(),
  title: z.string().min(1),
  resolved: Offset.nullable(),
  reopened: z.array(Offset).max(20),
  lastFiring: Offset,
  /** group key, alerts the sender left out, route */
  groups: z.array(z.tuple([z.string().min(1), z.number().int().min(0), z.string().nullable()])),
  /** labels every alert shares (stored once) */
  common: Labels,
  home: z.union([z.literal("issue"), PersistedDeploy]),
  related: z.array(PersistedDeploy),
  pr: z.number().int().positive().nullable(),
  /** alerts left out of `alerts` to stay under GitHub's size limit */
  dropped: z.number().int().min(0),
  urls: z.array(z.string()).max(10),
  alerts: z.array(PersistedAlert),
});
export type AlertIncidentState = z.infer<typeof AlertIncidentState>;
