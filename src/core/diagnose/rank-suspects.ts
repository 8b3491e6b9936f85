import type { ChangedFile, CommitSummary } from "../../ports/deploy-history.js";
import type { SuspectCommit } from "../../schemas/diagnosis.js";
import { parseImageReference } from "../plan/image-reference.js";
import { classifyChangedFile, RISK_LABELS, type ChangeRisk } from "./classify-changed-file.js";
import { extractErrorMentions, type ErrorMentions } from "./extract-error-mentions.js";

export type CommitWithFiles = CommitSummary & { files: ChangedFile[] };

export interface RankSuspectsInput {
  /** the failure excerpt, ideally already redacted */
  excerpt: string[];
  /** the commits between last good and the failure, oldest first as a comparison lists them */
  commits: CommitWithFiles[];
}

/**
 * Points per kind of evidence. What the error names outweighs what is merely risky. Changing the
 * very identifier, dependency or image the error names is the most specific link; changing the
 * file the error points at comes next (that file often only shows the symptom), a file of the
 * same name after that. Only the first MAX_PER_KIND findings of a kind count, so a huge commit
 * cannot win on volume alone.
 */
export const SUSPECT_WEIGHTS = {
  symbol: 6, dependency: 6, image: 6, path: 5, module: 5, configKey: 5, basename: 3, test: 3, directory: 1, largest: 1, newest: 1,
} as const;
const MAX_PER_KIND = 2;
const MIN_LARGEST = 20;

interface Finding {
  kind: keyof typeof SUSPECT_WEIGHTS | ChangeRisk;
  points: number;
  reason: string;
}

const basename = (p: string): string => p.slice(p.lastIndexOf("/") + 1);
const dirname = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
const trimPath = (p: string): string => p.replace(/^(?:\.{0,2}\/)+/, "");
// `./config.js` → config; `./utils` → utils; `src/utils/index.ts` → utils (an import of the folder).
const stem = (p: string): string => {
  const name = basename(p).replace(/\.[^.]*$/, "");
  return name === "index" ? basename(dirname(p)) : name;
};
const samePath = (mention: string, path: string): boolean => {
  const m = trimPath(mention);
  return m === path || m.endsWith(`/${path}`) || (m.includes("/") && path.endsWith(`/${m}`));
};
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordIn = (term: string, extra = ""): RegExp => new RegExp(`(?<![\\w$${extra}])${escape(term)}(?![\\w$${extra}])`);

interface PatchLines {
  file: ChangedFile;
  added: string[];
  removed: string[];
}
const patchLines = (file: ChangedFile): PatchLines => {
  const lines = (file.patch ?? "").split("\n");
  return {
    file,
    added: lines.filter((l) => l.startsWith("+") && !l.startsWith("+++")).map((l) => l.slice(1)),
    removed: lines.filter((l) => l.startsWith("-") && !l.startsWith("---")).map((l) => l.slice(1)),
  };
};

/** Where `test` matches changed lines: the first file, and whether added and/or removed lines. */
const findInPatches = (patches: PatchLines[], test: (line: string) => boolean) => {
  for (const p of patches) {
    const added = p.added.some(test);
    const removed = p.removed.some(test);
    if (added || removed) return { path: p.file.path, verb: added && removed ? "changes" : added ? "adds" : "removes" };
  }
  return null;
};

