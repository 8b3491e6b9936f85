import type { RepoRecord, SandboxState } from "../state/sandbox-state.js";

/** What a renderer needs: state for users, and the two base URLs (a RestContext satisfies it). */
export interface RenderEnv {
  state: SandboxState;
  /** e.g. `http://127.0.0.1:4711/api/v3` */
  apiUrl: string;
  /** e.g. `http://127.0.0.1:4711` */
  origin: string;
}

/** API and HTML base URLs of a repository. */
export const repoBase = (env: RenderEnv, repo: RepoRecord): { api: string; html: string } => ({
  api: `${env.apiUrl}/repos/${repo.owner}/${repo.name}`,
  html: `${env.origin}/${repo.owner}/${repo.name}`,
});

/** GitHub's global node ids are opaque base64 strings; these follow the legacy `<len>:<Type><id>` form. */
export const nodeId = (type: string, id: number | string): string =>
  Buffer.from(`0${String(type.length)}:${type}${String(id)}`).toString("base64");
