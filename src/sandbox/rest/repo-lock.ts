import type { RepoState } from "../state/sandbox-state.js";

// Keyed by the state object, so each SandboxState has its own locks and nothing needs resetting.
const tails = new WeakMap<RepoState, Promise<unknown>>();

/**
 * Runs `fn` after every earlier locked call on the same repository has settled. Read-check-write
 * sequences (a contents write checking the file's sha, a merge checking the head) need this to be
 * atomic against each other, as they are on GitHub.
 */
export const withRepoLock = <T>(repo: RepoState, fn: () => Promise<T>): Promise<T> => {
  const previous = tails.get(repo) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  tails.set(repo, run.catch(() => undefined));
  return run;
};
