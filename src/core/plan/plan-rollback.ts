import { touchedPaths } from "./touched-paths.js";
import type { ChangedFile, CommitSummary, Comparison } from "../../ports/deploy-history.js";
import type { ChangePublisher } from "../../ports/change-publisher.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
import type { Incident } from "../../schemas/incident.js";
import type { RepoRef } from "../../schemas/signal.js";
import { findImageChanges, type ChangedFileTexts } from "./find-image-changes.js";
import { pinImageValues } from "./pin-image-values.js";
import { reverseApplyPatch } from "./reverse-apply-patch.js";
import type { RollbackPlan } from "./rollback-plan.js";
import type { RevertTarget } from "../../ports/workspace.js";
import type { ActionProposal } from "../../schemas/action-proposal.js";
import { toProposal } from "./actions/action-catalog.js";

export const WORKFLOWS_DIR = ".github/workflows/";
const YAML = /\.ya?ml$/i;
/** The bundled runbooks a rollback carries out: reverting the range, or pinning an image back (the narrower change). */
const RUNBOOK = "deploy-failed-rollback";
const PIN_RUNBOOK = "image-pin";
const short = (sha: string) => sha.slice(0, 7);

export interface PlanInput {
  incident: Incident;
  repo: RepoRef;
  config: RepoConfig;
  environment: string | null;
  lastGood: string;
  failing: string;
  /** the default branch: a value is pinned only if it is still the failing one there */
  base: string;
  comparison: Comparison;
}

/** The texts of a changed YAML file before and after the range, from its current text and the patch. */
const fileTexts = async (host: ChangePublisher, input: PlanInput, file: ChangedFile): Promise<(ChangedFileTexts & { blobSha: string }) | null> => {
  const current = await host.readFile(input.repo, file.path, input.base);
  // The value to pin must still be the failing one: a file changed since the failure is not pinned.
  if (!current || current.blobSha !== file.blobSha || file.patch === null) return null;
  const before = file.status === "added" ? null : reverseApplyPatch(current.text, file.patch);
  if (before === null && file.status !== "added") return null;
  return { path: file.path, before, after: current.text, blobSha: current.blobSha };
};

const candidateFiles = (input: PlanInput): ChangedFile[] => {
  const configured = input.config.services.filter((s) => input.environment === null || s.environment === input.environment).flatMap((s) => s.files);
  return input.comparison.files.filter((f) => f.status !== "removed" && (configured.includes(f.path) || (YAML.test(f.path) && f.patch !== null)));
};

const planPin = async (host: ChangePublisher, input: PlanInput): Promise<RollbackPlan | null> => {
  const versionKeys = input.config.services.flatMap((s) => (s.version_key ? [s.version_key.split(".")] : []));
  const texts = (await Promise.all(candidateFiles(input).map((f) => fileTexts(host, input, f)))).filter((t) => t !== null);
  const { changes } = findImageChanges(texts, { configuredPaths: versionKeys });
  if (changes.length === 0) return null;
  const files: { path: string; text: string }[] = [];
  const edits = [];
  for (const text of texts) {
    const mine = changes.filter((c) => c.file === text.path);
    if (mine.length === 0 || text.after === null) continue;
    const pinned = pinImageValues(text.after, mine);
    if (!pinned.ok) return null;
    files.push({ path: text.path, text: pinned.text });
    edits.push(...pinned.edits.map((e) => ({ ...e, file: text.path })));
  }
  const description = edits.map((e) => `In \`${e.file}\` line ${e.line}, set \`${e.path.join(".")}\` from \`${e.from}\` back to \`${e.to}\`.`);
  return {
    kind: "pin",
    files,
    edits,
    proposal: toProposal({
      incidentId: input.incident.id,
      runbookId: PIN_RUNBOOK,
      kind: "set-image-tag",
      // the values go back to versions that ran before
      risk: "low",
      params: { lastGood: input.lastGood, failing: input.failing, values: edits.map((e) => ({ file: e.file, path: e.path.join("."), from: e.from, to: e.to })) },
      planned: {
        kind: "planned",
        changes: files.map((f) => ({ path: f.path, change: "modify" as const, content: f.text, previous: texts.find((t) => t.path === f.path)?.after ?? null })),
        quantities: [],
        description,
        inverse: { action: null, description: `Revert this pull request's commit to deploy \`${edits[0]?.from ?? "the failing version"}\` again.` },
      },
    }),
  };
};

/**
 * The commits to revert, newest first: the failing commit's first-parent chain back into the range.
 * Commits that arrived through a merge are undone by reverting the merge itself (`-m 1`), so they
 * are not reverted twice.
 */
export const firstParentChain = (commits: CommitSummary[], head: string): CommitSummary[] => {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const chain: CommitSummary[] = [];
  for (let commit = bySha.get(head); commit; commit = bySha.get(commit.parents[0] ?? "")) chain.push(commit);
  return chain;
};

const revertProposal = (input: PlanInput, targets: RevertTarget[]): ActionProposal => {
  const { comparison } = input;
  return toProposal({
    incidentId: input.incident.id,
    runbookId: RUNBOOK,
    kind: "revert-commits",
    params: { lastGood: input.lastGood, failing: input.failing, commits: targets.map((t) => t.sha) },
    planned: {
      kind: "planned",
      // a renamed file is reverted at both of its paths
      changes: touchedPaths(comparison).map((path) => ({ path, change: "revert" as const, content: null, previous: null })),
      quantities: [],
      description: targets.map((t) => {
        const commit = comparison.commits.find((c) => c.sha === t.sha);
        const subject = commit?.message.split("\n")[0] ?? "";
        return `Revert ${short(t.sha)} "${subject}"${t.parents > 1 ? " (a merge, against its first parent)" : ""}.`;
      }),
      inverse: { action: null, description: "Revert this pull request's commit to restore the reverted commits." },
    },
  });
};

/**
 * Decide how to roll back `lastGood..failing`: pin the image value back when the range changed
 * one (nothing else in the file moves), else revert the range's commits, newest first; hand the
 * incident to humans when an app may not or cannot do it safely.
 */
export const planRollback = async (host: ChangePublisher, input: PlanInput): Promise<RollbackPlan> => {
  const { comparison } = input;
  if (comparison.status !== "ahead") {
    return { kind: "handoff", reason: "not-a-descendant", detail: `${short(input.failing)} is ${comparison.status} of the last good ${short(input.lastGood)}; there is no linear range to roll back` };
  }
  if (comparison.totalCommits > comparison.commits.length) {
    return { kind: "handoff", reason: "range-too-large", detail: `${comparison.totalCommits} commits separate the last good ${short(input.lastGood)} from ${short(input.failing)}; that is more than one review can check` };
  }
  if (comparison.commits.length === 0) return { kind: "handoff", reason: "no-commits", detail: `no commits between ${short(input.lastGood)} and ${short(input.failing)}` };
  const pin = await planPin(host, input);
  if (pin) return pin;
  const workflowFiles = comparison.files.filter((f) => f.path.startsWith(WORKFLOWS_DIR) || (f.previousPath ?? "").startsWith(WORKFLOWS_DIR));
  if (workflowFiles.length > 0) {
    return {
      kind: "handoff",
      reason: "workflow-files",
      detail: `the range changes ${workflowFiles.map((f) => `\`${f.path}\``).join(", ")}; GitHub Apps without the workflows permission cannot push such changes`,
    };
  }
  const targets = firstParentChain(comparison.commits, input.failing).map((c) => ({ sha: c.sha, parents: c.parents.length }));
  return {
    kind: "revert",
    targets,
    proposal: revertProposal(input, targets),
  };
};
