import { beforeEach, describe, expect, test } from "@jest/globals";
import { ensureIncidentIssue } from "../../src/core/act/ensure-incident-issue.js";
import { renderMarker } from "../../src/core/render/hidden-marker.js";
import { InMemoryCodeHost } from "./support/in-memory-code-host.js";

const repo = { owner: "acme", name: "shop" };
const id = "inc-0123456789ab";
const body = (text: string, incident = id) => `${text}\n\n${renderMarker({ incident, kind: "incident-issue" })}`;
const issue = (text = "deploy failed", labels = ["agenticops", "severity/high"]) => ({ title: "[incident] deploy failed", body: body(text), labels });

let host: InMemoryCodeHost;
beforeEach(() => {
  host = new InMemoryCodeHost();
});

describe("ensureIncidentIssue", () => {
  test("creates the issue once with its title, body and labels", async () => {
    const result = await ensureIncidentIssue(host, repo, id, issue(), false);
    expect(result).toEqual({ kind: "created", issue: { number: 1, url: "https://github.com/acme/shop/issues/1", body: body("deploy failed") } });
    expect(host.issues).toEqual([{ repo, number: 1, ...issue() }]);
  });

  test("a second call with the same body writes nothing", async () => {
    await ensureIncidentIssue(host, repo, id, issue(), false);
    const again = await ensureIncidentIssue(host, repo, id, issue(), false);
    expect(again.kind).toBe("unchanged");
    expect(again.issue.number).toBe(1);
    expect(host.writes.map((w) => w.op)).toEqual(["createIssue"]);
  });

  test("a changed body updates the same issue", async () => {
    await ensureIncidentIssue(host, repo, id, issue(), false);
    const updated = await ensureIncidentIssue(host, repo, id, issue("deploy failed again"), false);
    expect(updated).toMatchObject({ kind: "updated", issue: { number: 1, body: body("deploy failed again") } });
    expect(host.issues).toHaveLength(1);
    expect(host.issues[0]!.body).toBe(body("deploy failed again"));
    expect(host.writes).toEqual([expect.objectContaining({ op: "createIssue" }), { op: "updateIssueBody", number: 1 }]);
  });

  test("another incident gets its own issue", async () => {
    await ensureIncidentIssue(host, repo, id, issue(), false);
    const other = { ...issue(), body: body("other", "inc-ffffffffffff") };
    expect((await ensureIncidentIssue(host, repo, "inc-ffffffffffff", other, false)).issue.number).toBe(2);
  });

  test("the issue is searched under the first label", async () => {
    host.issues.push({ repo, number: 9, title: "t", body: body("old"), labels: ["ops"] });
    const result = await ensureIncidentIssue(host, repo, id, issue("new", ["ops", "severity/high"]), false);
    expect(result).toMatchObject({ kind: "updated", issue: { number: 9 } });
  });

  describe("dry run", () => {
    test("reports a creation but writes nothing", async () => {
      const result = await ensureIncidentIssue(host, repo, id, issue(), true);
      expect(result.kind).toBe("created");
      expect(host.writes).toEqual([]);
      expect(host.issues).toEqual([]);
    });

    test("reports an update but leaves the existing body alone", async () => {
      await ensureIncidentIssue(host, repo, id, issue(), false);
      const result = await ensureIncidentIssue(host, repo, id, issue("changed"), true);
      expect(result).toMatchObject({ kind: "updated", issue: { number: 1 } });
      expect(host.issues[0]!.body).toBe(body("deploy failed"));
      expect(host.writes).toHaveLength(1);
    });
  });
});
