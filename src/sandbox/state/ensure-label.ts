import type { LabelRecord, RepoState, SandboxState } from "./sandbox-state.js";

/** GitHub's colour for labels created implicitly (by adding an unknown label to an issue). */
const DEFAULT_COLOR = "ededed";

export const findLabel = (repoState: RepoState, name: string): LabelRecord | undefined =>
  repoState.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());

/** The repository's label named `name` (case-insensitive, as on GitHub), created when missing. */
export const ensureLabel = (state: SandboxState, repoState: RepoState, name: string): LabelRecord => {
  const existing = findLabel(repoState, name);
  if (existing) return existing;
  const label: LabelRecord = { id: state.id(), name, color: DEFAULT_COLOR, description: null };
  repoState.labels.push(label);
  return label;
};
