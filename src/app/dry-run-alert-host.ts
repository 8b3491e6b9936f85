import type { AlertIncidentHost } from "../ports/alert-incident-host.js";
import type { Logger } from "../ports/logger.js";

/** Reads pass through; writes are logged and pretend to succeed, so pacing and state behave as in a real run. */
export const dryRunAlertHost = (host: AlertIncidentHost, log: Logger): AlertIncidentHost => {
  let fakeIds = 0;
  const skip = (what: string, details: Record<string, unknown>) => log.info({ ...details, dryRun: true }, `dry run: would ${what}`);
  return {
    listLabelled: host.listLabelled,
    findBotComment: host.findBotComment,
    pullRequestState: host.pullRequestState,
    createIssue: async (repo, issue) => {
      skip("create an issue", { repo, title: issue.title });
      return { number: 0, kind: "issue", state: "open", title: issue.title, body: issue.body, labels: issue.labels, url: "" };
    },
    updateIssue: async (repo, number, patch) => skip("update an issue", { repo, number, fields: Object.keys(patch) }),
    addLabels: async (repo, number, labels) => skip("add labels", { repo, number, labels }),
    removeLabel: async (repo, number, label) => skip("remove a label", { repo, number, label }),
    createComment: async (repo, target, body) => {
      skip("comment", { repo, target });
      return { id: (fakeIds -= 1), url: "", body };
    },
    updateComment: async (repo, target, commentId) => skip("edit a comment", { repo, target, commentId }),
  };
};
