import { renderUser } from "../../render/render-user.js";
import type { RepoRecord, RepoState } from "../../state/sandbox-state.js";
import { paginate } from "../paginate.js";
import { requireRepo } from "../require-repo.js";
import { notFound, type RestContext, type RestRequest, type RestRoute } from "../rest-route.js";

type Role = RepoRecord["collaborators"][string];

/** The owner of a user-owned repository is its admin; others have the role they were given. */
const roleOf = (repo: RepoRecord, login: string): Role | undefined => {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return "admin";
  const key = Object.keys(repo.collaborators).find((c) => c.toLowerCase() === login.toLowerCase());
  return key === undefined ? undefined : repo.collaborators[key];
};

/** GitHub's legacy base permission: maintain counts as write, triage as read. */
const legacyPermission = (role: Role | "none"): "admin" | "write" | "read" | "none" => {
  if (role === "admin") return "admin";
  if (role === "maintain" || role === "write") return "write";
  if (role === "triage" || role === "read") return "read";
  return "none";
};

const permissionsOf = (role: Role | "none") => {
  const rank = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(role);
  return { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 };
};

/** GitHub's `collaborator`: a simple user plus the permissions and role on the repository. */
const renderCollaborator = (ctx: RestContext, login: string, role: Role | "none") => ({
  ...renderUser(ctx.state.ensureUser(login), ctx.apiUrl, ctx.origin),
  permissions: permissionsOf(role),
  role_name: role,
});

const collaboratorLogins = (repoState: RepoState): string[] => {
  const { repo } = repoState;
  const others = Object.keys(repo.collaborators).filter((c) => c.toLowerCase() !== repo.owner.toLowerCase());
  return [repo.owner, ...others];
};

const listCollaborators = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const wanted = req.query["permission"];
  const all = collaboratorLogins(repoState).map((login) => ({ login, role: roleOf(repoState.repo, login) ?? "read" }));
  // `permission=push` means "at least push", as on GitHub.
  const matching = wanted ? all.filter((c) => (permissionsOf(c.role) as Record<string, boolean>)[wanted] === true) : all;
  const page = paginate(matching, req.query, `${ctx.apiUrl}/repos/${repoState.repo.owner}/${repoState.repo.name}/collaborators`);
  return { status: 200, body: page.items.map((c) => renderCollaborator(ctx, c.login, c.role)), headers: page.headers };
};

const checkCollaborator = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  if (!roleOf(repoState.repo, req.params["username"] ?? "")) throw notFound();
  return { status: 204 };
};

/**
 * A user's permission on the repository. Users who are not collaborators can read a public
 * repository and nothing of a private one; logins the sandbox never saw are 404, as on GitHub.
 */
const getPermission = (req: RestRequest, ctx: RestContext) => {
  const repoState = requireRepo(ctx, req.params);
  const login = req.params["username"] ?? "";
  const role = roleOf(repoState.repo, login);
  const known = [...ctx.state.users.keys()].find((u) => u.toLowerCase() === login.toLowerCase());
  if (!role && known === undefined) throw notFound();
  const effective: Role | "none" = role ?? (repoState.repo.private ? "none" : "read");
  return {
    status: 200,
    body: {
      permission: legacyPermission(effective),
      role_name: effective,
      user: renderCollaborator(ctx, known ?? login, effective),
    },
  };
};

export const collaboratorsRoutes: RestRoute[] = [
  { method: "GET", path: "/repos/{owner}/{repo}/collaborators", handler: listCollaborators },
  { method: "GET", path: "/repos/{owner}/{repo}/collaborators/{username}", handler: checkCollaborator },
  { method: "GET", path: "/repos/{owner}/{repo}/collaborators/{username}/permission", handler: getPermission },
];
