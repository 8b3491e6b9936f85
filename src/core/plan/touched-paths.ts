import type { Comparison } from "../../ports/deploy-history.js";

/** Every path a comparison touched, a renamed file under both its names (a rollback undoes both). */
export const touchedPaths = (comparison: Pick<Comparison, "files">): string[] => comparison.files.flatMap((f) => [f.path, ...(f.previousPath ? [f.previousPath] : [])]);
