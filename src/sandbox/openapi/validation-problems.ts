import type { ErrorObject } from "ajv";
import { collapseUnionErrors, type ReportedError } from "./collapse-union-errors.js";

/** One way a request or response differs from GitHub's OpenAPI description. */
export interface ValidationProblem {
  location: "body" | "query" | "path";
  /** JSON pointer into the body, or `/<name>` for a parameter. */
  path: string;
  message: string;
}

export interface GitHubValidationError {
  message: string;
  documentation_url: string;
  status: "422";
}

type Location = ValidationProblem["location"];

const unescape = (key: string): string => key.replace(/~1/g, "/").replace(/~0/g, "~");

const valueAt = (data: unknown, pointer: string): unknown => {
  let node = data;
  for (const key of pointer.split("/").slice(1).map(unescape)) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
};

/** GitHub names the failing spot by schema path: `properties/title`, `items`; parameters by name. */
const schemaLocation = (location: Location, pointer: string): string => {
  const keys = pointer.split("/").slice(1).map(unescape);
  if (location !== "body") return keys.join("/");
  return keys.map((key) => (/^\d+$/.test(key) ? "items" : `properties/${key}`)).join("/");
};

/** Values are quoted in messages; long ones are cut so a message stays one readable line. */
const preview = (value: unknown): string => {
  const json = JSON.stringify(value) ?? "undefined";
  return json.length <= 60 ? json : `${json.slice(0, 57)}...`;
};

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

interface Explained {
  path: string;
  /** e.g. `5 is not a string`, without the spot or the final period. */
  text: string;
  /** Whether GitHub prefixes the text with `For '<spot>', `. */
  spotted: boolean;
}

const explain = (reported: ReportedError, data: unknown): Explained => {
  const { error, hint } = reported;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") {
    const missing = String(params["missingProperty"]);
    return { path: `${error.instancePath}/${missing}`, text: `"${missing}" wasn't supplied`, spotted: false };
  }
  if (error.keyword === "additionalProperties") {
    const extra = String(params["additionalProperty"]);
    return { path: `${error.instancePath}/${extra}`, text: `"${extra}" is not a permitted key`, spotted: false };
  }
  const shown = preview(valueAt(data, error.instancePath));
  let text: string;
  if (error.keyword === "type") {
    text = `${shown} is not ${String(params["type"]).split(",").map(article).join(" or ")}`;
  } else if (error.keyword === "enum") {
    text = `${shown} is not a member of ${JSON.stringify(params["allowedValues"])}`;
  } else if (error.keyword === "anyOf" || error.keyword === "oneOf") {
    const because = hint && explain(hint, data);
    const where = because && because.path !== error.instancePath ? `${because.path}: ` : "";
    text = `${shown} is not a possible value${because ? ` (${where}${because.text})` : ""}`;
  } else {
    text = `${shown} ${error.message ?? "is invalid"}`;
  }
  return { path: error.instancePath, text, spotted: true };
};

export const toProblems = (location: Location, errors: ErrorObject[] | null | undefined, data: unknown): ValidationProblem[] =>
  collapseUnionErrors(errors ?? []).map((reported) => {
    const { path, text, spotted } = explain(reported, data);
    const spot = spotted ? schemaLocation(location, path) : "";
    return { location, path, message: spot ? `For '${spot}', ${text}.` : `${text}.` };
  });

/** GitHub's 422 body for a request that does not match the operation's schema. */
export const toGitHubValidationError = (
  problems: ValidationProblem[],
  documentationUrl = "https://docs.github.com/rest",
): GitHubValidationError => ({
  message: `Invalid request.\n\n${problems.map((problem) => problem.message).join("\n")}`,
  documentation_url: documentationUrl,
  status: "422",
});
