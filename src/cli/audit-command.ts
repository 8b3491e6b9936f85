import { Octokit } from "@octokit/rest";
import { fetchAuditFacts, type AuditTarget } from "../adapters/github/fetch-audit-facts.js";
import { buildAuditTimeline, renderAuditTimeline } from "../core/verify/audit-timeline.js";
import { auditGovernance, renderAuditGovernance } from "../core/verify/audit-governance.js";
import type { RepoRef } from "../schemas/signal.js";

const USAGE = "usage: agenticops audit <incident-id | PR number | PR URL> --repo owner/name [--api-url URL] [--json]";
const DEFAULT_API_URL = "https://api.github.com";

export interface AuditIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: AuditIo = {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

interface AuditOptions {
  target: string;
  repo: string | undefined;
  apiUrl: string;
  json: boolean;
}

/** `--name value` or `--name=value`; a usage error as a string. */
const parseArgs = (args: string[]): AuditOptions | string => {
  const positional: string[] = [];
  const values: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === "--json") json = true;
    else if (/^--(repo|api-url)(=|$)/.test(arg)) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const value = inline ?? args[++i];
      if (!value) return `--${name} needs a value`;
      values[name] = value;
    } else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return positional.length === 0 ? "missing the incident id, PR number or PR URL" : `one target expected, got ${positional.join(" ")}`;
  return { target: positional[0]!, repo: values.repo, apiUrl: values["api-url"] ?? DEFAULT_API_URL, json };
};

const parseRepo = (text: string): RepoRef | null => {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text);
  return match ? { owner: match[1]!, name: match[2]! } : null;
};

/** The target and, for a PR URL, the repository it names. */
const parseTarget = (text: string): { target: AuditTarget; repo: RepoRef | null } | null => {
  if (/^inc-[0-9a-f]{12}$/.test(text)) return { target: { kind: "incident", incident: text }, repo: null };
  if (/^#?[1-9]\d*$/.test(text)) return { target: { kind: "pull-request", number: Number(text.replace("#", "")) }, repo: null };
  const url = URL.canParse(text) ? new URL(text) : null;
  const match = url && /^\/([^/]+)\/([^/]+)\/pulls?\/([1-9]\d*)\/?$/.exec(url.pathname);
  if (!match) return null;
  return { target: { kind: "pull-request", number: Number(match[3]) }, repo: { owner: match[1]!, name: match[2]! } };
};

const describeTarget = (target: AuditTarget): string =>
  target.kind === "incident" ? `incident ${target.incident}` : `pull request #${target.number}`;

/**
 * `agenticops audit`: the timeline of one incident (detection, issue, PR, bot and human commits,
 * reviews, comments, merge) read back from GitHub. Exit 0 printed, 1 nothing found, 2 usage or
 * missing token; API failures are thrown as AgenticOpsError for main to print.
 */
export const auditCommand = async (args: string[], io: AuditIo = processIo): Promise<number> => {
  const usage = (problem: string): number => {
    io.stderr(`${problem}\n${USAGE}\n`);
    return 2;
  };
  const options = parseArgs(args);
  if (typeof options === "string") return usage(options);
  const parsed = parseTarget(options.target);
  if (!parsed) return usage(`"${options.target}" is not an incident id (inc-<12 hex>), a PR number or a PR URL`);
  const flagRepo = options.repo === undefined ? null : parseRepo(options.repo);
  if (options.repo !== undefined && !flagRepo) return usage(`--repo must be owner/name, got "${options.repo}"`);
  if (flagRepo && parsed.repo && `${flagRepo.owner}/${flagRepo.name}`.toLowerCase() !== `${parsed.repo.owner}/${parsed.repo.name}`.toLowerCase()) {
    return usage(`--repo ${options.repo} does not match the repository in ${options.target}`);
  }
  const repo = flagRepo ?? parsed.repo;
  if (!repo) return usage("--repo owner/name is required");
  if (!URL.canParse(options.apiUrl)) return usage(`--api-url must be a URL, got "${options.apiUrl}"`);
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (!token) {
    io.stderr("GITHUB_TOKEN (or GH_TOKEN) is not set: export a token that can read the repository's pull requests and issues\n");
    return 2;
  }

  // Octokit logs every failed request; a 404 we expect (no events) must not look like an error,
  // and real failures are thrown and printed once by main.
  const quiet = () => {};
  const log = { debug: quiet, info: quiet, error: quiet, warn: (message: string) => io.stderr(`warning: ${message}\n`) };
  const octokit = new Octokit({ auth: token, baseUrl: options.apiUrl.replace(/\/+$/, ""), userAgent: "agenticops-audit", log });
  const facts = await fetchAuditFacts(octokit, repo, parsed.target);
  if (!facts) {
    io.stderr(`no pull request or issue found for ${describeTarget(parsed.target)} in ${repo.owner}/${repo.name}\n`);
    return 1;
  }
  const events = buildAuditTimeline(facts);
  const governance = auditGovernance(facts);
  if (options.json) {
    const summary = { incident: facts.incident, repo: `${repo.owner}/${repo.name}`, pullRequest: facts.pullRequest?.number ?? null, issue: facts.issue?.number ?? null, events, governance };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const where = [facts.pullRequest ? `PR #${facts.pullRequest.number}` : null, facts.issue ? `issue #${facts.issue.number}` : null].filter((w) => w !== null);
  const governed = facts.pullRequest ? `\n\n${renderAuditGovernance(governance)}` : "";
  io.stdout(`${facts.incident} in ${repo.owner}/${repo.name} (${where.join(", ")})\n\n${renderAuditTimeline(events, "text")}${governed}\n`);
  return 0;
};
