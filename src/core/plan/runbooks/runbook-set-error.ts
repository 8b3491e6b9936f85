import type { AgenticOpsError } from "../../model/agenticops-error.js";
import { documentInvalidError, type LocatedProblem } from "../../validate/located-problem.js";

/** One RUNBOOK_INVALID error listing every located problem of a set of runbook files. */
export const runbookSetError = (subject: string, problems: readonly LocatedProblem[]): AgenticOpsError =>
  documentInvalidError("RUNBOOK_INVALID", subject, problems, { hint: "fix the listed places; runbooks/README.md describes every key of a runbook" });
