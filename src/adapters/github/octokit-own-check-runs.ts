import type { CheckRunWrite, OwnCheckRun } from "../../ports/change-publisher.js";
import type { RepoRef } from "../../schemas/signal.js";
import { githubCall, type Octokit } from "./github-call.js";

type RawCheckRun = {
  id: number;
  head_sha: string;
  status: string;
  conclusion: string | null;
  app: { id: number } | null;
  output: { title: string | null; summary: string | null; text?: string | null };
};

const toOwn = (run: RawCheckRun): OwnCheckRun => ({
  id: run.id,
  headSha: run.head_sha,
  status: run.status,
  conclusion: run.conclusion,
  title: run.output.title,
  summary: run.output.summary,
  text: run.output.text ?? null,
});

/**
 * The newest check run named `name` on `sha` that this app created, or null. Any app (or an Actions
 * token) can create a run with the same name: only one whose app id is ours is the bot's.
 */
export const findOwnCheckRun = (octokit: Octokit, appId: number | null, repo: RepoRef, sha: string, name: string): Promise<OwnCheckRun | null> =>
  githubCall(`find check run ${name} on ${sha.slice(0, 7)}`, async () => {
    const { data } = await octokit.rest.checks.listForRef({
      owner: repo.owner,
      repo: repo.name,
      ref: sha,
      check_name: name,
      filter: "latest",
      per_page: 10,
      ...(appId !== null ? { app_id: appId } : {}),
    });
    const runs = (data.check_runs as RawCheckRun[]).filter((r) => r.head_sha === sha && (appId === null || r.app?.id === appId));
    const newest = runs.sort((a, b) => b.id - a.id)[0];
    return newest ? toOwn(newest) : null;
  });

const sameOutput = (run: OwnCheckRun, check: CheckRunWrite): boolean =>
  run.status === "completed" && run.conclusion === check.conclusion && run.title === check.title && run.summary === check.summary && run.text === check.text;

/** Find by name and head SHA, then create, update in place, or leave alone when nothing changed. */
export const ensureOwnCheckRun = async (
  octokit: Octokit,
  appId: number | null,
  repo: RepoRef,
  check: CheckRunWrite,
  fresh = false,
): Promise<{ id: number; kind: "created" | "updated" | "unchanged" }> => {
  const existing = fresh ? null : await findOwnCheckRun(octokit, appId, repo, check.headSha, check.name);
  const output = { title: check.title, summary: check.summary, text: check.text };
  if (existing && sameOutput(existing, check)) return { id: existing.id, kind: "unchanged" };
  if (existing) {
    await githubCall(`update check run ${check.name}`, () =>
      octokit.rest.checks.update({ owner: repo.owner, repo: repo.name, check_run_id: existing.id, status: "completed", conclusion: check.conclusion, output }),
    );
    return { id: existing.id, kind: "updated" };
  }
  const { data } = await githubCall(`create check run ${check.name}`, () =>
    octokit.rest.checks.create({ owner: repo.owner, repo: repo.name, name: check.name, head_sha: check.headSha, status: "completed", conclusion: check.conclusion, output }),
  );
  return { id: data.id, kind: "created" };
};
