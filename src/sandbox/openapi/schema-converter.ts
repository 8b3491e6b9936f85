import type { JsonSchema } from "./openapi-types.js";

/**
 * Turns OpenAPI 3.0 schemas into JSON Schema (draft-07) that ajv validates faithfully:
 * `nullable` becomes an explicit null type, OpenAPI-only annotations are dropped, and refs to
 * `#/components/schemas/X` point at ids the compiler registers lazily.
 */
export const COMPONENT_SCHEMA_ID = "https://sandbox.agenticops.invalid/components/schemas/";
const COMPONENT_REF_PREFIX = "#/components/schemas/";

/** Keywords whose value is a schema, a list of schemas, or a map of schemas. */
const SCHEMA_KEYWORDS = new Set(["items", "additionalProperties", "not", "contains", "propertyNames"]);
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf"]);
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "definitions"]);
/** OpenAPI annotations that are not JSON Schema; `nullable` is handled separately. */
const DROPPED_KEYWORDS = new Set(["nullable", "example", "examples", "discriminator", "xml", "externalDocs"]);
/** Keywords that a null type cannot simply be added to, so nullable needs an `anyOf` wrapper. */
const COMPOSITE_KEYWORDS = ["allOf", "anyOf", "oneOf", "not", "$ref"];

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const componentSchemaId = (name: string): string => COMPONENT_SCHEMA_ID + encodeURIComponent(name);

/** `#/components/schemas/X` → `X`, or undefined for any other ref. */
export const componentSchemaName = (ref: string): string | undefined =>
  ref.startsWith(COMPONENT_REF_PREFIX) ? decodeURIComponent(ref.slice(COMPONENT_REF_PREFIX.length)) : undefined;

const convertValue = (keyword: string, value: unknown, resolve: (ref: string) => unknown): unknown => {
  if (SCHEMA_KEYWORDS.has(keyword)) {
    if (Array.isArray(value)) return value.map((item) => toJsonSchema(item, resolve));
    return isObject(value) ? toJsonSchema(value, resolve) : value;
  }
  if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
    return value.map((item) => toJsonSchema(item, resolve));
  }
  if (SCHEMA_MAP_KEYWORDS.has(keyword) && isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub, resolve)]));
  }
  return value;
};

const addNull = (schema: JsonSchema): JsonSchema => {
  if (COMPOSITE_KEYWORDS.some((keyword) => keyword in schema) || !("type" in schema || "enum" in schema)) {
    return { anyOf: [{ type: "null" }, schema] };
  }
  const nullable = { ...schema };
  if (typeof schema["type"] === "string") nullable["type"] = [schema["type"], "null"];
  if (Array.isArray(schema["type"]) && !schema["type"].includes("null")) nullable["type"] = [...schema["type"], "null"];
  if (Array.isArray(schema["enum"]) && !schema["enum"].includes(null)) nullable["enum"] = [...schema["enum"], null];
  return nullable;
};

/**
 * Converts one OpenAPI schema. `resolve` inlines refs that do not point at component schemas
 * (those stay refs so recursive schemas keep working).
 */
export const toJsonSchema = (schema: unknown, resolve: (ref: string) => unknown): unknown => {
  if (!isObject(schema)) return schema;
  if (typeof schema["$ref"] === "string") {
    const name = componentSchemaName(schema["$ref"]);
    return name === undefined ? toJsonSchema(resolve(schema["$ref"]), resolve) : { $ref: componentSchemaId(name) };
  }
  const converted: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(keyword) || keyword.startsWith("x-")) continue;
    converted[keyword] = convertValue(keyword, value, resolve);
  }
  // GitHub's description says oneOf where branches overlap (an app owner is a user or an
  // enterprise; event payloads), so real payloads match several branches: validate as anyOf.
  if ("oneOf" in converted && !("anyOf" in converted)) {
    converted["anyOf"] = converted["oneOf"];
    delete converted["oneOf"];
  }
  return schema["nullable"] === true ? addNull(converted) : converted;
};

/** Names of the component schemas a raw OpenAPI schema refers to, directly or in nested schemas. */
export const referencedComponents = (schema: unknown, found = new Set<string>()): Set<string> => {
  if (Array.isArray(schema)) {
    for (const item of schema) referencedComponents(item, found);
  } else if (isObject(schema)) {
    const name = typeof schema["$ref"] === "string" ? componentSchemaName(schema["$ref"]) : undefined;
    if (name !== undefined) found.add(name);
    // Walks everything (property maps included): an extra registered component is harmless.
    for (const value of Object.values(schema)) referencedComponents(value, found);
  }
  return found;
};
