import MiniSearch, { type Query, type SearchResult } from "minisearch";
import type { CauseClass } from "../../schemas/diagnosis.js";
import type { RepoConfig } from "../../schemas/repo-config.js";
import { isLogNoise } from "./log-noise.js";

export type KnowledgeKind = "runbook" | "incident" | "pull-request" | "service";

/**
 * Something the bot can point a reader to. `meta` carries plain strings by convention:
 * `cause` (cause classes, comma-separated), `service`, `environment`, `owners` (comma-separated),
 * `tags` (comma- or space-separated).
 */
export interface KnowledgeDoc {
  id: string;
  kind: KnowledgeKind;
  title: string;
  text: string;
  url: string | null;
  meta: Record<string, string>;
}

export interface KnowledgeHit {
  id: string;
  kind: KnowledgeKind;
  title: string;
  url: string | null;
  score: number;
  /** the query terms the document matched, for explaining why it is shown */
  matched: string[];
  meta: Record<string, string>;
}

export interface KnowledgeQuery {
  excerpt: string[];
  cause: CauseClass;
  service?: string;
  environment?: string;
}

export interface KnowledgeResults {
  runbooks: KnowledgeHit[];
  /** past incidents and the pull requests that resolved them */
  incidents: KnowledgeHit[];
  owners: string[];
}

export interface KnowledgeIndex {
  readonly engine: MiniSearch<KnowledgeDoc>;
  readonly docs: ReadonlyMap<string, KnowledgeDoc>;
}

// BM25 with field boosts: a term in the title says more than one in the body. The cause class
// is its own field, searched as one extra, boosted term.
const FIELD_BOOST = { title: 3, tags: 2, text: 1 };
const CAUSE_BOOST = 3;
// Matching the service the failure is about counts for more; another service's doc for less.
const SAME_SERVICE = 1.5;
const OTHER_SERVICE = 0.6;
const SAME_ENVIRONMENT = 1.2;
/**
 * A hit must match at least two distinct terms of the excerpt besides the cause and service
 * names, and reach this score. One shared word ("timeout", "database") is chance, and a service
 * name alone says which service failed, not how; MiniSearch multiplies the score by the number
 * of matched terms, so text that shares a word or two stays well below it.
 */
const MIN_SCORE = 10;
const MIN_EXCERPT_TERMS = 2;
const MAX_QUERY_TERMS = 300;

const causeTerm = (cause: string): string => `cause_${cause.trim().replace(/-/g, "_")}`;
const splitList = (value: string | undefined): string[] => (value ?? "").split(/[,\s]+/).filter((v) => v.length > 0);

// Identifiers stay whole (`ImagePullBackOff`, `DATABASE_URL`); hyphens and dots split words.
const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}_]+/u).filter((t) => t.length > 0);
const processTerm = (term: string): string | null => {
  const lower = term.toLowerCase();
  return lower.startsWith("cause_") || !isLogNoise(lower) ? lower : null;
};

/** Indexes runbooks, past incidents, pull requests and service docs for `searchKnowledge`. */
export const buildKnowledgeIndex = (docs: readonly KnowledgeDoc[]): KnowledgeIndex => {
  const engine = new MiniSearch<KnowledgeDoc>({
    fields: ["title", "text", "tags", "cause"],
    storeFields: ["kind", "service", "environment"],
    extractField: (doc, field) => {
      if (field === "tags") return [...splitList(doc.meta.tags), doc.meta.service ?? "", doc.meta.environment ?? ""].join(" ");
      if (field === "cause") return splitList(doc.meta.cause).map(causeTerm).join(" ");
      if (field === "service" || field === "environment") return doc.meta[field] ?? "";
      return (doc as unknown as Record<string, unknown>)[field];
    },
    tokenize,
    processTerm,
    searchOptions: { prefix: false, fuzzy: false },
  });
  engine.addAll(docs);
  return { engine, docs: new Map(docs.map((d) => [d.id, d])) };
};

const queryTerms = (excerpt: readonly string[]): string[] => {
  const terms = new Set<string>();
  for (const line of excerpt) {
    for (const token of tokenize(line)) {
      const term = processTerm(token);
      if (term && !term.startsWith("cause_")) terms.add(term);
      if (terms.size >= MAX_QUERY_TERMS) return [...terms];
    }
  }
  return [...terms];
};

/**
 * The runbooks and past incidents that best match a failure, best first, at most `limit` of
 * each, and who owns the failing service.
 */
export const searchKnowledge = (index: KnowledgeIndex, query: KnowledgeQuery, limit: number): KnowledgeResults => {
  const terms = queryTerms(query.excerpt);
  const hits = terms.length === 0 ? [] : rankedHits(index, query, terms);
  const ofKind = (kinds: KnowledgeKind[]) => hits.filter((h) => kinds.includes(h.kind)).slice(0, limit);
  return { runbooks: ofKind(["runbook"]), incidents: ofKind(["incident", "pull-request"]), owners: ownersFor(index, query) };
};

