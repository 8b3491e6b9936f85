import { runGitRaw } from "./run-git.js";

/**
 * GitHub's rule for the `workflows` permission, in one place for both ways a GitHub App writes
 * to a repository: git pushes (a generated `pre-receive` hook, since receive-pack runs it) and
 * the REST API (contents and git refs routes). github.com refuses to let an app create, update or
 * delete anything under `.github/workflows/` without `workflows: write`.
 *
 * "The change" is what the new commits do, not the net diff: every commit reachable from the new
 * tip and from no existing ref, each diffed against its parent (`--cc` for merges, so only what a
 * merge itself resolves counts; `--no-renames` so moving a workflow out still names it). So a
 * revert of a workflow edit is refused too, as on GitHub.
 */
export const WORKFLOWS_DIR = ".github/workflows/";

/** Set by the git HTTP handler for installation pushes: "1" with `workflows: write`, "0" without. */
export const WORKFLOWS_WRITE_ENV = "AGENTICOPS_WORKFLOWS_WRITE";

/** `git log` arguments listing, one per line, the paths the new commits touch (before `<tip> --not --all`). */
const TOUCHED_PATHS_ARGS = ["log", "--no-renames", "--cc", "--name-only", "--format="];

export const isWorkflowPath = (path: string): boolean => path.replace(/^\/+/, "").startsWith(WORKFLOWS_DIR);

/** GitHub's words, as a push (`! [remote rejected] … (<this>)`) or a REST 403 carries them. */
export const workflowRefusal = (path: string): string =>
  `refusing to allow a GitHub App to create or update workflow \`${path}\` without \`workflows\` permission`;

export const workflowsWriteEnv = (allowed: boolean): Record<string, string> => ({ [WORKFLOWS_WRITE_ENV]: allowed ? "1" : "0" });

/**
 * The first workflow file that the commits reachable from `tip` but from no ref of the repository
 * touch, or null (also when `tip` is not a commit: the caller's own validation reports that).
 */
export async function findWorkflowChange(gitDir: string, tip: string): Promise<string | null> {
  if (!/^[0-9a-f]{4,40}$/i.test(tip)) return null;
  const result = await runGitRaw(gitDir, [...TOUCHED_PATHS_ARGS, tip, "--not", "--all"], { okCodes: "any" });
  if (result.code !== 0) return null;
  const paths = result.stdout.toString("utf8").split("\n").map(unquote);
  return paths.find(isWorkflowPath) ?? null;
}

/** git quotes unusual paths (`"a\303\251.yml"`); the prefix test only needs the quotes gone. */
const unquote = (line: string): string => (line.startsWith('"') && line.endsWith('"') ? line.slice(1, -1) : line);

/**
 * The `pre-receive` hook every sandbox repository gets. It only acts when the handler says the
 * pusher is an app without `workflows: write`; users and in-process writes are never affected.
 */
export const preReceiveHook = (): string => {
  const prefix = WORKFLOWS_DIR.replace(/\./g, "\\.");
  return `#!/bin/sh
# Written by the AgenticOps sandbox (src/sandbox/git/workflow-change.ts): GitHub refuses workflow
# changes pushed by a GitHub App without the \`workflows\` permission.
[ "$${WORKFLOWS_WRITE_ENV}" = "0" ] || exit 0
zero=0000000000000000000000000000000000000000
status=0
while read -r old new ref; do
  [ "$new" = "$zero" ] && continue
  path=$(git ${TOUCHED_PATHS_ARGS.join(" ")} "$new" --not --all | sed 's/^"\\(.*\\)"$/\\1/' | grep -m 1 '^${prefix}')
  if [ -n "$path" ]; then
    echo "${workflowRefusal("$path").replace(/`/g, "\\`")}" >&2
    status=1
  fi
done
exit $status
`;
};
