import { DURATION_PATTERN } from "../../../schemas/duration.js";
import type { RunbookParameter } from "../../../schemas/runbook-parameter.js";
import { parseImageReference } from "../image-reference.js";

export type ParameterValue = string | number;
export type Coerced = { ok: true; value: ParameterValue } | { ok: false; message: string };

const SHA = /^[0-9a-f]{7,40}$/;
const INTEGER = /^-?\d+$/;

const shown = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? "a list" : typeof value === "object" && value !== null ? "a map" : String(value));

const integer = (spec: RunbookParameter, value: unknown): Coerced => {
  const number = typeof value === "number" ? value : typeof value === "string" && INTEGER.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(number)) return { ok: false, message: `expected a whole number, got ${shown(value)}` };
  if (spec.min !== undefined && number < spec.min) return { ok: false, message: `${number} is below the minimum ${spec.min}` };
  if (spec.max !== undefined && number > spec.max) return { ok: false, message: `${number} is above the maximum ${spec.max}` };
  return { ok: true, value: number };
};

const text = (value: unknown): string | null => (typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : null);

/** Checks a value against its parameter's type; integer strings (label values) become numbers. */
export const coerceParameter = (spec: RunbookParameter, value: unknown): Coerced => {
  if (spec.type === "integer") return integer(spec, value);
  const string = text(value);
  if (string === null) return { ok: false, message: `expected ${spec.type === "string" ? "text" : `a ${spec.type}`}, got ${shown(value)}` };
  switch (spec.type) {
    case "string":
      return string.length > 0 ? { ok: true, value: string } : { ok: false, message: "expected non-empty text" };
    case "enum":
      return spec.values?.includes(string) ? { ok: true, value: string } : { ok: false, message: `expected one of ${(spec.values ?? []).join(", ")}, got ${shown(value)}` };
    case "sha":
      return SHA.test(string) ? { ok: true, value: string } : { ok: false, message: `expected a commit SHA (7 to 40 lowercase hex digits), got ${shown(value)}` };
    case "image":
      return parseImageReference(string) ? { ok: true, value: string.trim() } : { ok: false, message: `expected an image reference like registry.io/team/api:1.4.2, got ${shown(value)}` };
    case "duration":
      return DURATION_PATTERN.test(string) ? { ok: true, value: string } : { ok: false, message: `expected a duration such as "5m" or "1h", got ${shown(value)}` };
  }
};
