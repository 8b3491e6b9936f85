import { renderTemplate, type TemplateScope } from "./render-template.js";

export type PreconditionResult = { kind: "passed" } | { kind: "failed"; reason: string } | { kind: "invalid"; problems: string[] };
export type Rendered<T> = PreconditionResult | { kind: "value"; value: T };

export const PASSED: PreconditionResult = { kind: "passed" };
export const failed = (reason: string): PreconditionResult => ({ kind: "failed", reason });

/** A template's value: a missing fact fails the check, a broken template makes the runbook invalid. */
export const renderForCheck = (template: string, scope: TemplateScope): Rendered<unknown> => {
  const rendered = renderTemplate(template, scope);
  if (rendered.ok) return { kind: "value", value: rendered.value };
  return rendered.error.kind === "missing" ? failed(rendered.error.message) : { kind: "invalid", problems: [rendered.error.message] };
};

/** Like renderForCheck, for values that must be text (paths, names). */
export const renderText = (template: string, scope: TemplateScope): Rendered<string> => {
  const rendered = renderForCheck(template, scope);
  if (rendered.kind !== "value") return rendered;
  const { value } = rendered;
  return typeof value === "string" || typeof value === "number" ? { kind: "value", value: String(value) } : { kind: "invalid", problems: [`${template} is not text`] };
};

/** `value` as a number within the bounds, or why not; `what` names it in the reason. */
export const withinBounds = (what: string, value: unknown, bounds: { min?: number | undefined; max?: number | undefined }): PreconditionResult => {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : NaN;
  if (!Number.isFinite(number)) return failed(`${what} is ${JSON.stringify(value)}, not a number`);
  if (bounds.min !== undefined && number < bounds.min) return failed(`${what} is ${number}, below ${bounds.min}`);
  if (bounds.max !== undefined && number > bounds.max) return failed(`${what} is ${number}, above ${bounds.max}`);
  return PASSED;
};