const fileFindings = (files: ChangedFile[], mentions: ErrorMentions): Finding[] => {
  const out: Finding[] = [];
  const dirs = new Set(mentions.paths.filter((m) => m.includes("/")).map((m) => dirname(trimPath(m))));
  const seenDirs = new Set<string>();
  for (const { path, previousPath } of files) {
    const names = previousPath ? [path, previousPath] : [path];
    const full = mentions.paths.find((m) => names.some((n) => samePath(m, n)));
    const module = mentions.modules.find((m) => names.some((n) => stem(m) === stem(n)));
    const base = mentions.paths.find((m) => names.some((n) => basename(m) === basename(n)));
    if (full) out.push({ kind: "path", points: SUSPECT_WEIGHTS.path, reason: `changes ${path}, which the error mentions` });
    else if (module) out.push({ kind: "module", points: SUSPECT_WEIGHTS.module, reason: `changes ${path}, which the error imports as "${module}"` });
    else if (base) out.push({ kind: "basename", points: SUSPECT_WEIGHTS.basename, reason: `changes ${path}; the error mentions ${basename(base)}` });
    else {
      const dir = dirname(path);
      const near = dir !== "" && [...dirs].some((d) => d === dir || d.endsWith(`/${dir}`));
      if (near && !seenDirs.has(dir)) {
        seenDirs.add(dir);
        out.push({ kind: "directory", points: SUSPECT_WEIGHTS.directory, reason: `changes files in ${dir}/, where the error points` });
      }
    }
  }
  return out;
};

// Python module names that differ from the package that provides them.
const PYTHON_ALIASES: Record<string, string> = { yaml: "pyyaml", cv2: "opencv-python", PIL: "pillow", sklearn: "scikit-learn", bs4: "beautifulsoup4", dateutil: "python-dateutil", jwt: "pyjwt" };
// Go packages live in modules named by a prefix of their path.
const packageCandidates = (name: string): string[] => {
  const parts = name.split("/");
  const prefixes = parts.length > 3 && parts[0]?.includes(".") ? [parts.slice(0, 3).join("/")] : [];
  const alias = PYTHON_ALIASES[name];
  return [name, ...prefixes, ...(alias ? [alias] : [])];
};
const normalizePackage = (s: string): string => s.toLowerCase().replace(/[_.]/g, "-");

const contentFindings = (patches: PatchLines[], mentions: ErrorMentions): Finding[] => {
  const out: Finding[] = [];
  const manifests = patches.filter((p) => classifyChangedFile(p.file.path) === "dependencies");
  for (const pkg of mentions.packages) {
    const patterns = packageCandidates(pkg).map((c) => wordIn(normalizePackage(c), "@/.-"));
    const hit = findInPatches(manifests, (line) => patterns.some((re) => re.test(normalizePackage(line))));
    const verb = hit?.verb === "changes" ? "bumps" : hit?.verb;
    if (hit) out.push({ kind: "dependency", points: SUSPECT_WEIGHTS.dependency, reason: `${verb} the dependency "${pkg}" named in the error` });
  }
  const terms: [Finding["kind"], string[], string][] = [
    ["symbol", mentions.symbols, "which the error names"],
    ["configKey", mentions.configKeys, "which the error mentions"],
    ["test", mentions.tests, "the failing test"],
  ];
  for (const [kind, values, why] of terms) {
    for (const value of values) {
      const re = /^[\w$.-]+$/.test(value) ? wordIn(value, kind === "configKey" ? ".-" : "") : null;
      const hit = findInPatches(patches, (line) => (re ? re.test(line) : line.includes(value)));
      if (!hit) continue;
      const reason = kind === "test" ? `${hit.verb} ${why} "${value}" (${hit.path})` : `${hit.verb} lines mentioning "${value}" (${hit.path}), ${why}`;
      out.push({ kind, points: SUSPECT_WEIGHTS[kind as keyof typeof SUSPECT_WEIGHTS], reason });
    }
  }
  for (const image of mentions.images) {
    const tag = parseImageReference(image)?.tag ?? null;
    const fullHit = findInPatches(patches, (line) => line.includes(image));
    const config = patches.filter((p) => classifyChangedFile(p.file.path) !== null);
    const tagHit = !fullHit && tag && tag !== "latest" ? findInPatches(config, (line) => wordIn(tag, ".-").test(line)) : null;
    if (fullHit) out.push({ kind: "image", points: SUSPECT_WEIGHTS.image, reason: `${fullHit.verb === "removes" ? "removes" : "sets"} the image "${image}" named in the error (${fullHit.path})` });
    else if (tagHit) out.push({ kind: "image", points: SUSPECT_WEIGHTS.image, reason: `sets the image tag "${tag}" named in the error (${tagHit.path})` });
  }
  return out;
};

