import { Ajv, type ValidateFunction } from "ajv";
import formatsPlugin from "ajv-formats";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { JsonSchema, OpenApiDocument } from "./openapi-types.js";
import { resolvePointer } from "./resolve-refs.js";
import { componentSchemaId, referencedComponents, toJsonSchema } from "./schema-converter.js";

const addFormats = formatsPlugin.default;

const formatsIn = (schema: unknown, found = new Set<string>()): Set<string> => {
  if (Array.isArray(schema)) {
    for (const item of schema) formatsIn(item, found);
  } else if (typeof schema === "object" && schema !== null) {
    const format = (schema as JsonSchema)["format"];
    if (typeof format === "string") found.add(format);
    for (const value of Object.values(schema)) formatsIn(value, found);
  }
  return found;
};

/**
 * One ajv instance over an OpenAPI description. Component schemas are converted and registered
 * only when a compiled schema first needs them, so loading the description compiles nothing.
 */
export class SchemaCompiler {
  private readonly ajv: Ajv;
  private readonly registered = new Set<string>();
  private readonly resolve = (ref: string): unknown => resolvePointer(this.document, ref);

  constructor(
    private readonly document: OpenApiDocument,
    options: { coerceTypes?: "array" } = {},
  ) {
    // validateSchema off: the description is trusted and meta-validating it would cost more than using it.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes: options.coerceTypes ?? false });
    addFormats(this.ajv);
  }

  compile(schema: unknown): ValidateFunction {
    for (const name of referencedComponents(schema)) this.register(name);
    const converted = toJsonSchema(schema, this.resolve) as JsonSchema;
    this.allowUnknownFormats(converted);
    return this.ajv.compile(converted);
  }

  private register(name: string): void {
    if (this.registered.has(name)) return;
    this.registered.add(name);
    const raw = this.document.components["schemas"]?.[name];
    if (raw === undefined) {
      throw new AgenticOpsError("SANDBOX_FAILED", `OpenAPI component schema "${name}" does not exist`);
    }
    const converted = toJsonSchema(raw, this.resolve) as JsonSchema;
    this.allowUnknownFormats(converted);
    this.ajv.addSchema(converted, componentSchemaId(name));
    for (const dependency of referencedComponents(raw)) this.register(dependency);
  }

  /** GitHub uses formats of its own (`repo.nwo`, `timestamp`); accept any value for those. */
  private allowUnknownFormats(schema: unknown): void {
    for (const format of formatsIn(schema)) {
      if (!this.ajv.formats[format]) this.ajv.addFormat(format, true);
    }
  }
}
