import { createRequire } from "node:module";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import { deepMerge, isPlainObject, type JsonObject } from "./deep-merge.js";
import { exampleUrlRewriter } from "./example-url-rewriter.js";

interface ExampleGroup {
  name: string;
  actions: string[];
  examples: JsonObject[];
}

// GitHub's real payloads (community-contributed), so the app is fed the shapes it meets in production.
const EXAMPLES = createRequire(import.meta.url)("@octokit/webhooks-examples") as ExampleGroup[];

export interface WebhookPayloadContext {
  /** the repository as the sandbox renders it (REST shape) */
  repository: JsonObject;
  /** the user who triggered the event */
  sender: JsonObject;
  installation: { id: number; node_id?: string };
  /** kept only when given; examples' organizations are dropped */
  organization?: JsonObject;
  /** deep-merged last; arrays replace, e.g. `{ workflow_run: { head_sha, conclusion } }` */
  overrides?: Record<string, unknown>;
}

/** Events with at least one example payload, e.g. to validate drills. */
export const webhookEventNames = (): string[] => EXAMPLES.map((g) => g.name);

/**
 * The example to start from: among those with the requested action (or, for events without
 * actions, all of them), the largest one — older examples miss fields GitHub sends today, such as
 * `workflow_run.path`. Without a matching action, the event's first example.
 */
const pickExample = (event: string, action: string | undefined): JsonObject => {
  const first = EXAMPLES.find((g) => g.name === event)?.examples[0];
  if (!first) {
    throw new AgenticOpsError("SANDBOX_FAILED", `No example payload for webhook event "${event}"`, {
      hint: `Use one of: ${webhookEventNames().join(", ")}`,
      details: { event, action },
    });
  }
  const matching = EXAMPLES.find((g) => g.name === event)?.examples.filter((p) => p.action === action) ?? [];
  const size = (p: JsonObject) => JSON.stringify(p).length;
  return matching.reduce((best, p) => (size(p) > size(best) ? p : best), matching[0] ?? first);
};

// Repository objects are recognised by shape: examples sometimes embed a different repo than the
// top-level one (workflow_run), and the sandbox has a single repository per payload. Besides full
// objects, `workflow_run.pull_requests[].head.repo` holds `{ id, url, name }` references.
const REPO_API_URL = /\/repos\/[^/]+\/[^/]+$/;
const isRepositoryLike = (o: JsonObject): boolean =>
  (typeof o.full_name === "string" && isPlainObject(o.owner) && "private" in o) ||
  (typeof o.id === "number" && typeof o.name === "string" && typeof o.url === "string" && REPO_API_URL.test(o.url));

/** Builds a realistic webhook payload for the sandbox repository from GitHub's examples. */
export const buildWebhookPayload = (
  event: string,
  action: string | undefined,
  ctx: WebhookPayloadContext,
): JsonObject => {
  const example = pickExample(event, action);
  const rewrite = exampleUrlRewriter(example, ctx.repository, ctx.sender);
  const oldSender = isPlainObject(example.sender) ? example.sender : {};
  const isOldSender = (o: JsonObject) => o.login === oldSender.login && o.id === oldSender.id;

  // Embedded repositories and the example's sender keep their example shape (webhooks embed
  // trimmed objects) but take the sandbox's values; URLs elsewhere are rewritten.
  const project = (shape: JsonObject, fresh: JsonObject): JsonObject =>
    Object.fromEntries(
      Object.keys(shape).map((k) => [k, k in fresh ? structuredClone(fresh[k]) : transform(shape[k])]),
    );
  const transform = (node: unknown): unknown => {
    if (typeof node === "string") return rewrite(node);
    if (Array.isArray(node)) return node.map(transform);
    if (!isPlainObject(node)) return node;
    if (isRepositoryLike(node)) return project(node, ctx.repository);
    if (isOldSender(node)) return project(node, ctx.sender);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, transform(v)]));
  };

  const payload = transform(example) as JsonObject;
  if (action !== undefined && "action" in example) payload.action = action;
  payload.repository = structuredClone(ctx.repository);
  payload.sender = structuredClone(ctx.sender);
  payload.installation = {
    id: ctx.installation.id,
    node_id: ctx.installation.node_id ?? installationNodeId(ctx.installation.id),
  };
  if (ctx.organization) payload.organization = structuredClone(ctx.organization);
  else delete payload.organization;
  return ctx.overrides ? deepMerge(payload, ctx.overrides) : payload;
};

/** GitHub's legacy global node id for an installation: base64("023:IntegrationInstallation<id>"). */
export const installationNodeId = (id: number): string =>
  Buffer.from(`023:IntegrationInstallation${id}`).toString("base64");
