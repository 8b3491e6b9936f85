import type { Octokit } from "../github/github-call.js";
import { githubCall, httpStatus } from "../github/github-call.js";
import { parseRunbookFiles, type RunbookSet } from "../../core/plan/runbooks/parse-runbook-files.js";
import type { RepoRef } from "../../schemas/signal.js";

/** Where a repository keeps its own runbooks. */
export const REPO_RUNBOOKS_DIR = ".github/agenticops/runbooks";

const RUNBOOK_FILE = /\.ya?ml$/;
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
  const names = listing.filter((entry) => entry.type === "file" && RUNBOOK_FILE.test(entry.name)).map((entry) => entry.path).sort().slice(0, MAX_FILES);
  const files = await Promise.all(
    names.map((path) =>
      githubCall(`read ${path}`, async () => {
        const { data } = await octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path, ref });
        const text = !Array.isArray(data) && data.type === "file" && "content" in data ? Buffer.from(data.content, "base64").toString("utf8") : "";
        return { file: path, text };
      }),
    ),
  );
  return parseRunbookFiles(files);
};
