import type { ValidatedFileKind } from "../../schemas/validation-report.js";

/** A file `agenticops validate` reads: its name as shown to the user, its text, and what it is. */
export interface SourceFile {
  file: string;
  text: string;
  kind: ValidatedFileKind;
  /**
   * false: read only for the checks that span files (duplicate ids, runbook ids a config names),
   * e.g. the rest of the tree of a file given by name; it is not reported.
   */
  report: boolean;
  /** false for a policy in a subfolder of policies/ (examples): checked and tested, never loaded */
  loaded: boolean;
}
