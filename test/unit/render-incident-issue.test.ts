import { describe, expect, test } from "@jest/globals";
import { GITHUB_BODY_LIMIT, renderIncidentIssue } from "../../src/core/render/render-incident-issue.js";
import { readMarker } from "../../src/core/render/hidden-marker.js";
import { openIncident } from "../../src/core/sense/open-incident.js";
import type { Evidence } from "../../src/schemas/evidence.js";
import type { Signal } from "../../src/schemas/signal.js";

const signal = (change: Partial<Signal> = {}): Signal => ({
  source: "github",
  kind: "deployment_failed",
  deliveryId: "d-1",
  receivedAt: "2026-11-23T14:05:00.000Z",
  occurredAt: null,
  repo: { owner: "acme", name: "shop" },
  environment: "production",
  workflow: "deploy",
  sha: "3484a3fb816e0859fd6e1cea078d76385ff50625",
  ref: "main",
  subjectId: "42",
  url: "https://github.com/acme/shop/actions/runs/42",
  labels: {},
  ...change,
});
const incident = openIncident(signal());

const evidence = (change: Partial<Evidence> = {}): Evidence => ({
  kind: "log-excerpt",
  title: "rollout › kubectl rollout",
  url: "https://github.com/acme/shop/actions/runs/42/job/7",
  lines: ['error: deployment "shop" exceeded its progress deadline', "Process completed with exit code 1."],
  startLine: 12,
  truncated: false,
  ...change,
});

/** Walks the Markdown lines and reports fences and <details> that are left open, and where text falls inside a fence. */
const structure = (body: string) => {
  let open: string | null = null;
  let details = 0;
  const fenced = new Set<number>();
  body.split("\n").forEach((line, i) => {
    if (open === null) {
      const start = /^(`{3,})text$/.exec(line);
      if (start) open = start[1]!;
      else details += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    } else if (line === open) open = null;
    else fenced.add(i);
  });
  const inFence = (text: string) => body.split("\n").some((l, i) => fenced.has(i) && l.includes(text));
  return { fenceOpen: open !== null, detailsOpen: details, inFence };
};

describe("renderIncidentIssue", () => {
  test("title says what failed, where and at which commit", () => {
    expect(renderIncidentIssue(incident, []).title).toBe("[incident] Deploy to production failed at 3484a3f (deploy)");
  });

  test("body: summary facts, collapsible evidence, footer with a parseable marker", () => {
    const { body } = renderIncidentIssue(incident, [evidence()]);
    expect(body).toContain("## Summary");
    expect(body).toContain("- **Repository:** acme/shop");
    expect(body).toContain("- **Environment:** production");
    expect(body).toContain("- **Workflow:** [deploy](https://github.com/acme/shop/actions/runs/42)");
    expect(body).toContain("- **Commit:** 3484a3fb816e0859fd6e1cea078d76385ff50625");
    expect(body).toContain("- **Severity:** high");
    expect(body).toContain("- **Detected:** 2026-11-23T14:05:00.000Z");
    expect(body.indexOf("## Summary")).toBeLessThan(body.indexOf("## Evidence"));
    expect(body).toContain(
      "<details><summary>[rollout › kubectl rollout](https://github.com/acme/shop/actions/runs/42/job/7) (from line 12)</summary>",
    );
    expect(body).toContain('```text\nerror: deployment "shop" exceeded its progress deadline\nProcess completed with exit code 1.\n```');
    expect(body).toContain(`Incident \`${incident.id}\``);
    expect(body).toMatch(/automated bot/);
    expect(readMarker(body)).toEqual({ incident: incident.id, kind: "incident-issue", detectedAt: "2026-11-23T14:05:00.000Z", environment: "production" });
    expect(structure(body)).toMatchObject({ fenceOpen: false, detailsOpen: 0 });
  });

  test("facts that are unknown are left out", () => {
    const bare = openIncident(signal({ kind: "workflow_failed", environment: null, sha: null, url: null }));
    const { body } = renderIncidentIssue(bare, []);
    expect(body).not.toContain("**Environment:**");
    expect(body).not.toContain("**Commit:**");
    expect(body).toContain("- **Workflow:** deploy\n");
    expect(body).toContain("_No failed job logs were available._");
  });

  test("a truncated excerpt says so; evidence without URL or line number is plain", () => {
    const { body } = renderIncidentIssue(incident, [evidence({ truncated: true }), evidence({ title: "note", url: null, startLine: null })]);
    expect(body).toContain("(from line 12, truncated)</summary>");
    expect(body).toContain("<details><summary>note</summary>");
  });

  test("a backtick run in a log line cannot close the fence", () => {
    const lines = ["```", "echo `````not code`````", "`````"];
    const { body } = renderIncidentIssue(incident, [evidence({ lines })]);
    expect(body).toContain(`\`\`\`\`\`\`text\n${lines.join("\n")}\n\`\`\`\`\`\``);
    const s = structure(body);
    expect(s.fenceOpen).toBe(false);
    expect(lines.every((l) => s.inFence(l))).toBe(true);
    expect(s.inFence("## Evidence")).toBe(false);
  });

  describe("a huge evidence set", () => {
    const huge = Array.from({ length: 5 }, (_, job) =>
      evidence({
        title: `job ${job + 1}`,
        startLine: 1,
        lines: Array.from({ length: 60 }, (_, i) => `job ${job + 1} line ${i + 1} ${"x".repeat(480)}`),
      }),
    );
    const { body } = renderIncidentIssue(incident, huge);

    test("stays under GitHub's 65,536-character limit and keeps the summary", () => {
      expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
      expect(body).toContain("- **Repository:** acme/shop");
    });

    test("keeps the footer and a parseable marker at the end", () => {
      expect(readMarker(body)).toEqual({ incident: incident.id, kind: "incident-issue", detectedAt: "2026-11-23T14:05:00.000Z", environment: "production" });
      expect(body.trimEnd().endsWith("-->")).toBe(true);
    });

    test("says evidence was truncated, outside any code block, with every block closed", () => {
      const s = structure(body);
      expect(s.fenceOpen).toBe(false);
      expect(s.detailsOpen).toBe(0);
      expect(body).toMatch(/truncated to fit GitHub's size limit/);
      expect(s.inFence("size limit")).toBe(false);
      expect(s.inFence("agenticops:v1")).toBe(false);
    });

    test("keeps whole earlier jobs, the last lines of the one cut short, and counts the rest", () => {
      // each job renders to ~30,000 characters: two fit whole, the third is cut
      for (const line of ["job 1 line 1 ", "job 1 line 60 ", "job 2 line 1 ", "job 3 line 60 "]) expect(body).toContain(line);
      expect(body).not.toContain("job 3 line 1 ");
      expect(body).toMatch(/\[job 3\]\([^)]*\) \(from line \d+, truncated\)/);
      expect(body).not.toContain("job 4");
      expect(body).toContain("2 more items omitted");
    });
  });

  test("the title stays within GitHub's 256 characters", () => {
    const long = openIncident(signal({ workflow: "w".repeat(400) }));
    const { title } = renderIncidentIssue(long, []);
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title.startsWith("[incident] Deploy to production failed at 3484a3f")).toBe(true);
  });
});
