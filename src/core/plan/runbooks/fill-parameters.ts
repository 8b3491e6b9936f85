import type { Runbook } from "../../../schemas/runbook.js";
import { coerceParameter, type ParameterValue } from "./coerce-parameter.js";
import { renderTemplate, type TemplateScope } from "./render-template.js";

export type FilledParameters =
  | { kind: "filled"; params: Record<string, ParameterValue> }
  /** a fact a parameter comes from is absent in this incident, and there is no default */
  | { kind: "missing"; reason: string }
  /** a value does not fit its parameter's type or range */
  | { kind: "invalid"; problems: string[] };

/**
 * Each parameter's value: `from` rendered over the facts (`facts.`, `alert.`), else `default`.
 * A rendered value out of type or range is invalid even when a default exists: the bound is the
 * point, and silently falling back would hide it.
 */
export const fillParameters = (runbook: Runbook, scope: TemplateScope): FilledParameters => {
  const params: Record<string, ParameterValue> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(runbook.parameters)) {
    const where = `parameters.${name}`;
    const rendered = spec.from === undefined ? undefined : renderTemplate(spec.from, { facts: scope.facts, alert: scope.alert });
    let raw: unknown;
    if (rendered?.ok) raw = rendered.value;
    else if (rendered && rendered.error.kind === "invalid") {
      problems.push(`${where}.from: ${rendered.error.message}`);
      continue;
    } else if (spec.default !== undefined) raw = spec.default;
    else return { kind: "missing", reason: `${where}: ${rendered?.error.message ?? "no value"}` };
    const coerced = coerceParameter(spec, raw);
    if (coerced.ok) params[name] = coerced.value;
    else problems.push(`${where}: ${coerced.message}`);
  }
  return problems.length > 0 ? { kind: "invalid", problems } : { kind: "filled", params };
};
