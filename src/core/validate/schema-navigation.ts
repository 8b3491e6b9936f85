import type { z } from "zod";

/**
 * Walks a zod schema alongside the raw value it failed on, to learn what was expected at a path
 * (the keys an object allows, the branch of a union the user meant). zod's issues don't carry it.
 */
type Def = {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
};

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;

const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);

/** Strips optional/default/pipe wrappers down to the schema that validates the value's shape. */
export const unwrapSchema = (schema: z.core.$ZodType): z.core.$ZodType => {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
};

export const objectKeys = (schema: z.core.$ZodType): string[] | undefined => {
  const def = defOf(unwrapSchema(schema));
  return def.type === "object" && def.shape ? Object.keys(def.shape) : undefined;
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * Index of the union option the user most plausibly meant: for a list the list option, for a map
 * the object option sharing the most keys with it (events are told apart by their kind key).
 * -1 when nothing fits.
 */
export const pickUnionOption = (options: readonly z.core.$ZodType[], value: unknown): number => {
  if (Array.isArray(value)) return options.findIndex((o) => defOf(unwrapSchema(o)).type === "array");
  const record = asRecord(value);
  if (!record) return -1;
  let best = -1;
  let bestScore = 0;
  options.forEach((option, i) => {
    const keys = objectKeys(option);
    const score = keys ? Object.keys(record).filter((k) => keys.includes(k)).length : 0;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
};

export const unionOptions = (schema: z.core.$ZodType): z.core.$ZodType[] | undefined => {
  const def = defOf(unwrapSchema(schema));
  return def.type === "union" ? def.options : undefined;
};

/** The schema that validates the value at `path`, or undefined when the path leaves the schema. */
export const schemaAt = (
  root: z.core.$ZodType,
  rootValue: unknown,
  path: ReadonlyArray<PropertyKey>,
): z.core.$ZodType | undefined => {
  let schema: z.core.$ZodType | undefined = root;
  let value = rootValue;
  for (const segment of path) {
    if (!schema) return undefined;
    schema = unwrapSchema(schema);
    const options = unionOptions(schema);
    if (options) schema = options[pickUnionOption(options, value)];
    if (!schema) return undefined;
    const def = defOf(unwrapSchema(schema));
    if (def.type === "object") schema = def.shape?.[String(segment)];
    else if (def.type === "array") schema = def.element;
    else if (def.type === "record") schema = def.valueType;
    else return undefined;
    value = valueAt(value, [segment]);
  }
  return schema;
};

/** The raw value at `path`, or undefined. */
export const valueAt = (root: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let value = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === "number") value = value[segment];
    else value = asRecord(value)?.[String(segment)];
    if (value === undefined) return undefined;
  }
  return value;
};
