export type JsonObject = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Merges `source` into a copy of `target`: objects merge key by key, everything else (arrays
 * included) replaces, so an override `pull_requests: []` empties the list instead of appending.
 * `undefined` values are skipped; `null` is written.
 */
export const deepMerge = (target: JsonObject, source: JsonObject): JsonObject => {
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] =
      isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : structuredClone(value);
  }
  return out;
};
