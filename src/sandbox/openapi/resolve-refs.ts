import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { Reference } from "./openapi-types.js";

export const isReference = (value: unknown): value is Reference =>
  typeof value === "object" && value !== null && typeof (value as { $ref?: unknown }).$ref === "string";

/** Follows a local JSON pointer such as `#/components/parameters/per-page`. */
export const resolvePointer = (document: unknown, ref: string): unknown => {
  if (!ref.startsWith("#/")) {
    throw new AgenticOpsError("SANDBOX_FAILED", `Only local $refs are supported, got "${ref}"`);
  }
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !(key in node)) {
      throw new AgenticOpsError("SANDBOX_FAILED", `Unresolvable $ref "${ref}" in the OpenAPI description`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
};

/** Replaces a `$ref` (and a chain of them) by its target; other values are returned as they are. */
export const deref = <T>(document: unknown, value: T | Reference): T => {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isReference(current)) {
    if (seen.has(current.$ref)) {
      throw new AgenticOpsError("SANDBOX_FAILED", `Circular $ref "${current.$ref}" in the OpenAPI description`);
    }
    seen.add(current.$ref);
    current = resolvePointer(document, current.$ref);
  }
  return current as T;
};
