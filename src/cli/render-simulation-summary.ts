import type { SimulationResult } from "../schemas/simulation-result.js";

const indent = (text: string, prefix: string): string =>
  text
    .split("\n")
    .map((l) => `${prefix}${l}`)
    .join("\n");

const firstLines = (text: string, max: number): string => {
  const lines = text.split("\n");
  return lines.length > max ? `${lines.slice(0, max).join("\n")}\n… (${lines.length - max} more lines)` : text;
};

const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/** The human-readable account of one drill: what the bot did, what it cost, whether expectations held. */
export const renderSimulationSummary = (r: SimulationResult): string => {
  const out: string[] = [];
  out.push(`━━ drill ${r.drill}: ${r.passed ? "PASSED" : "FAILED"} in ${r.durationMs} ms`);
  const failedHooks = r.webhooks.filter((w) => w.status >= 300);
  out.push(`  webhooks: ${r.webhooks.length} delivered${failedHooks.length ? `, ${failedHooks.length} not accepted (${failedHooks.map((w) => `${w.event} → ${w.status}`).join(", ")})` : ""}`);
  for (const issue of r.issues) {
    out.push(`  issue #${issue.number} [${issue.state}] ${issue.title}${issue.labels.length ? `  (${issue.labels.join(", ")})` : ""}${issue.seeded ? "  — seeded by the drill" : ""}`);
    if (!issue.seeded) out.push(indent(firstLines(issue.body, 24), "    │ "));
    for (const c of issue.comments) out.push(`    comment by ${c.user}: ${firstLines(c.body, 3).replace(/\n/g, " ⏎ ")}`);
  }
  for (const pr of r.pullRequests) {
    const state = pr.merged ? "merged" : pr.state;
    out.push(`  pull request #${pr.number} [${state}] ${pr.title}  (${pr.head} → ${pr.base})`);
    if (pr.labels.length) out.push(`    labels: ${pr.labels.join(", ")}`);
    if (pr.requestedReviewers.length) out.push(`    reviewers: ${pr.requestedReviewers.join(", ")}`);
    for (const c of pr.commits) out.push(`    commit ${c.sha.slice(0, 7)} ${c.message.split("\n")[0] ?? ""}`);
    for (const f of pr.files) {
      out.push(`    ${f.status} ${f.filename} (+${f.additions} −${f.deletions})`);
      if (f.patch) out.push(indent(firstLines(f.patch, 20), "      "));
    }
  }
  for (const c of r.commitComments) {
    out.push(`  commit comment on ${c.commit.slice(0, 7)} by ${c.user}`);
    out.push(indent(firstLines(c.body, 12), "    │ "));
  }
  for (const run of r.checkRuns) out.push(`  check run ${run.name}: ${run.conclusion ?? run.status}${run.title ? ` — ${run.title}` : ""}`);
  if (r.issues.filter((i) => !i.seeded).length + r.pullRequests.length + r.checkRuns.length + r.commitComments.length === 0) out.push("  the bot wrote nothing");
  const writes = r.apiCalls.filter((c) => WRITES.has(c.method) && !c.path.endsWith("/access_tokens"));
  const apiMs = r.apiCalls.reduce((sum, c) => sum + c.durationMs, 0);
  out.push(`  api calls: ${r.apiCalls.length} (${writes.length} writes), ${Math.round(apiMs)} ms in the sandbox API`);
  const git = r.gitCalls ?? [];
  if (git.length) out.push(`  git requests: ${git.length} (${git.filter((g) => g.service === "receive-pack").length} push, ${git.filter((g) => g.service === "upload-pack").length} fetch)`);
  if (r.llmCalls.length) {
    const tin = r.llmCalls.reduce((s, c) => s + c.tokensIn, 0);
    const tout = r.llmCalls.reduce((s, c) => s + c.tokensOut, 0);
    out.push(`  llm calls: ${r.llmCalls.length}, ${tin} tokens in, ${tout} tokens out`);
  }
  for (const e of r.expectations) {
    const actual = !e.passed && e.actual !== undefined ? `  (actual: ${JSON.stringify(e.actual).slice(0, 300)})` : "";
    out.push(`  ${e.passed ? "✓" : "✗"} ${e.description}${actual}`);
  }
  return out.join("\n");
};
