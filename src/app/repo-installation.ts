import type { Probot } from "probot";
import { httpStatus } from "../adapters/github/github-call.js";
import type { RepoRef } from "../schemas/signal.js";

/** The app's installation on a repository (`GET /repos/{owner}/{repo}/installation` with the app's JWT); null when not installed. */
export const repoInstallationId = async (app: Probot, repo: RepoRef): Promise<number | null> => {
  const appClient = await app.auth();
  try {
    return (await appClient.rest.apps.getRepoInstallation({ owner: repo.owner, repo: repo.name })).data.id;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
};
