import { UNSET_TIME } from "../../schemas/alert-payload-fields.js";

export interface AlertTimes {
  startsAt: string;
  endsAt: string;
}

/**
 * When each alert of a drill started and ended, as Alertmanager remembers it: a firing alert keeps
 * the start of its episode in every repeat (and in both HA replicas' posts), a resolution keeps
 * its end, and firing again after a resolution starts a new episode. Keyed by fingerprint.
 */
export class AlertEpisodes {
  private readonly episodes = new Map<string, { startsAt: string; endsAt: string | null }>();

  timesOf(fingerprint: string, status: unknown, now: Date): AlertTimes {
    const at = now.toISOString();
    let episode = this.episodes.get(fingerprint);
    if (status === "resolved") {
      episode ??= { startsAt: at, endsAt: null };
      episode.endsAt ??= at;
    } else if (!episode || episode.endsAt !== null) {
      episode = { startsAt: at, endsAt: null };
    }
    this.episodes.set(fingerprint, episode);
    return { startsAt: episode.startsAt, endsAt: episode.endsAt ?? UNSET_TIME };
  }
}
