import { afterAll, beforeAll, beforeEach, describe, expect, test } from "@jest/globals";
import type { ApplicationFunction } from "probot";
import { sendWebhook } from "../../src/sandbox/webhooks/send-webhook.js";
import { startAppSandbox, type TestAppSandbox } from "./support/start-test-sandbox.js";

interface Received {
  name: string;
  id: string;
  payload: Record<string, any>;
}

describe("webhooks from the sandbox to a Probot app", () => {
  const received: Received[] = [];
  const replies: { commentId: number; issue: number }[] = [];
  const tokens: string[] = [];
  let t: TestAppSandbox;
  let issueNumber: number;

  /** Records every event; answers a new issue comment with a comment of its own, through the sandbox. */
  const appFn: ApplicationFunction = (app) => {
    app.onAny(async (context) => {
      received.push({ name: context.name, id: context.id, payload: context.payload as Record<string, any> });
    });
    app.on("issue_comment.created", async (context) => {
      if (context.isBot) return;
      const { data } = await context.octokit.rest.issues.createComment(context.issue({ body: "Looking into it." }));
      replies.push({ commentId: data.id, issue: context.payload.issue.number });
      // what an app hands to `git clone` as x-access-token
      tokens.push(((await context.octokit.auth({ type: "installation" })) as { token: string }).token);
    });
  };

  beforeAll(async () => {
    t = await startAppSandbox(appFn);
    const issue = await t.sandbox.actAs(t.owner, "POST", "/repos/{owner}/{repo}/issues", { owner: t.owner, repo: t.repo }, { title: "Checkout is down" });
    issueNumber = Number(issue["number"]);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    received.length = 0;
    replies.length = 0;
    tokens.length = 0;
  });

  test("a delivery reaches the app with its payload and delivery id, and is logged as 200", async () => {
    const payload = t.payload("workflow_run", "completed", { workflow_run: { head_sha: t.commits.at(-1), conclusion: "failure" } });
    const [entry] = await sendWebhook(t.sandbox, 0, "workflow_run", payload);

    expect(entry).toMatchObject({ event: "workflow_run", action: "completed", status: 200 });
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.name).toBe("workflow_run");
    expect(got?.id).toBe(entry?.delivery);
    expect(got?.payload).toEqual(payload);
    expect(got?.payload).toMatchObject({
      action: "completed",
      installation: { id: t.installationId },
      repository: { full_name: "acme/shop", url: `${t.sandbox.apiUrl}/repos/acme/shop` },
      workflow_run: { head_sha: t.commits.at(-1), conclusion: "failure" },
    });
    expect(t.sandbox.log.webhooks.at(-1)).toEqual(entry);
  });

  test("a delivery signed with another secret is refused by Probot and logged as such", async () => {
    const genuine = { url: t.app.webhookUrl, secret: t.app.secret, appId: t.app.appId };
    t.sandbox.setWebhookTarget({ ...genuine, secret: "not-the-app-secret" });
    try {
      const [entry] = await sendWebhook(t.sandbox, 1, "workflow_run", t.payload("workflow_run", "completed"));
      expect(entry?.status).toBeGreaterThanOrEqual(400);
      expect(t.sandbox.log.webhooks.at(-1)?.status).toBe(entry?.status);
      expect(received).toEqual([]);
    } finally {
      t.sandbox.setWebhookTarget(genuine);
    }
  });

  test("the app's own octokit reaches the sandbox: JWT → installation token → REST", async () => {
    const before = t.sandbox.log.apiCalls.length;
    const comment = await t.sandbox.actAs(t.owner, "POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: t.owner, repo: t.repo, issue_number: String(issueNumber) }, { body: "Any news?" });
    const payload = t.payload("issue_comment", "created", {
      issue: { number: issueNumber, title: "Checkout is down" },
      comment: { id: comment["id"], body: "Any news?" },
    });
    const [entry] = await sendWebhook(t.sandbox, 2, "issue_comment", payload);

    expect(entry?.status).toBe(200);
    expect(replies).toEqual([{ commentId: expect.any(Number), issue: issueNumber }]);
    const comments = t.sandbox.state.repo(t.owner, t.repo)?.comments.filter((c) => c.issueNumber === issueNumber);
    expect(comments?.map((c) => [c.user, c.body])).toEqual([
      [t.owner, "Any news?"],
      ["agenticops[bot]", "Looking into it."],
    ]);
    const calls = t.sandbox.log.apiCalls.slice(before).map((c) => `${c.method} ${c.route} ${c.status} ${c.caller}`);
    expect(calls[0]).toBe(`POST /app/installations/{installation_id}/access_tokens 201 app:${t.app.appId}`);
    expect(calls[1]).toBe("POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201 agenticops[bot]");
    // the token the app asked its octokit for came from the sandbox, not from api.github.com
    expect(tokens).toHaveLength(1);
    const res = await fetch(`${t.sandbox.apiUrl}/repos/${t.owner}/${t.repo}`, { headers: { authorization: `token ${tokens[0]}` } });
    expect(res.status).toBe(200);
  });
});
