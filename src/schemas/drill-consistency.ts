import { DRILL_EVENT_KINDS } from "./drill-event.js";
import {
  TEMPLATE_VARIABLES,
  forEachTemplatedString,
  parseTemplateVariable,
  templateNames,
  type JsonPath,
} from "./drill-template.js";

/**
 * Rules that span several fields of a drill, checked on the raw (possibly malformed) document so
 * they are reported together with every structural problem rather than after them.
 */
export interface DrillRuleViolation {
  path: JsonPath;
  message: string;
}

type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Raw) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const checkFirstCommitBranch = (repo: Raw, out: DrillRuleViolation[]): void => {
  const defaultBranch = typeof repo.default_branch === "string" ? repo.default_branch : "main";
  const branch = asRecord(asArray(repo.commits)[0])?.branch;
  if (typeof branch !== "string" || branch === defaultBranch) return;
  out.push({
    path: ["repo", "commits", 0, "branch"],
    message: `the first commit creates the repository, so it must be on the default branch "${defaultBranch}" (got "${branch}")`,
  });
};

/**
 * How many commits a template at `path` may refer to: `repo.commits` exist before anything else
 * (a commit sees only earlier ones), and each `push` event adds one for the events after it.
 */
const commitsVisibleAt = (raw: Raw, path: JsonPath): number => {
  const seeded = asArray(asRecord(raw.repo)?.commits).length;
  const events = asArray(raw.events);
  const pushes = (upTo: number) => events.slice(0, upTo).filter((e) => asRecord(e)?.push !== undefined).length;
  if (path[0] === "repo") return path[1] === "commits" && typeof path[2] === "number" ? path[2] : seeded;
  if (path[0] === "events" && typeof path[1] === "number") return seeded + pushes(path[1]);
  return seeded + pushes(events.length);
};

/** Where templates are rendered; `llm` and `faults` are handed to their engines verbatim. */
const TEMPLATED_SECTIONS = ["repo", "events", "expect"] as const;

const checkTemplates = (raw: Raw, out: DrillRuleViolation[]): void => {
  const templated = Object.fromEntries(TEMPLATED_SECTIONS.map((key) => [key, raw[key]]));
  forEachTemplatedString(templated, (text, path) => {
    for (const name of templateNames(text)) {
      const variable = parseTemplateVariable(name);
      if (!variable) {
        out.push({
          path,
          message: `unknown template variable "{{${name}}}"; expected one of ${TEMPLATE_VARIABLES.join(", ")}`,
        });
        continue;
      }
      const visible = commitsVisibleAt(raw, path);
      if (variable.kind === "commit" && variable.index >= visible) {
        const range = visible === 0 ? "no earlier commits" : `commits 0 to ${visible - 1}`;
        out.push({ path, message: `"{{${name}}}" refers to commit ${variable.index}, but there are ${range}` });
      }
    }
  });
};

const JOB_EVENTS = new Set(["workflow_run", "workflow_job", "check_suite", "check_run"]);
const DEPLOYMENT_EVENTS = new Set(["deployment", "deployment_status"]);

const checkGithubEvent = (event: Raw, path: JsonPath, out: DrillRuleViolation[]): void => {
  const name = String(event.github);
  if (event.jobs !== undefined && !JOB_EVENTS.has(name)) {
    out.push({ path: [...path, "jobs"], message: `"jobs" applies only to ${[...JOB_EVENTS].join(", ")} events` });
  }
  if (event.deployment !== undefined && !DEPLOYMENT_EVENTS.has(name)) {
    out.push({ path: [...path, "deployment"], message: `"deployment" applies only to deployment and deployment_status events` });
  }
  if (event.state !== undefined && name !== "deployment_status") {
    out.push({ path: [...path, "state"], message: `"state" applies only to deployment_status events` });
  }
  if (name !== "deployment_status") return;
  for (const key of ["deployment", "state"] as const) {
    if (event[key] === undefined) out.push({ path: [...path, key], message: `missing required key "${key}" for a deployment_status event` });
  }
};

const checkEvent = (event: Raw, path: JsonPath, out: DrillRuleViolation[]): void => {
  const kind = DRILL_EVENT_KINDS.find((k) => k in event);
  if (kind === "github") checkGithubEvent(event, path, out);
  if (kind === "alert" && event.payload !== undefined && event.body !== undefined) {
    out.push({ path: [...path, "body"], message: 'expected either "payload" (completed like the real sender\'s) or "body" (sent as written), not both' });
  }
  const body = asRecord(kind === undefined ? undefined : event[kind]);
  if (!body) return;
  if (kind === "wait" && (body.ms === undefined) === (body.advance === undefined)) {
    out.push({ path: [...path, "wait"], message: 'expected exactly one of "ms" (real time) or "advance" (sandbox clock)' });
  }
  if (kind === "check" && (body.status === undefined) === (body.conclusion === undefined)) {
    out.push({ path: [...path, "check"], message: 'expected exactly one of "status" (the run starts) or "conclusion" (it completes)' });
  }
};

export const drillRuleViolations = (raw: unknown): DrillRuleViolation[] => {
  const drill = asRecord(raw);
  if (!drill) return [];
  const out: DrillRuleViolation[] = [];
  const repo = asRecord(drill.repo);
  if (repo) checkFirstCommitBranch(repo, out);
  asArray(drill.events).forEach((event, i) => {
    const record = asRecord(event);
    if (record) checkEvent(record, ["events", i], out);
  });
  checkTemplates(drill, out);
  return out;
};
