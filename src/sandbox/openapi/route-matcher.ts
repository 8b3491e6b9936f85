/**
 * Matches request paths against OpenAPI path templates the way GitHub routes them:
 * literal segments beat `{param}` segments, and parameters that hold git refs or file paths
 * may span several segments (`/contents/docs/a.md`, `/git/refs/heads/feature/x`).
 */
export interface RouteMatch {
  route: string;
  params: Record<string, string>;
  operationId: string;
}

type Segment =
  | { kind: "literal"; text: string }
  | { kind: "param"; name: string; multi: boolean }
  /** A segment mixing text and params, e.g. `{base}...{head}`. */
  | { kind: "pattern"; regex: RegExp; names: string[] };

interface Template {
  route: string;
  segments: Segment[];
  /** lower-case method → operationId */
  operations: Map<string, string>;
}

interface Candidate {
  template: Template;
  params: Record<string, string>;
  /** Segments consumed beyond one per multi-segment parameter: fewer is more exact. */
  extraSegments: number;
  literals: number;
  /** One digit per template segment (0 literal, 1 pattern, 2 param); smaller means more specific earlier. */
  shape: string;
}

/** Parameters whose values are refs, branch names or paths, which contain slashes on GitHub. */
const MULTI_SEGMENT_PARAMS = new Set(["path", "ref", "basehead", "branch"]);
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const parseSegment = (text: string): Segment => {
  const whole = /^\{(\w+)\}$/.exec(text);
  if (whole?.[1]) return { kind: "param", name: whole[1], multi: MULTI_SEGMENT_PARAMS.has(whole[1]) };
  if (!text.includes("{")) return { kind: "literal", text };
  const names: string[] = [];
  const source = text
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return escapeRegex(part);
      names.push(name);
      return "(.+?)";
    })
    .join("");
  return { kind: "pattern", regex: new RegExp(`^${source}$`), names };
};

const splitPath = (pathname: string): string[] => pathname.replace(/^\/+/, "").replace(/\/+$/, "").split("/");

const decode = (raw: string): string => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

const segmentRank = (segment: Segment): string =>
  segment.kind === "literal" ? "0" : segment.kind === "pattern" ? "1" : "2";

/** Depth-first match; returns the params and extra segments consumed, or undefined. */
const matchFrom = (
  segments: Segment[],
  parts: string[],
  si: number,
  pi: number,
): { params: Record<string, string>; extra: number } | undefined => {
  const segment = segments[si];
  if (!segment) return pi === parts.length ? { params: {}, extra: 0 } : undefined;
  const part = parts[pi];
  if (part === undefined || part === "") return undefined;
  if (segment.kind === "literal") {
    return part === segment.text ? matchFrom(segments, parts, si + 1, pi + 1) : undefined;
  }
  if (segment.kind === "pattern") {
    const found = segment.regex.exec(decode(part));
    const rest = found ? matchFrom(segments, parts, si + 1, pi + 1) : undefined;
    if (!found || !rest) return undefined;
    segment.names.forEach((name, i) => (rest.params[name] = found[i + 1] ?? ""));
    return rest;
  }
  const maxSpan = segment.multi ? parts.length - pi - (segments.length - si - 1) : 1;
  for (let span = 1; span <= maxSpan; span++) {
    const rest = matchFrom(segments, parts, si + 1, pi + span);
    if (!rest) continue;
    rest.params[segment.name] = decode(parts.slice(pi, pi + span).join("/"));
    return { params: rest.params, extra: rest.extra + span - 1 };
  }
  return undefined;
};

const moreSpecific = (a: Candidate, b: Candidate): boolean => {
  if (a.extraSegments !== b.extraSegments) return a.extraSegments < b.extraSegments;
  if (a.literals !== b.literals) return a.literals > b.literals;
  return a.shape < b.shape;
};

export class RouteMatcher {
  private readonly templates: Template[];

  constructor(paths: Record<string, Partial<Record<string, { operationId: string }>>>) {
    this.templates = Object.entries(paths).map(([route, item]) => ({
      route,
      segments: splitPath(route).map(parseSegment),
      operations: new Map(
        Object.entries(item).flatMap(([method, op]) => (op?.operationId ? [[method, op.operationId] as const] : [])),
      ),
    }));
  }

  /**
   * The most specific template for `method` and `pathname` (relative to the API base, no query),
   * or null when none matches. `accept` narrows the candidates, e.g. to the routes a server implements.
   */
  match(method: string, pathname: string, accept?: (route: string) => boolean): RouteMatch | null {
    const lower = method.toLowerCase();
    const verb = lower === "head" ? "get" : lower;
    const parts = splitPath(pathname.split("?")[0] ?? "");
    let best: Candidate | undefined;
    for (const template of this.templates) {
      if (!template.operations.has(verb) || (accept && !accept(template.route))) continue;
      const found = matchFrom(template.segments, parts, 0, 0);
      if (!found) continue;
      const candidate: Candidate = {
        template,
        params: found.params,
        extraSegments: found.extra,
        literals: template.segments.filter((s) => s.kind === "literal").length,
        shape: template.segments.map(segmentRank).join(""),
      };
      if (!best || moreSpecific(candidate, best)) best = candidate;
    }
    if (!best) return null;
    return { route: best.template.route, params: best.params, operationId: best.template.operations.get(verb) ?? "" };
  }
}
