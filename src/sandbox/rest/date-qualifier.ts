const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Start and end (exclusive) of what a date or date-time in a qualifier denotes; a bare date is its whole day. */
const span = (value: string): { from: number; to: number } | undefined => {
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return undefined;
  return { from: ms, to: DATE_ONLY.test(value) ? ms + DAY_MS : ms + 1 };
};

/**
 * Whether `iso` satisfies GitHub's search date syntax, as used by `created` filters:
 * `2024-05-01`, `>=2024-05-01`, `<2024-05-01T12:00:00Z`, `2024-05-01..2024-05-31` (`*` open-ended).
 * An unparsable qualifier matches nothing, like GitHub's empty result.
 */
export const matchesDateQualifier = (iso: string, qualifier: string): boolean => {
  const at = Date.parse(iso);
  const range = /^(.+)\.\.(.+)$/.exec(qualifier);
  if (range) {
    const lower = range[1] === "*" ? { from: -Infinity, to: -Infinity } : span(range[1] ?? "");
    const upper = range[2] === "*" ? { from: Infinity, to: Infinity } : span(range[2] ?? "");
    return lower !== undefined && upper !== undefined && at >= lower.from && at < upper.to;
  }
  const op = /^(>=|<=|>|<)?(.+)$/.exec(qualifier);
  const bound = span(op?.[2] ?? "");
  if (!bound) return false;
  switch (op?.[1]) {
    case ">=":
      return at >= bound.from;
    case ">":
      return at >= bound.to;
    case "<=":
      return at < bound.to;
    case "<":
      return at < bound.from;
    default:
      return at >= bound.from && at < bound.to;
  }
};