const riskFindings = (files: ChangedFile[], hasDependencyFinding: boolean): Finding[] => {
  const byRisk = new Map<ChangeRisk, string[]>();
  for (const f of files) {
    const risk = classifyChangedFile(f.path);
    if (risk) byRisk.set(risk, [...(byRisk.get(risk) ?? []), f.path]);
  }
  return [...byRisk]
    .filter(([risk]) => !(risk === "dependencies" && hasDependencyFinding))
    .map(([risk, paths]) => {
      const shown = paths.slice(0, 2).join(", ") + (paths.length > 2 ? ` and ${paths.length - 2} more` : "");
      return { kind: risk, points: RISK_LABELS[risk].weight, reason: `${RISK_LABELS[risk].label} (${shown})` };
    });
};

const changeSize = (c: CommitWithFiles): number => c.files.reduce((n, f) => n + f.additions + f.deletions, 0);

/**
 * The commits most likely to have caused a failure, best first, each with the reasons it earned
 * its score: what the error names (files, modules, dependencies, symbols, config keys, images,
 * tests) that the commit changes, and risky changes (dependencies, infrastructure, config).
 * Commits with no evidence are left out; ties go to non-merge commits, then to the newest.
 */
export const rankSuspects = (input: RankSuspectsInput): SuspectCommit[] => {
  const mentions = extractErrorMentions(input.excerpt);
  const { commits } = input;
  const recency = commits.map((c, i) => ({ i, t: Date.parse(c.date) || 0 })).sort((a, b) => a.t - b.t || a.i - b.i);
  const rank = new Map(recency.map(({ i }, r) => [i, r]));
  const newest = recency[recency.length - 1]?.i;
  const sizes = commits.map(changeSize);
  const [maxSize = 0, runnerUp = 0] = [...sizes].sort((a, b) => b - a);
  // Size is only a signal when one change dwarfs the others.
  const largest = commits.length > 1 && maxSize >= MIN_LARGEST && maxSize >= 2 * runnerUp ? sizes.indexOf(maxSize) : -1;

  const scored = commits.map((commit, i) => {
    const patches = commit.files.map(patchLines);
    const content = contentFindings(patches, mentions);
    const findings = [...fileFindings(commit.files, mentions), ...content, ...riskFindings(commit.files, content.some((f) => f.kind === "dependency"))];
    if (i === largest) findings.push({ kind: "largest", points: SUSPECT_WEIGHTS.largest, reason: `largest change in the range (${maxSize} lines)` });
    if (i === newest) findings.push({ kind: "newest", points: SUSPECT_WEIGHTS.newest, reason: commits.length > 1 ? "newest commit in the range" : "only commit in the range" });
    const counted = capPerKind(findings).sort((a, b) => b.points - a.points);
    const suspect: SuspectCommit = {
      sha: commit.sha,
      subject: commit.message.split("\n")[0] ?? "",
      author: commit.author,
      score: counted.reduce((n, f) => n + f.points, 0),
      reasons: counted.map((f) => f.reason),
    };
    return { suspect, merge: commit.parents.length > 1, recency: rank.get(i) ?? 0 };
  });
  return scored
    .filter((s) => s.suspect.score > 0)
    .sort((a, b) => b.suspect.score - a.suspect.score || Number(a.merge) - Number(b.merge) || b.recency - a.recency)
    .map((s) => s.suspect);
};

const capPerKind = (findings: Finding[]): Finding[] => {
  const seen = new Map<string, number>();
  return findings.filter((f) => {
    const n = (seen.get(f.kind) ?? 0) + 1;
    seen.set(f.kind, n);
    return n <= MAX_PER_KIND;
  });
};
