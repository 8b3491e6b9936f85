/**
 * GitHub CODEOWNERS: gitignore-style patterns, last matching rule wins. GitHub documents three
 * gitignore features that do NOT work here (`!` negation, `[ ]` ranges, `\#` escaping a leading
 * `#`); lines using them are reported as errors and skipped, as GitHub skips them.
 */
export interface CodeownersRule {
  pattern: string;
  /** As written: `@user`, `@org/team` or an email. Empty: matching paths have no owners. */
  owners: string[];
  /** 1-based line in the file. */
  line: number;
}

export interface CodeownersError {
  line: number;
  message: string;
}

export interface Codeowners {
  rules: CodeownersRule[];
  errors: CodeownersError[];
}

export interface Reviewers {
  /** Logins without `@`. */
  users: string[];
  /** Team slugs (the part after `org/`), as the requested_reviewers API takes them. */
  teams: string[];
}

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/;
const TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9_.-]+$/;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

const isValidOwner = (owner: string): boolean => USER.test(owner) || TEAM.test(owner) || EMAIL.test(owner);

/** Splits a line into its pattern (backslash escapes kept) and the owner words; `#` starts a comment. */
const splitLine = (line: string): { pattern: string; owners: string[] } => {
  const text = line.trim();
  let pattern = "";
  let i = 0;
  for (; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length) {
      pattern += ch + text[i + 1]!;
      i += 1;
    } else if (ch === "#" || /\s/.test(ch)) break;
    else pattern += ch;
  }
  const rest = text.slice(i);
  const hash = rest.indexOf("#");
  const owners = (hash < 0 ? rest : rest.slice(0, hash)).split(/\s+/).filter((w) => w !== "");
  return { pattern, owners };
};

/** Why GitHub rejects this pattern, or null when it is valid. */
const patternError = (pattern: string): string | null => {
  if (pattern.startsWith("!")) return "negation (`!`) is not supported in CODEOWNERS";
  if (/(?<!\\)[[\]]/.test(pattern)) return "character ranges (`[ ]`) are not supported in CODEOWNERS";
  if (pattern.includes("***")) return "a pattern cannot contain three consecutive asterisks";
  if (pattern === "/") return "the pattern `/` never matches anything; did you mean `*`?";
  return null;
};

export const parseCodeowners = (text: string): Codeowners => {
  const rules: CodeownersRule[] = [];
  const errors: CodeownersError[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    if (trimmed.startsWith("\\#")) {
      errors.push({ line, message: "escaping a leading `#` with `\\` is not supported in CODEOWNERS" });
      continue;
    }
    const { pattern, owners } = splitLine(trimmed);
    const problem = patternError(pattern);
    const invalid = owners.filter((o) => !isValidOwner(o));
    if (problem) errors.push({ line, message: `${problem}: ${pattern}` });
    else if (invalid.length > 0) errors.push({ line, message: `invalid owner ${invalid.map((o) => `"${o}"`).join(", ")}: expected @user, @org/team or an email` });
    else rules.push({ pattern, owners, line });
  }
  return { rules, errors };
};

const escapeRegex = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** One path segment: `*` and `?` stay within the segment, `\x` is a literal x. */
const segmentSource = (segment: string): string => {
  let out = "";
  for (let i = 0; i < segment.length; i += 1) {
    const ch = segment[i]!;
    if (ch === "\\" && i + 1 < segment.length) out += escapeRegex(segment[++i]!);
    else if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else out += escapeRegex(ch);
  }
  return out;
};

/**
 * gitignore semantics as GitHub applies them: a pattern with no inner `/` matches at any depth,
 * a leading `/` or an inner `/` anchors it to the root, a trailing `/` means "everything under
 * this directory", and a match on a directory covers its contents, except that a trailing `/*`
 * covers only the files directly inside (GitHub's documented `docs/*` case).
 */
const compile = (pattern: string): RegExp => {
  let segments = pattern.split("/");
  if (segments[0] === "") segments = segments.slice(1);
  else if ((segments.length === 1 || (segments.length === 2 && segments[1] === "")) && segments[0] !== "**") {
    segments = ["**", ...segments];
  }
  if (segments.length > 1 && segments[segments.length - 1] === "") segments[segments.length - 1] = "**";

  const last = segments.length - 1;
  let source = "";
  let needSlash = false;
  for (const [i, segment] of segments.entries()) {
    if (segment === "**") {
      if (i === 0 && i === last) source += ".+";
      else if (i === 0) source += "(?:.+/)?";
      else if (i === last) source += "/.*";
      else source += "(?:/.+)?";
      needSlash = i !== 0;
      continue;
    }
    if (needSlash) source += "/";
    needSlash = true;
    if (segment === "*") {
      source += "[^/]+";
      continue;
    }
    source += segmentSource(segment);
    if (i === last) source += "(?:/.*)?";
  }
  return new RegExp(`^${source}$`, "s");
};

/** Whether a CODEOWNERS pattern covers a repository path (`src/a.ts`, no leading slash needed). */
export const patternMatches = (pattern: string, path: string): boolean => compile(pattern).test(path.replace(/^\/+/, ""));

/** Owners of a path: those of the last matching rule, [] when none matches or it lists no owners. */
export const ownersFor = (rules: readonly CodeownersRule[], path: string): string[] => {
  for (let i = rules.length - 1; i >= 0; i -= 1) {
    const rule = rules[i]!;
    if (patternMatches(rule.pattern, path)) return [...rule.owners];
  }
  return [];
};

const byName = (a: string, b: string): number => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b);

/**
 * Who to request reviews from for a change touching `paths`. Emails are dropped (the API takes
 * logins and team slugs only); `exclude` holds logins (e.g. the bot, the PR author) or teams,
 * with or without `@`, compared case-insensitively as GitHub does.
 */
export const reviewersFor = (rules: readonly CodeownersRule[], paths: readonly string[], options: { exclude: string[] }): Reviewers => {
  const excluded = new Set(options.exclude.map((e) => e.replace(/^@/, "").toLowerCase()));
  const users = new Map<string, string>();
  const teams = new Map<string, string>();
  for (const owner of new Set(paths.flatMap((p) => ownersFor(rules, p)))) {
    if (!owner.startsWith("@")) continue;
    const name = owner.slice(1);
    const key = name.toLowerCase();
    if (TEAM.test(owner)) {
      const slug = name.slice(name.indexOf("/") + 1);
      if (!excluded.has(key) && !excluded.has(slug.toLowerCase())) teams.set(slug.toLowerCase(), slug);
    } else if (!excluded.has(key)) users.set(key, name);
  }
  return { users: [...users.values()].sort(byName), teams: [...teams.values()].sort(byName) };
};
