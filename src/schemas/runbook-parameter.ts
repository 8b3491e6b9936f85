import { z } from "zod";
import { Template } from "./runbook-precondition.js";

export const ParameterType = z.enum(["string", "integer", "enum", "sha", "image", "duration"]);
export type ParameterType = z.infer<typeof ParameterType>;

/** Which optional keys each type accepts besides type, description, from and default. */
const TYPE_KEYS: Record<ParameterType, ReadonlyArray<"min" | "max" | "values">> = {
  string: [],
  integer: ["min", "max"],
  enum: ["values"],
  sha: [],
  image: [],
  duration: [],
};

/**
 * A typed parameter. Its value comes from `from` (a template over facts and the alert) or else
 * `default`; with neither available the runbook is skipped. Values are checked against the type
 * (an integer string from a label becomes a number, then is range-checked).
 */
export const RunbookParameter = z
  .strictObject({
    type: ParameterType,
    description: z.string().optional(),
    from: Template.optional(),
    default: z.union([z.string(), z.number()], { error: "expected a string or a number" }).optional(),
    /** integer only, inclusive */
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    /** enum only */
    values: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((spec, ctx) => {
    for (const key of ["min", "max", "values"] as const) {
      if (spec[key] !== undefined && !TYPE_KEYS[spec.type].includes(key)) {
        ctx.addIssue({ code: "custom", path: [key], message: `"${key}" applies to ${key === "values" ? "enum" : "integer"} parameters only`, input: spec[key] });
      }
    }
    if (spec.type === "enum" && spec.values === undefined) ctx.addIssue({ code: "custom", message: 'an enum parameter needs "values"', input: spec.type });
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) ctx.addIssue({ code: "custom", path: ["min"], message: `min ${spec.min} is above max ${spec.max}`, input: spec.min });
    if (spec.from === undefined && spec.default === undefined) ctx.addIssue({ code: "custom", message: 'a parameter needs "from", "default" or both', input: spec.type });
  });
export type RunbookParameter = z.infer<typeof RunbookParameter>;

/** Parameter names are identifiers so `{{ params.name }}` reads them. */
export const ParameterName = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: "expected a parameter name in snake_case, like max_replicas" });
