import { RestError, notFound, unprocessable, type RestRequest } from "./rest-route.js";

/** The JSON body as an object; an absent body is `{}`. Anything else is GitHub's 400. */
export const bodyObject = (req: RestRequest): Record<string, unknown> => {
  const { body } = req;
  if (body === undefined || body === null || body === "") return {};
  if (typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new RestError(400, "Problems parsing JSON");
};

/** A numeric path parameter (`issue_number`, `run_id`…); anything else cannot name a resource: 404. */
export const intParam = (params: Record<string, string>, name: string): number => {
  const raw = params[name];
  if (raw === undefined || !/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
};

const invalid = (field: string, expected: string): RestError =>
  unprocessable(`Invalid request.\n\n"${field}" is not ${expected}.`);

const missing = (resource: string, field: string): RestError =>
  unprocessable("Validation Failed", [{ resource, field, code: "missing_field" }]);

/** An optional string field; wrong types are GitHub's 422 "Invalid request". */
export const optionalString = (body: Record<string, unknown>, field: string): string | undefined => {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(field, "a string");
  return value;
};

/** An optional string field that may also be sent as `null` to clear it. */
export const nullableString = (body: Record<string, unknown>, field: string): string | null | undefined =>
  body[field] === null ? null : optionalString(body, field);

export const requiredString = (body: Record<string, unknown>, field: string, resource: string): string => {
  const value = optionalString(body, field);
  if (value === undefined || value === "") throw missing(resource, field);
  return value;
};

export const optionalBoolean = (body: Record<string, unknown>, field: string): boolean | undefined => {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw invalid(field, "a boolean");
  return value;
};

export const optionalStringArray = (body: Record<string, unknown>, field: string): string[] | undefined => {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw invalid(field, "an array of strings");
  return value as string[];
};

/** A string restricted to `allowed`, as the spec's `enum`s; other values are GitHub's 422. */
export const optionalEnum = <T extends string>(body: Record<string, unknown>, field: string, allowed: readonly T[]): T | undefined => {
  const value = optionalString(body, field);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(field, `one of ${allowed.join(", ")}`);
  return value as T;
};

/**
 * Sorts by a timestamp key, newest first unless `direction=asc`, as GitHub's list endpoints do.
 * Equal timestamps (a fixed sandbox clock) keep creation order, reversed when descending.
 */
export const sortByTime = <T>(items: readonly T[], key: (item: T) => string, direction: string | undefined, defaultDirection: "asc" | "desc"): T[] => {
  const sign = (direction ?? defaultDirection) === "asc" ? 1 : -1;
  return items
    .map((item, index) => ({ item, index, at: key(item) }))
    .sort((a, b) => sign * (a.at.localeCompare(b.at) || a.index - b.index))
    .map(({ item }) => item);
};
