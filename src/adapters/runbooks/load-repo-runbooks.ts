import type { Octokit } from "../github/github-call.js";
import { githubCall, httpStatus } from "../github/github-call.js";
import { octokitChangePublisher } from "../github/octokit-change-publisher.js";
import { isRunbookFile } from "./load-runbook-dir.js";
import { parseRunbookFiles, type RunbookSet } from "../../core/plan/runbooks/parse-runbook-files.js";
import type { RepoRef } from "../../schemas/signal.js";

/** Where a repository keeps its own runbooks. */
export const REPO_RUNBOOKS_DIR = ".github/agenticops/runbooks";

const MAX_FILES = 50;

/**
 * A repository's own runbooks at `ref` (the default branch: a pull request must not change the
 * runbooks that would act on it). No directory: none. Each file is parsed on its own, so one bad
 * file is a located problem and its siblings still load.
 */
export const loadRepoRunbooks = async (octokit: Octokit, repo: RepoRef, ref: string): Promise<RunbookSet> => {
  const listing = await githubCall(`list ${REPO_RUNBOOKS_DIR}`, async () => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path: REPO_RUNBOOKS_DIR, ref });
      return Array.isArray(data) ? data : [];
    } catch (error) {
      if (httpStatus(error) === 404) return [];
      throw error;
    }
  });
  const names = listing.filter((entry) => entry.type === "file" && isRunbookFile(entry.name)).map((entry) => entry.path).sort().slice(0, MAX_FILES);
  const publisher = octokitChangePublisher(octokit);
  const files = await Promise.all(names.map(async (path) => ({ file: path, text: (await publisher.readFile(repo, path, ref))?.text ?? "" })));
  return parseRunbookFiles(files);
};
