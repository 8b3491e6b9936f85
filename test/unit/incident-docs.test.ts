import { describe, expect, test } from "@jest/globals";
import { incidentDocs, knowledgeText } from "../../src/core/diagnose/incident-docs.js";
import { buildKnowledgeIndex, searchKnowledge } from "../../src/core/diagnose/knowledge-index.js";
import { renderMarker } from "../../src/core/render/hidden-marker.js";
import type { KnowledgeItem } from "../../src/ports/code-host.js";

const marker = (incident: string) => renderMarker({ incident, kind: "incident-issue" });
const issueBody = (incident: string, logLine: string) =>
  [
    "## Summary",
    "- **Repository:** acme/web",
    "## Diagnosis",
    "**test-failure** (confidence 82%): cart totals keep cents failed: expected 10.5 received 11 after rounding change",
    "## Evidence",
    `<details><summary>test › npm test</summary>\n\n\`\`\`text\n${logLine}\n\`\`\`\n\n</details>`,
    "---",
    `Incident \`${incident}\` · opened by AgenticOps, an automated bot.`,
    marker(incident),
  ].join("\n\n");

const item = (over: Partial<KnowledgeItem>): KnowledgeItem => ({
  number: 7,
  kind: "issue",
  title: "[incident] CI failed on main",
  body: "",
  url: "https://github.com/acme/web/issues/7",
  state: "closed",
  ...over,
});

describe("knowledgeText", () => {
  test("keeps the summary and diagnosis, drops the marker, evidence and fenced blocks", () => {
    const text = knowledgeText(`${issueBody("inc-0123456789ab", "HUGE_LOG_LINE_TOKEN")}\n\nAfter\n\`\`\`sh\nkubectl rollout undo\n\`\`\`\nend`);
    expect(text).toContain("cart totals keep cents failed");
    expect(text).toContain("## Summary");
    expect(text).not.toContain("HUGE_LOG_LINE_TOKEN");
    expect(text).not.toContain("<!--");
    expect(text).not.toContain("## Evidence");
    expect(text).not.toContain("kubectl rollout undo");
    expect(text).toContain("end");
  });

  test("caps very long bodies", () => {
    expect(knowledgeText("word ".repeat(10_000)).length).toBeLessThanOrEqual(4000);
  });
});

describe("incidentDocs", () => {
  test("issues become incidents and pull requests stay pull requests, with cause, incident and number", () => {
    const docs = incidentDocs([
      item({ body: issueBody("inc-0123456789ab", "x") }),
      item({ number: 8, kind: "pull-request", title: "Roll back web to v1.2", body: "Reverts the rounding change", url: "https://github.com/acme/web/pull/8", state: "open" }),
    ]);
    expect(docs.map((d) => [d.id, d.kind, d.title])).toEqual([
      ["issue:7", "incident", "CI failed on main"],
      ["pull-request:8", "pull-request", "Roll back web to v1.2"],
    ]);
    expect(docs[0]!.meta).toEqual({ number: "7", state: "closed", incident: "inc-0123456789ab", cause: "test-failure" });
    expect(docs[1]!.meta).toEqual({ number: "8", state: "open" });
    expect(docs[1]!.url).toBe("https://github.com/acme/web/pull/8");
  });

  test("leaves out the current incident's own issue and excluded numbers", () => {
    const items = [
      item({ number: 1, body: issueBody("inc-aaaaaaaaaaaa", "x") }),
      item({ number: 2, body: issueBody("inc-bbbbbbbbbbbb", "x") }),
      item({ number: 3, body: "no marker" }),
    ];
    const docs = incidentDocs(items, { excludeIncidents: ["inc-aaaaaaaaaaaa"], excludeNumbers: [3] });
    expect(docs.map((d) => d.meta.number)).toEqual(["2"]);
  });

  test("a similar past incident is found by the failure's terms, its evidence is not what matches", () => {
    const docs = incidentDocs([
      item({ body: issueBody("inc-0123456789ab", "zebra quokka platypus") }),
      item({ number: 9, title: "[incident] Deploy image pull failed", body: "ImagePullBackOff on registry.example.com pulling api image" }),
    ]);
    const index = buildKnowledgeIndex(docs);
    const excerpt = ["● cart › totals keep cents", "Expected: 10.5", "Received: 11", "cart totals rounding"];
    const hits = searchKnowledge(index, { excerpt, cause: "test-failure" }, 3);
    expect(hits.incidents.map((h) => h.id)).toEqual(["issue:7"]);
    const noise = searchKnowledge(index, { excerpt: ["zebra quokka platypus"], cause: "unknown" }, 3);
    expect(noise.incidents).toEqual([]);
  });
});
