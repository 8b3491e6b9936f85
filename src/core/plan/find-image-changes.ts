import { findImageValues, type FindImageValuesOptions, type ImageValue, type ImageValueKind, type YamlPath } from "./find-image-values.js";

/** A changed file's text at the last-good commit (`before`) and at the failing commit (`after`); null when absent. */
export interface ChangedFileTexts {
  path: string;
  before: string | null;
  after: string | null;
}

/** An image value the failing commit changed; `docIndex` and `path` locate it in the failing commit's text. */
export interface ImageChange {
  file: string;
  docIndex: number;
  path: YamlPath;
  kind: ImageValueKind;
  repository: string | null;
  good: string;
  bad: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ImageChanges {
  changes: ImageChange[];
  skipped: SkippedFile[];
}

const YAML_FILE = /\.ya?ml$/i;

const sameSlot = (a: ImageValue, b: ImageValue): boolean =>
  a.docIndex === b.docIndex && a.kind === b.kind && JSON.stringify(a.path) === JSON.stringify(b.path);

const sameRepository = (a: ImageValue, b: ImageValue): boolean =>
  a.repository === null || b.repository === null || a.repository === b.repository;

/**
 * Pairs each failing-commit value with its last-good value, in three passes so an inserted
 * container or document does not pair two different images:
 * 1. same document, path and kind, and no conflicting repository;
 * 2. same kind and repository, when exactly one candidate is left on each side (paths shifted);
 * 3. same document, path and kind whatever the repository (the image moved registry).
 */
const pairValues = (good: ImageValue[], bad: ImageValue[]): [ImageValue, ImageValue][] => {
  const pairs: [ImageValue, ImageValue][] = [];
  const goodLeft = new Set(good);
  const badLeft = new Set(bad);
  const take = (match: (g: ImageValue, b: ImageValue) => boolean, unique: boolean): void => {
    for (const b of [...badLeft]) {
      const candidates = [...goodLeft].filter((g) => match(g, b));
      const rivals = unique ? [...badLeft].filter((other) => candidates.some((g) => match(g, other))) : [b];
      const g = candidates[0];
      if (g === undefined || (unique && (candidates.length !== 1 || rivals.length !== 1))) continue;
      pairs.push([g, b]);
      goodLeft.delete(g);
      badLeft.delete(b);
    }
  };
  take((g, b) => sameSlot(g, b) && sameRepository(g, b), false);
  take((g, b) => g.kind === b.kind && g.repository !== null && g.repository === b.repository, true);
  take(sameSlot, false);
  return pairs;
};

const valuesOrReason = (file: string, text: string, options: FindImageValuesOptions, label: string): ImageValue[] | string => {
  const found = findImageValues(file, text, options);
  return found.ok ? found.values : `YAML at the ${label} commit does not parse: ${found.reason}`;
};

const changesIn = (file: ChangedFileTexts, options: FindImageValuesOptions): ImageChange[] | string => {
  if (!YAML_FILE.test(file.path)) return "not a YAML file";
  if (file.before === null) return "added by the failing commit: no last-good value to pin";
  if (file.after === null) return "deleted by the failing commit: no value to pin";
  const good = valuesOrReason(file.path, file.before, options, "last-good");
  if (typeof good === "string") return good;
  const bad = valuesOrReason(file.path, file.after, options, "failing");
  if (typeof bad === "string") return bad;
  return pairValues(good, bad)
    .filter(([g, b]) => g.value !== b.value)
    .sort(([, x], [, y]) => x.range[0] - y.range[0])
    .map(([g, b]) => ({
      file: file.path,
      docIndex: b.docIndex,
      path: b.path,
      kind: b.kind,
      repository: b.repository ?? g.repository,
      good: g.value,
      bad: b.value,
    }));
};

/**
 * The image versions the failing commit changed in IaC files, each with its last-good value.
 * Files that are not YAML, do not parse, or were added or deleted come back in `skipped` with
 * the reason: they are the caller's cue to fall back to a plain revert. Never throws.
 */
export const findImageChanges = (files: readonly ChangedFileTexts[], options: FindImageValuesOptions = {}): ImageChanges => {
  const result: ImageChanges = { changes: [], skipped: [] };
  for (const file of files) {
    const found = changesIn(file, options);
    if (typeof found === "string") result.skipped.push({ file: file.path, reason: found });
    else result.changes.push(...found);
  }
  return result;
};
