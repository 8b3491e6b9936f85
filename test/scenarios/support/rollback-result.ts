import { loadDrill } from "../../../src/sandbox/drill/load-drill.js";
import { runDrill } from "../../../src/sandbox/drill/run-drill.js";
import type { Drill } from "../../../src/schemas/drill.js";
import type { SimulatedPullRequest, SimulationResult } from "../../../src/schemas/simulation-result.js";
import { agenticOpsApp, recordingWorkspace, type RecordedPush } from "./drill-session.js";

export const BOT = "agenticops[bot]";
export const PULLS = "POST /repos/{owner}/{repo}/pulls";
export const CREATE_REF = "POST /repos/{owner}/{repo}/git/refs";
export const CREATE_ISSUE = "POST /repos/{owner}/{repo}/issues";
export const INCIDENT_BRANCH = /^agenticops\/(inc-[0-9a-f]{12})$/;

export interface Played {
  drill: Drill;
  result: SimulationResult;
  /** pushes the app made through its git workspace (reverts), in order */
  pushes: RecordedPush[];
  /** blobless clones the app opened */
  clones: number;
}

/** Plays `drills/<file>` end to end, with the app's git pushes recorded. */
export const playDrill = async (file: string): Promise<Played> => {
  const drill = await loadDrill(`drills/${file}`);
  const recorder = recordingWorkspace();
  const result = await runDrill(drill, { app: agenticOpsApp(recorder.workspace) });
  return { drill, result, pushes: recorder.pushes, clones: recorder.clones() };
};

export const failedExpectations = (result: SimulationResult) => result.expectations.filter((e) => !e.passed);

/** `METHOD route` of every REST call the app made. */
export const routes = (result: SimulationResult): string[] => result.apiCalls.map((c) => `${c.method} ${c.route}`);

export const countCalls = (result: SimulationResult, route: string): number => routes(result).filter((r) => r === route).length;

/** Every call that changed something, the token exchange excepted (as `no_writes` counts them). */
export const writes = (result: SimulationResult): string[] =>
  result.apiCalls.filter((c) => c.method !== "GET" && c.method !== "HEAD" && !c.route.endsWith("/access_tokens")).map((c) => `${c.method} ${c.route}`);

/** Git pushes as the sandbox logged them (receive-pack requests). */
export const loggedPushes = (result: SimulationResult) => (result.gitCalls ?? []).filter((g) => g.service === "receive-pack");

export const incidentOfBranch = (branch: string): string => {
  const id = INCIDENT_BRANCH.exec(branch)?.[1];
  if (!id) throw new Error(`branch ${branch} is not an agenticops/inc-… branch`);
  return id;
};

export const onlyPullRequest = (result: SimulationResult): SimulatedPullRequest => {
  if (result.pullRequests.length !== 1) throw new Error(`expected one pull request, got ${result.pullRequests.length}`);
  return result.pullRequests[0]!;
};

export interface PatchLines {
  removed: string[];
  added: string[];
  context: string[];
  /** the file before and after, as far as the hunks show it */
  before: string[];
  after: string[];
  /** lines that are none of the above (anything but hunk headers is unexpected) */
  other: string[];
}

/** A unified-diff patch, as GitHub's files API returns it, split by line kind. */
export const patchLines = (patch: string): PatchLines => {
  const out: PatchLines = { removed: [], added: [], context: [], before: [], after: [], other: [] };
  for (const line of patch.split("\n")) {
    if (line.startsWith("@@")) continue;
    const text = line.slice(1);
    const kind = line[0];
    if (kind === "-" || kind === " ") out.before.push(text);
    if (kind === "+" || kind === " ") out.after.push(text);
    if (kind === "-") out.removed.push(text);
    else if (kind === "+") out.added.push(text);
    else if (kind === " ") out.context.push(text);
    else if (line !== "\\ No newline at end of file") out.other.push(line);
  }
  return out;
};

/** Lines of a file's text, without the empty string after the final newline. */
export const linesOf = (text: string): string[] => text.replace(/\n$/, "").split("\n");

/** A seeded commit's content of `path` (commit N of the drill's repo.commits). */
export const fileAt = (drill: Drill, commit: number, path: string): string => {
  for (let i = commit; i >= 0; i -= 1) {
    const content = drill.repo.commits[i]?.files[path];
    if (typeof content === "string") return content;
  }
  throw new Error(`${path} does not exist at commit ${commit} of drill ${drill.name}`);
};

/** The fenced `sh` block of an incident issue: the commands a human runs instead of the bot. */
export const shellBlock = (body: string): string[] => {
  const block = /```sh\n([\s\S]*?)\n```/.exec(body)?.[1];
  if (block === undefined) throw new Error("the issue body has no ```sh block");
  return block.split("\n");
};

/** The incident id in a body's hidden marker. */
export const markerIncident = (body: string): string => {
  const json = /<!-- agenticops:v1 (\{.*?\}) -->/.exec(body)?.[1];
  const incident = (JSON.parse(json ?? "{}") as { incident?: string }).incident;
  if (!incident) throw new Error("no agenticops marker in the body");
  return incident;
};
