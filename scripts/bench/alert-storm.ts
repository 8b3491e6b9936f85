/**
 * A deterministic alert storm for `bench:alerts`: services in repositories of two organisations,
 * each with one or two episodes (a second, well after the first resolved, is a new incident), one
 * or two alert groups per episode (a second group of the service joins within the window), partial
 * resolutions, flaps (resolved and firing again within the window: the same incident), Alertmanager
 * HA duplicates, repeats and truncated posts — sized to exactly `posts` posts and `alerts` alerts.
 */
import type { RepoRef } from "../../src/schemas/signal.js";
import { commonOf, fingerprintOf, UNSET, type AlertmanagerAlert, type AlertmanagerPayload } from "./alertmanager-payload.js";
import { alertStates, planStorm, type AlertState, type GroupPlan } from "./alert-storm-plan.js";
import { prng } from "./prng.js";

export interface StormService {
  name: string;
  repo: RepoRef;
  route: string;
  owners: string[];
}

export interface StormPost {
  /** when it reaches the bot (epoch ms) */
  at: number;
  service: StormService;
  payload: AlertmanagerPayload;
  kind: "post" | "ha-duplicate" | "repeat";
}

export interface Storm {
  start: number;
  services: StormService[];
  posts: StormPost[];
  /** one per service episode: what correlation must produce */
  expectedIncidents: number;
  groups: number;
  totals: { alerts: number; haDuplicates: number; repeats: number; truncatedPosts: number; flaps: number };
}

export interface StormOptions {
  posts: number;
  alerts: number;
  services: number;
  seed: number;
}

const ORGS = ["acme", "globex"];
/** posts cut by Alertmanager's max_alerts, to show `truncatedAlerts` */
const TRUNCATED_POSTS = 5;
const SERVICES_PER_REPO = 4;


const servicesOf = (count: number): StormService[] =>
  Array.from({ length: count }, (_, i) => {
    const repoIndex = Math.floor(i / SERVICES_PER_REPO);
    const org = ORGS[repoIndex % ORGS.length]!;
    return { name: `svc-${String(i).padStart(2, "0")}`, repo: { owner: org, name: `platform-${repoIndex}` }, route: `team-platform-${repoIndex}`, owners: [`@${org}/team-${repoIndex}`] };
  });

interface Slot {
  group: GroupPlan;
  phase: number;
  at: number;
  kind: StormPost["kind"];
  /** alerts Alertmanager's max_alerts left out of this post */
  truncated: number;
}

const alertOf = (group: GroupPlan, state: AlertState, k: number): AlertmanagerAlert => {
  const labels = { alertname: group.alertname, service: group.service.name, severity: group.severity, namespace: "prod", instance: `${group.service.name}-${k}` };
  return {
    status: state.endsAt === null ? "firing" : "resolved",
    labels,
    annotations: { summary: `${group.alertname} on ${labels.instance}`, runbook_url: `https://runbooks.example.com/${group.alertname}` },
    startsAt: new Date(state.startsAt).toISOString(),
    endsAt: state.endsAt === null ? UNSET : new Date(state.endsAt).toISOString(),
    generatorURL: `http://prometheus.monitoring:9090/graph?g0.expr=${encodeURIComponent(`${group.alertname}{service="${group.service.name}"}`)}`,
    fingerprint: fingerprintOf(labels),
  };
};

const payloadOf = (slot: Slot, n: number): AlertmanagerPayload => {
  const all = alertStates(slot.group, slot.phase, n).map((state, k) => alertOf(slot.group, state, k));
  const alerts = all.slice(0, all.length - slot.truncated);
  return {
    version: "4",
    groupKey: `{}/{severity=~"critical|warning|info"}:{alertname="${slot.group.alertname}", service="${slot.group.service.name}"}`,
    truncatedAlerts: slot.truncated,
    status: all.some((a) => a.status === "firing") ? "firing" : "resolved",
    receiver: "agenticops",
    groupLabels: { alertname: slot.group.alertname, service: slot.group.service.name },
    commonLabels: commonOf(alerts.map((a) => a.labels)),
    commonAnnotations: {},
    externalURL: "http://alertmanager.monitoring:9093",
    alerts,
  };
};

