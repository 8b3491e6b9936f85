import type { AlertSink } from "../../ports/alert-sink.js";
import type { Logger } from "../../ports/logger.js";

/** A sink that only logs: what intake hands on when no incident handling is wired in. */
export const loggingAlertSink = (log: Logger): AlertSink => ({
  accept: async (n) => {
    log.info({ id: n.id, groupKey: n.groupKey, repo: `${n.repo.owner}/${n.repo.name}`, service: n.service, route: n.route, alerts: n.alerts.length }, "alert notification received");
  },
});
