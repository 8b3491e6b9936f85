import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import { AgenticOpsError } from "../../core/model/agenticops-error.js";
import type {
  JsonSchema,
  MediaTypeObject,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
} from "./openapi-types.js";
import { deref } from "./resolve-refs.js";
import { RouteMatcher, type RouteMatch } from "./route-matcher.js";
import { SchemaCompiler } from "./schema-compiler.js";
import { toProblems, type ValidationProblem } from "./validation-problems.js";

export { toGitHubValidationError, type GitHubValidationError, type ValidationProblem } from "./validation-problems.js";
export type { RouteMatch } from "./route-matcher.js";

/** Only api.github.com's description: the package's index loads ten of them (~900 MB). */
const DESCRIPTION_MODULE = "@octokit/openapi/generated/api.github.com.json";
const DEFAULT_DOCUMENTATION_URL = "https://docs.github.com/rest";

export interface RequestToValidate {
  method: string;
  /** The path template returned by `match`, e.g. `/repos/{owner}/{repo}/pulls`. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; `undefined` when none was sent. */
  body: unknown;
  headers?: Record<string, string | string[] | undefined>;
}

interface RequestValidators {
  path: ValidateFunction | undefined;
  query: ValidateFunction | undefined;
  body: ValidateFunction | undefined;
  bodyRequired: boolean;
}

const readGitHubDescription = (): OpenApiDocument =>
  createRequire(import.meta.url)(DESCRIPTION_MODULE) as OpenApiDocument;

/** The JSON schema of a request or response body, whatever JSON media type GitHub lists it under. */
const jsonSchemaOf = (content: Record<string, MediaTypeObject> | undefined): JsonSchema | undefined => {
  if (!content) return undefined;
  const jsonType = "application/json" in content ? "application/json" : Object.keys(content).find((t) => t.includes("json"));
  return jsonType ? content[jsonType]?.schema : undefined;
};

/** Parameters as one object schema, so ajv checks (and coerces) them all in one pass. */
const parametersSchema = (parameters: ParameterObject[]): JsonSchema | undefined =>
  parameters.length === 0
    ? undefined
    : {
        type: "object",
        properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
        required: parameters.filter((p) => p.required || p.in === "path").map((p) => p.name),
      };

const check = (
  validate: ValidateFunction | undefined,
  location: ValidationProblem["location"],
  data: unknown,
): ValidationProblem[] => (!validate || validate(data) ? [] : toProblems(location, validate.errors, data));

let loading: Promise<OpenApiValidator> | undefined;

/**
 * GitHub's REST API description as a router and validator. Loading parses the JSON only;
 * each operation's validators are compiled on first use and cached.
 */
export class OpenApiValidator {
  private readonly matcher: RouteMatcher;
  /** Bodies are validated as sent; parameters arrive as strings and are coerced per their schema. */
  private readonly bodySchemas: SchemaCompiler;
  private readonly parameterSchemas: SchemaCompiler;
  private readonly requestValidators = new Map<string, RequestValidators>();
  private readonly responseValidators = new Map<string, ValidateFunction | undefined>();

  /** The description itself, e.g. for its `components.examples` as fixtures. */
  constructor(readonly document: OpenApiDocument) {
    this.matcher = new RouteMatcher(document.paths);
    this.bodySchemas = new SchemaCompiler(document);
    this.parameterSchemas = new SchemaCompiler(document, { coerceTypes: "array" });
  }

  /** The api.github.com description, read once per process. */
  static load(): Promise<OpenApiValidator> {
    loading ??= new Promise<OpenApiValidator>((resolve) => resolve(new OpenApiValidator(readGitHubDescription()))).catch(
      (cause: unknown) => {
        loading = undefined;
        throw new AgenticOpsError("SANDBOX_FAILED", `Could not load ${DESCRIPTION_MODULE}`, {
          cause,
          hint: "Install @octokit/openapi (npm install).",
        });
      },
    );
    return loading;
  }

  match(method: string, pathname: string, accept?: (route: string) => boolean): RouteMatch | null {
    return this.matcher.match(method, pathname, accept);
  }

  /** The operation's page on docs.github.com, for `documentation_url` in error bodies. */
  documentationUrl(method: string, route: string): string {
    return this.operation(method, route).externalDocs?.url ?? DEFAULT_DOCUMENTATION_URL;
  }

  validateRequest(request: RequestToValidate): ValidationProblem[] {
    const validators = this.requestValidatorsFor(request.method, request.route);
    const problems = [
      ...check(validators.path, "path", { ...request.params }),
      ...check(validators.query, "query", { ...request.query }),
    ];
    if (request.body === undefined) {
      if (validators.bodyRequired) problems.push({ location: "body", path: "", message: "A request body is required." });
      return problems;
    }
    return [...problems, ...check(validators.body, "body", request.body)];
  }

  /** Checks a JSON response against the schema GitHub documents for that status. */
  validateResponse(route: string, method: string, status: number, body: unknown): ValidationProblem[] {
    const key = `${method.toLowerCase()} ${route} ${status}`;
    if (!this.responseValidators.has(key)) {
      const responses = this.operation(method, route).responses ?? {};
      const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses["default"];
      if (!declared) {
        const message = `${status} is not a documented response of ${method.toUpperCase()} ${route}.`;
        return [{ location: "body", path: "", message }];
      }
      const schema = jsonSchemaOf(deref<ResponseObject>(this.document, declared).content);
      this.responseValidators.set(key, schema && this.bodySchemas.compile(schema));
    }
    return check(this.responseValidators.get(key), "body", body);
  }

  private operation(method: string, route: string): OperationObject {
    const operation = this.document.paths[route]?.[method.toLowerCase()];
    if (!operation) {
      throw new AgenticOpsError("NOT_FOUND", `GitHub's REST API has no operation ${method.toUpperCase()} ${route}`, {
        hint: "Pass the route returned by match(), exactly as the key in the description's paths.",
      });
    }
    return operation;
  }

  private requestValidatorsFor(method: string, route: string): RequestValidators {
    const key = `${method.toLowerCase()} ${route}`;
    const cached = this.requestValidators.get(key);
    if (cached) return cached;
    const operation = this.operation(method, route);
    const parameters = (operation.parameters ?? []).map((p) => deref<ParameterObject>(this.document, p));
    const requestBody = operation.requestBody && deref<RequestBodyObject>(this.document, operation.requestBody);
    const compile = (compiler: SchemaCompiler, schema: JsonSchema | undefined): ValidateFunction | undefined =>
      schema && compiler.compile(schema);
    const validators: RequestValidators = {
      path: compile(this.parameterSchemas, parametersSchema(parameters.filter((p) => p.in === "path"))),
      query: compile(this.parameterSchemas, parametersSchema(parameters.filter((p) => p.in === "query"))),
      body: compile(this.bodySchemas, jsonSchemaOf(requestBody?.content)),
      bodyRequired: requestBody?.required === true,
    };
    this.requestValidators.set(key, validators);
    return validators;
  }
}