const rankedHits = (index: KnowledgeIndex, query: KnowledgeQuery, terms: string[]): KnowledgeHit[] => {
  const search: Query = {
    combineWith: "OR",
    queries: [
      { queries: terms, fields: ["title", "text", "tags"], boost: FIELD_BOOST },
      { queries: [causeTerm(query.cause)], fields: ["cause"], boost: { cause: CAUSE_BOOST } },
    ],
  };
  const results = index.engine.search(search, {
    boostDocument: (_id, _term, stored) => documentBoost(query, stored),
  });
  const ignored = new Set([causeTerm(query.cause), ...serviceNames(index).flatMap(tokenize).map((t) => t.toLowerCase())]);
  return results
    .filter((r) => r.score >= MIN_SCORE && r.queryTerms.filter((t) => !ignored.has(t)).length >= MIN_EXCERPT_TERMS)
    .map((r) => toHit(index, r))
    .filter((h): h is KnowledgeHit => h !== null);
};

const documentBoost = (query: KnowledgeQuery, stored: Record<string, unknown> | undefined): number => {
  const service = typeof stored?.service === "string" ? stored.service : "";
  const environment = typeof stored?.environment === "string" ? stored.environment : "";
  let boost = 1;
  if (query.service && service) boost *= service === query.service ? SAME_SERVICE : OTHER_SERVICE;
  if (query.environment && environment === query.environment) boost *= SAME_ENVIRONMENT;
  return boost;
};

const toHit = (index: KnowledgeIndex, result: SearchResult): KnowledgeHit | null => {
  const doc = index.docs.get(String(result.id));
  if (!doc) return null;
  const score = Math.round(result.score * 1000) / 1000;
  return { id: doc.id, kind: doc.kind, title: doc.title, url: doc.url, score, matched: [...result.queryTerms].sort(), meta: doc.meta };
};

const serviceNames = (index: KnowledgeIndex): string[] =>
  [...new Set([...index.docs.values()].filter((d) => d.kind === "service").map((d) => d.meta.service ?? ""))].filter((n) => n !== "");

/** The service the excerpt names most often (`orders-api`, also inside `orders-api-7d9f8c6b5-x2x4k`). */
const mentionedService = (index: KnowledgeIndex, excerpt: readonly string[]): string | undefined => {
  const text = excerpt.join("\n");
  const counts = serviceNames(index)
    .map((name) => ({ name, n: text.match(new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_])`, "g"))?.length ?? 0 }))
    .filter((c) => c.n > 0)
    .sort((a, b) => b.n - a.n || b.name.length - a.name.length);
  return counts[0]?.name;
};

/**
 * Owners of the service the query names, else of the service the excerpt names; of the query's
 * environment when given, else of every environment the service runs in.
 */
const ownersFor = (index: KnowledgeIndex, query: KnowledgeQuery): string[] => {
  const service = query.service ?? mentionedService(index, query.excerpt);
  if (!service) return [];
  const docs = [...index.docs.values()].filter(
    (d) => d.kind === "service" && d.meta.service === service && (!query.environment || d.meta.environment === query.environment),
  );
  return [...new Set(docs.flatMap((d) => splitList(d.meta.owners)))];
};

/** One doc per service of the catalog in `.github/agenticops.yml`: its owners, SLOs and files. */
export const serviceDocs = (config: RepoConfig): KnowledgeDoc[] =>
  config.services.map((s) => {
    const slo = [
      s.slo?.availability ? `availability ${s.slo.availability}` : null,
      s.slo?.latency_p99_ms !== undefined ? `p99 latency ${s.slo.latency_p99_ms} ms` : null,
    ].filter((p): p is string => p !== null);
    const meta: Record<string, string> = { service: s.name, environment: s.environment, owners: (s.owners ?? []).join(",") };
    if (s.slo?.availability) meta.slo_availability = s.slo.availability;
    if (s.slo?.latency_p99_ms !== undefined) meta.slo_latency_p99_ms = String(s.slo.latency_p99_ms);
    const text = [
      `Service ${s.name} in ${s.environment}.`,
      `Deployed from ${s.files.join(", ")}.`,
      s.owners?.length ? `Owners: ${s.owners.join(", ")}.` : "",
      slo.length ? `SLO: ${slo.join(", ")}.` : "",
    ].filter((p) => p !== "").join(" ");
    return { id: `service:${s.name}@${s.environment}`, kind: "service" as const, title: s.name, text, url: null, meta };
  });
