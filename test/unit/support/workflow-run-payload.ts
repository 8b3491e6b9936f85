import { createRequire } from "node:module";

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, any>>;
}

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as ExampleGroup[];

/**
 * GitHub's own `workflow_run.completed` example (octo-org/octo-repo, default branch `master`),
 * deep-copied so each test can adjust it, with the run fields a test cares about overridden.
 */
export const workflowRunPayload = (run: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, any> => {
  const group = examples.find((g) => g.name === "workflow_run");
  const example = group?.examples.find((e) => e.action === "completed" && typeof e.workflow_run?.path === "string");
  if (!example) throw new Error("@octokit/webhooks-examples has no workflow_run.completed example with a path");
  const payload = structuredClone(example);
  payload.workflow_run = { ...payload.workflow_run, name: "test", conclusion: "failure", ...run };
  return { ...payload, ...extra };
};
