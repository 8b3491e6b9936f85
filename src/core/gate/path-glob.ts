import picomatch from "picomatch";

/**
 * A repository path as globs see it: no leading `./` or `/`, no `.` or `..` segments. Null when
 * it is empty or climbs out of the repository, which no legitimate change does.
 */
export const normalizeRepoPath = (path: string): string | null => {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) return null;
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out.length === 0 ? null : out.join("/");
};

/**
 * One predicate for a list of globs. `dot` so `**` covers `.github/`; `nocase` where a miss
 * would be unsafe (protected paths: `.GitHub/` is not GitHub's folder, but still not the bot's to touch).
 */
export const globMatcher = (globs: readonly string[], options: { nocase?: boolean } = {}): ((value: string) => boolean) => {
  if (globs.length === 0) return () => false;
  return picomatch([...globs], { dot: true, nocase: options.nocase ?? false });
};

/** Whether `environment` matches one of `globs`; no environment matches nothing. */
export const environmentMatches = (globs: readonly string[], environment: string | null): boolean =>
  environment !== null && globMatcher(globs, { nocase: true })(environment);
