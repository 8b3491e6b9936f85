import type { ErrorObject } from "ajv";

/** An error worth reporting; a failed `anyOf` carries its first branch error as a hint. */
export interface ReportedError {
  error: ErrorObject;
  hint?: ReportedError;
}

const isUnder = (path: string, parent: string): boolean => path === parent || path.startsWith(`${parent}/`);

const isUnion = (error: ErrorObject): boolean => error.keyword === "anyOf" || error.keyword === "oneOf";

/** The `{type: "null"}` branch of the `anyOf` that `nullable` was converted into. */
const isNullBranchOf = (candidate: ErrorObject, union: ErrorObject): boolean =>
  candidate.keyword === "type" &&
  (candidate.params as { type?: unknown }).type === "null" &&
  candidate.schemaPath === `${union.schemaPath}/0/type` &&
  candidate.instancePath === union.instancePath;

/**
 * Whether an error just before `union` comes from one of its branches. A remaining null-branch
 * error belongs to an enclosing nullable wrapper (a wrapper removes its own when it closes).
 */
const isBranchError = (candidate: ErrorObject | undefined, union: ErrorObject): boolean =>
  candidate !== undefined &&
  isUnder(candidate.instancePath, union.instancePath) &&
  !(
    candidate.keyword === "type" &&
    (candidate.params as { type?: unknown }).type === "null" &&
    candidate.schemaPath.endsWith("/anyOf/0/type")
  );

/**
 * ajv (allErrors) reports every failed branch of a union, then the union itself. Branch errors
 * come right before it and lie at or under its instance path, but their schema paths restart at
 * each `$ref`, so they are recognised by position. A nullable wrapper keeps its non-null
 * branch's errors (the real cause); any other union is reported once, hinted by its first branch error.
 */
export const collapseUnionErrors = (errors: ErrorObject[]): ReportedError[] => {
  const reported: ReportedError[] = [];
  for (const error of errors) {
    if (!isUnion(error)) {
      reported.push({ error });
      continue;
    }
    const nullBranch = reported.findLastIndex((r) => isNullBranchOf(r.error, error));
    if (nullBranch >= 0) {
      reported.splice(nullBranch, 1);
      continue;
    }
    let start = reported.length;
    while (start > 0 && isBranchError(reported[start - 1]?.error, error)) start--;
    const [hint] = reported.splice(start);
    reported.push(hint ? { error, hint } : { error });
  }
  return reported;
};
