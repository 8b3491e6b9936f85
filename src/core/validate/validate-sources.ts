import type { ValidatedFile } from "../../schemas/validation-report.js";
import { ACTION_CATALOG } from "../plan/actions/action-catalog.js";
import type { ActionCatalog } from "../plan/runbooks/action-catalog-type.js";
import type { RunbookSet } from "../plan/runbooks/parse-runbook-files.js";
import { validatePolicySources } from "./validate-policy-sources.js";
import { validateRepoConfig } from "./validate-repo-config.js";
import { validateRunbookSources } from "./validate-runbook-sources.js";
import type { SourceFile } from "./validation-source.js";

/**
 * Validates the files of one tree as the app would load them: each file on its own (a broken one
 * never hides its siblings), then the checks across files, then every runbook example and policy
 * inline test of the files that parsed. Returns the entries of the files to report, in order:
 * runbooks, repository runbooks, policies, config.
 */
export const validateSources = async (sources: readonly SourceFile[], bundled: RunbookSet, catalog: ActionCatalog = ACTION_CATALOG): Promise<ValidatedFile[]> => {
  const runbooks = await validateRunbookSources(sources, bundled, catalog);
  const policies = validatePolicySources(sources);
  const configs = sources.filter((s) => s.kind === "config" && s.report).map((s) => validateRepoConfig(s, runbooks.knownIds));
  return [...runbooks.files, ...policies, ...configs];
};
