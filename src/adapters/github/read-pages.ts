import type { Listing } from "../../ports/code-host.js";

/** At most this many pages of a list are read: 1,000 items at GitHub's largest page size. */
export const MAX_PAGES = 10;
export const PER_PAGE = 100;

interface Page<T> {
  data: T[];
  headers: { link?: string };
}

const hasNext = (link: string | undefined): boolean => /rel="next"/.test(link ?? "");

/**
 * Items from Octokit's page iterator, page after page, until the list ends, `enough` says the
 * items read so far suffice, or `maxPages` pages were read. Stopping at the cap while GitHub's
 * `Link` header still offers a next page is reported as `capped`, never silently.
 */
export const readPages = async <T>(
  pages: AsyncIterable<Page<T>>,
  options: { maxPages?: number; enough?: (items: readonly T[]) => boolean } = {},
): Promise<Listing<T>> => {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const items: T[] = [];
  let read = 0;
  for await (const page of pages) {
    items.push(...page.data);
    read += 1;
    if (options.enough?.(items)) return { items, capped: false };
    if (read >= maxPages) return { items, capped: hasNext(page.headers.link) };
  }
  return { items, capped: false };
};
