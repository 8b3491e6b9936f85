/**
 * The storm's shape before its size: which service has which episodes, which alert groups fire
 * in each, and when each group posts (and in what phase). Sizes (alerts per group) come later.
 */
import type { StormService } from "./alert-storm.js";

const MINUTE = 60_000;
const ALERTNAMES: readonly (readonly [string, string])[] = [
  ["HighErrorRate", "critical"],
  ["HighLatency", "warning"],
  ["KubePodCrashLooping", "critical"],
  ["KubePodNotReady", "warning"],
  ["CPUThrottlingHigh", "info"],
  ["DiskPressure", "critical"],
];

/**
 * fire: every instance firing; partial: the first quarter resolved; resolve-all: all resolved (a
 * flap's dip); refire: all firing again with new starts; final: all resolved.
 */
export type Phase = "fire" | "partial" | "resolve-all" | "refire" | "final";

export interface GroupPlan {
  service: StormService;
  episode: number;
  alertname: string;
  severity: string;
  phases: { at: number; phase: Phase }[];
}

export interface StormPlan {
  groups: GroupPlan[];
  /** service episodes: each must become exactly one incident */
  episodes: number;
  flaps: number;
}

export interface AlertState {
  startsAt: number;
  endsAt: number | null;
}

const phasesOf = (start: number, end: number, partial: boolean, flap: boolean): { at: number; phase: Phase }[] => [
  { at: start, phase: "fire" },
  ...(partial ? [{ at: start + MINUTE, phase: "partial" as const }] : []),
  ...(flap ? [{ at: start + 2 * MINUTE, phase: "resolve-all" as const }, { at: start + 4 * MINUTE, phase: "refire" as const }] : []),
  { at: end, phase: "final" },
];

/**
 * Every service has an episode starting in the first four minutes; every fourth has a second one
 * 12–16 minutes after the first ended (beyond the 10-minute window: a new incident). Every third
 * service gets a second alert group 1–3 minutes into an episode (within the window: the same
 * incident); every fifth flaps in its first episode.
 */
export const planStorm = (services: readonly StormService[], start: number, random: () => number): StormPlan => {
  const groups: GroupPlan[] = [];
  let episodes = 0;
  let flaps = 0;
  services.forEach((service, i) => {
    let episodeStart = start + Math.floor(random() * 4 * MINUTE);
    for (let episode = 0; episode < (i % 4 === 0 ? 2 : 1); episode += 1) {
      episodes += 1;
      let episodeEnd = episodeStart;
      for (let g = 0; g < (i % 3 === 0 ? 2 : 1); g += 1) {
        const [alertname, severity] = ALERTNAMES[(i + g + episode) % ALERTNAMES.length]!;
        const groupStart = episodeStart + (g === 0 ? 0 : MINUTE + Math.floor(random() * 2 * MINUTE));
        const flap = episode === 0 && g === 0 && i % 5 === 1;
        const groupEnd = groupStart + (flap ? 6 : 5) * MINUTE + Math.floor(random() * 3 * MINUTE);
        if (flap) flaps += 1;
        groups.push({ service, episode, alertname: alertname!, severity: severity!, phases: phasesOf(groupStart, groupEnd, (i + g + episode) % 2 === 0, flap) });
        episodeEnd = Math.max(episodeEnd, groupEnd);
      }
      episodeStart = episodeEnd + 12 * MINUTE + Math.floor(random() * 4 * MINUTE);
    }
  });
  return { groups, episodes, flaps };
};

/** Each instance's state in `phase` of a group of `n` alerts (Alertmanager sends them all, every time). */
export const alertStates = (group: GroupPlan, phaseIndex: number, n: number): AlertState[] => {
  const first = group.phases[0]!.at;
  const refire = group.phases.find((p) => p.phase === "refire")?.at ?? null;
  const { at, phase } = group.phases[phaseIndex]!;
  return Array.from({ length: n }, (_, k) => {
    const fired = refire !== null && at >= refire ? refire - (k % 30) * 1_000 : first - (k % 60) * 1_000;
    if (phase === "fire" || phase === "refire") return { startsAt: fired, endsAt: null };
    if (phase === "partial") return { startsAt: fired, endsAt: k < n / 4 ? at - 10_000 : null };
    return { startsAt: fired, endsAt: at - 10_000 };
  });
};