/** HA duplicates (the second replica, seconds later) and repeats (the same post half a minute later) until `target` posts. */
const copiesOf = (base: Slot[], target: number, random: () => number): Slot[] => {
  const copies: Slot[] = [];
  for (let i = 0; base.length + copies.length < target; i += 1) {
    const original = base[Math.floor(random() * base.length)]!;
    const phase = original.group.phases[original.phase]!.phase;
    const repeat = i % 3 === 2 && (phase === "fire" || phase === "refire");
    copies.push({ ...original, at: original.at + (repeat ? 30_000 : 500 + Math.floor(random() * 2_500)), kind: repeat ? "repeat" : "ha-duplicate" });
  }
  return copies;
};

/**
 * Alerts per group so the posts carry exactly `target` alerts: proportional shares, topped up one
 * instance at a time, then a few groups grown and their uncopied first posts cut back the way
 * Alertmanager's `max_alerts` does (`truncatedAlerts` says how many were left out).
 */
const sizeGroups = (groups: GroupPlan[], slots: Slot[], target: number, random: () => number): Map<GroupPlan, number> => {
  const posts = new Map<GroupPlan, number>(groups.map((g) => [g, slots.filter((s) => s.group === g).length]));
  const weights = new Map(groups.map((g) => [g, 0.6 + random() * 0.8]));
  const scale = target / groups.reduce((n, g) => n + weights.get(g)! * posts.get(g)!, 0);
  const sizes = new Map(groups.map((g) => [g, Math.max(4, Math.floor(weights.get(g)! * scale))]));
  let total = groups.reduce((n, g) => n + sizes.get(g)! * posts.get(g)!, 0);
  for (let i = 0; total < target; i += 1) {
    const g = groups[i % groups.length]!;
    sizes.set(g, sizes.get(g)! + 1);
    total += posts.get(g)!;
  }
  const firstPosts = slots.filter((s) => s.kind === "post" && s.phase === 0 && !slots.some((c) => c !== s && c.group === s.group && c.phase === 0));
  const truncated = firstPosts.slice(0, TRUNCATED_POSTS);
  for (const slot of truncated) {
    sizes.set(slot.group, sizes.get(slot.group)! + 3);
    total += 3 * posts.get(slot.group)!;
  }
  // the overshoot, spread over the truncated posts (each keeps well over half its alerts)
  let excess = total - target;
  truncated.forEach((slot, i) => {
    const cut = i === truncated.length - 1 ? excess : Math.floor((total - target) / truncated.length);
    if (cut > sizes.get(slot.group)! / 2) throw new Error("a post would lose half its alerts to truncation; try another seed");
    slot.truncated = cut;
    excess -= cut;
  });
  return sizes;
};

/** The storm; throws when the options cannot be met (too few posts for the plan). */
export const generateStorm = (options: StormOptions): Storm => {
  const random = prng(options.seed);
  const start = Date.parse("2026-11-23T14:00:00Z");
  const services = servicesOf(options.services);
  const plan = planStorm(services, start, random);
  const base = plan.groups.flatMap((group) => group.phases.map((p, phase): Slot => ({ group, phase, at: p.at, kind: "post", truncated: 0 })));
  if (base.length > options.posts) throw new Error(`the storm's plan needs ${base.length} posts; ${options.posts} are too few`);
  const slots = [...base, ...copiesOf(base, options.posts, random)];
  const sizes = sizeGroups(plan.groups, slots, options.alerts, random);
  const posts = slots.map((s): StormPost => ({ at: s.at, service: s.group.service, payload: payloadOf(s, sizes.get(s.group)!), kind: s.kind })).sort((a, b) => a.at - b.at);
  return {
    start,
    services,
    posts,
    expectedIncidents: plan.episodes,
    groups: plan.groups.length,
    totals: {
      alerts: posts.reduce((n, p) => n + p.payload.alerts.length, 0),
      haDuplicates: slots.filter((s) => s.kind === "ha-duplicate").length,
      repeats: slots.filter((s) => s.kind === "repeat").length,
      truncatedPosts: slots.filter((s) => s.truncated > 0).length,
      flaps: plan.flaps,
    },
  };
};
