import type { KnowledgeDoc } from "./knowledge-index.js";

/** The runbooks built into the product, as knowledge the diagnosis can match and the LLM may pick. */
export const BUILTIN_RUNBOOK_DOCS: KnowledgeDoc[] = [
  {
    id: "deploy-failed-rollback",
    kind: "runbook",
    title: "Failed deploy: roll back to the last good version",
    text:
      "A deploy workflow, deployment status or default-branch check suite failed after a change: health check failing, " +
      "rollout exceeded its progress deadline, CrashLoopBackOff, ImagePullBackOff, readiness probe failed, Helm upgrade failed. " +
      "Pin the image tag back to the last successful deployment, or revert the commits since.",
    url: null,
    meta: { cause: "deploy-health" },
  },
];
