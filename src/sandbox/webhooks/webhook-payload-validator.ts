import type { ValidateFunction } from "ajv";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type { JsonSchema, OpenApiDocument, OperationObject, RequestBodyObject } from "../openapi/openapi-types.js";
import { OpenApiValidator } from "../openapi/openapi-validator.js";
import { deref } from "../openapi/resolve-refs.js";
import { SchemaCompiler } from "../openapi/schema-compiler.js";
import { toProblems, type ValidationProblem } from "../openapi/validation-problems.js";

type WebhookDocument = OpenApiDocument & { "x-webhooks"?: Record<string, { post?: OperationObject }> };

/**
 * Checks webhook payloads against the schemas GitHub publishes in its OpenAPI description's
 * `x-webhooks` (operation ids like `workflow-run/completed`), so drills can't feed the app shapes
 * GitHub never sends. Schemas compile on first use per event and are cached.
 */
export class WebhookPayloadValidator {
  private readonly compiler: SchemaCompiler;
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.compiler = new SchemaCompiler(document);
    for (const { post } of Object.values((document as WebhookDocument)["x-webhooks"] ?? {})) {
      if (!post?.requestBody) continue;
      const schema = deref<RequestBodyObject>(document, post.requestBody).content?.["application/json"]?.schema;
      if (schema) this.schemas.set(post.operationId, schema);
    }
  }

  /** Shares the api.github.com description the REST validator already read. */
  static async load(): Promise<WebhookPayloadValidator> {
    return new WebhookPayloadValidator((await OpenApiValidator.load()).document);
  }

  /** Problems found (empty when valid); throws NOT_FOUND for an event GitHub documents no schema for. */
  validate(event: string, action: string | undefined, payload: unknown): ValidationProblem[] {
    const operationId = this.operationIdFor(event, action);
    let validate = this.validators.get(operationId);
    if (!validate) {
      validate = this.compiler.compile(this.schemas.get(operationId));
      this.validators.set(operationId, validate);
    }
    return validate(payload) ? [] : toProblems("body", validate.errors, payload);
  }

  private operationIdFor(event: string, action: string | undefined): string {
    const base = event.replace(/_/g, "-");
    const exact = action === undefined ? base : `${base}/${action.replace(/_/g, "-")}`;
    if (this.schemas.has(exact)) return exact;
    // repository_dispatch's action is the caller's event_type; GitHub documents a single schema
    const family = [...this.schemas.keys()].filter((id) => id === base || id.startsWith(`${base}/`));
    if (family.length === 1 && family[0]) return family[0];
    throw new AgenticOpsError("NOT_FOUND", `GitHub documents no webhook schema for ${event}${action ? `.${action}` : ""}`, {
      hint: "Check the event and action names against GitHub's webhook documentation.",
      details: { event, action },
    });
  }
}
