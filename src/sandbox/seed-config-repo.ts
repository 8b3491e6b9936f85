import type { Sandbox } from "./sandbox-server.js";
import type { RepoState } from "./state/sandbox-state.js";

export interface ConfigRepoSpec {
  owner: string;
  name: string;
  /** the app's installation on the owner */
  installationId: number;
  /** `.github/agenticops.yml` on the default branch */
  config: string;
  defaultBranch?: string;
}

/** A repository that opted in: one commit holding its `.github/agenticops.yml`, installed for the app. */
export const seedConfigRepo = async (sandbox: Sandbox, spec: ConfigRepoSpec): Promise<RepoState> => {
  const branch = spec.defaultBranch ?? "main";
  await sandbox.git.createRepo(spec.owner, spec.name, branch);
  const repoState = sandbox.state.addRepo({ owner: spec.owner, name: spec.name, defaultBranch: branch, private: true, installationId: spec.installationId, collaborators: { [spec.owner]: "admin" } });
  sandbox.state.ensureUser(spec.owner);
  const author = { name: "Ops", email: "ops@example.invalid" };
  await sandbox.git.commitFiles(spec.owner, spec.name, branch, { message: "Opt in to AgenticOps", author, committer: author, files: { ".github/agenticops.yml": spec.config } });
  const installation = sandbox.state.installations.get(spec.installationId);
  installation?.repositories.push(`${spec.owner}/${spec.name}`);
  return repoState;
};
