import type { OpenApiDocument } from "../openapi/openapi-types.js";
import type { PermissionLevel } from "./app-auth.js";

/** One repository or organisation permission at one level, as in an app manifest's `default_permissions`. */
export interface PermissionGrant {
  permission: string;
  level: PermissionLevel;
}

/** Permission names per level; a route accepts any one of them (GitHub's "at least one of"). */
type Rule = { read: readonly string[]; write: readonly string[] };

const both = (...permissions: string[]): Rule => ({ read: permissions, write: permissions });

/**
 * By the operation's `x-github.category/subcategory` in GitHub's OpenAPI description, the way
 * "Permissions required for GitHub Apps" (docs.github.com) groups endpoints.
 */
const BY_SUBCATEGORY: Record<string, Rule> = {
  "repos/contents": both("contents"),
  // the legacy `compare/{base}...{head}` form of compare-two-commits
  "repos/commits": both("contents"),
  "commits/statuses": both("statuses"),
  // Every pull request is an issue: its comments and labels accept either permission.
  "issues/comments": both("issues", "pull_requests"),
  "issues/labels": both("issues", "pull_requests"),
};

const BY_CATEGORY: Record<string, Rule> = {
  actions: both("actions"),
  branches: both("contents"),
  checks: both("checks"),
  commits: both("contents"),
  deployments: both("deployments"),
  git: both("contents"),
  issues: both("issues"),
  pulls: both("pull_requests"),
  // Reading collaborators and their permission level is metadata; changing them is administration.
  collaborators: { read: ["metadata"], write: ["administration"] },
};

/** Operations whose permission is not their category's, each as GitHub documents it. */
const BY_OPERATION: Record<string, PermissionGrant[]> = {
  // The repository itself is metadata (every installation has it); the rest of `repos/repos`
  // ranges from metadata to administration, so it stays unmapped rather than guessed.
  "GET /repos/{owner}/{repo}": [{ permission: "metadata", level: "read" }],
  // The rules active on a branch are readable by anyone who can read the repository.
  "GET /repos/{owner}/{repo}/rules/branches/{branch}": [{ permission: "metadata", level: "read" }],
  // The pull requests a commit belongs to are pull request data, though listed under commits.
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls": [{ permission: "pull_requests", level: "read" }],
  // A pull request can be read with either permission.
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": [
    { permission: "pull_requests", level: "read" },
    { permission: "contents", level: "read" },
  ],
  // Merging writes the base branch: contents, not pull requests.
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge": [{ permission: "contents", level: "write" }],
  // Team membership is the organisation's `members` permission, not a repository's.
  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": [{ permission: "members", level: "read" }],
  // Updating an issue also updates pull requests (title, state, labels…).
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": [
    { permission: "issues", level: "write" },
    { permission: "pull_requests", level: "write" },
  ],
};

/** Reactions follow what they react to; only issue and issue-comment reactions are mapped. */
const reactionRule = (route: string): Rule | undefined =>
  route.startsWith("/repos/{owner}/{repo}/issues/") ? both("issues") : undefined;

interface XGitHub {
  category?: string;
  subcategory?: string;
}

const xGitHub = (document: OpenApiDocument, method: string, route: string): XGitHub | undefined => {
  const operation = document.paths[route]?.[method.toLowerCase()] as { "x-github"?: XGitHub } | undefined;
  return operation?.["x-github"];
};

/**
 * The permissions an installation token needs for a repository route, any one of which suffices:
 * GET/HEAD need `read`, other methods `write`. `undefined` when the sandbox knows no rule, which
 * callers treat as a refusal so that a new route cannot slip through unchecked.
 */
export const requiredPermissions = (document: OpenApiDocument, method: string, route: string): PermissionGrant[] | undefined => {
  const verb = method.toUpperCase();
  const exception = BY_OPERATION[`${verb} ${route}`];
  if (exception) return exception;
  const meta = xGitHub(document, verb === "HEAD" ? "GET" : verb, route);
  if (!meta?.category) return undefined;
  const rule =
    meta.category === "reactions"
      ? reactionRule(route)
      : (BY_SUBCATEGORY[`${meta.category}/${meta.subcategory ?? ""}`] ?? BY_CATEGORY[meta.category]);
  if (!rule) return undefined;
  const level: PermissionLevel = verb === "GET" || verb === "HEAD" ? "read" : "write";
  return rule[level].map((permission) => ({ permission, level }));
};

/** `issues=write; pull_requests=write`: GitHub's `X-Accepted-GitHub-Permissions` header value. */
export const acceptedPermissionsHeader = (grants: PermissionGrant[]): string =>
  grants.map((g) => `${g.permission}=${g.level}`).join("; ");

export interface PermissionDenial {
  /** Why, for the call log. */
  error: string;
  headers: Record<string, string>;
}

/**
 * Why an installation may not call `method route` with the app's permissions, or undefined when
 * it may. Users and the app's JWT are not subject to app permissions here.
 */
export const permissionDenial = (
  hasPermission: (permission: string, level: PermissionLevel) => boolean,
  document: OpenApiDocument,
  method: string,
  route: string,
): PermissionDenial | undefined => {
  const grants = requiredPermissions(document, method, route);
  if (!grants) {
    return { error: `the sandbox knows no permission rule for ${method} ${route} (src/sandbox/auth/route-permissions.ts)`, headers: {} };
  }
  if (grants.some((g) => hasPermission(g.permission, g.level))) return undefined;
  const accepted = acceptedPermissionsHeader(grants);
  return { error: `the app's permissions do not include ${accepted.replace(/=/g, ": ").replace(/; /g, " or ")}`, headers: { "x-accepted-github-permissions": accepted } };
};
