/** GitHub's defaults: 30 items a page, never more than 100. */
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  /** `Link` header when there is more than one page, as GitHub sends it. */
  headers: Record<string, string>;
}

const positiveInt = (raw: string | undefined): number | undefined => {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 ? n : undefined;
};

/** `per_page` and `page` from a query, clamped the way GitHub does (bad values fall back to defaults). */
export const pageParams = (query: Record<string, string>): { perPage: number; page: number } => ({
  perPage: Math.min(positiveInt(query["per_page"]) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE),
  page: positiveInt(query["page"]) ?? 1,
});

/**
 * One page of `items` plus a GitHub-style `Link` header. `url` is the absolute request URL without
 * its query (e.g. `${ctx.apiUrl}/repos/o/r/issues`); the other query parameters are kept in the links
 * so following `rel="next"` keeps the same filters, like GitHub.
 */
export const paginate = <T>(items: readonly T[], query: Record<string, string>, url: string): Page<T> => {
  const { perPage, page } = pageParams(query);
  const start = (page - 1) * perPage;
  const pageItems = items.slice(start, start + perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string): string => `<${pageUrl(url, query, perPage, n)}>; rel="${rel}"`;
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { items: pageItems, headers: links.length > 0 ? { link: links.join(", ") } : {} };
};

const pageUrl = (url: string, query: Record<string, string>, perPage: number, page: number): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key !== "page" && key !== "per_page") params.set(key, value);
  }
  params.set("per_page", String(perPage));
  params.set("page", String(page));
  return `${url}?${params.toString()}`;
};
