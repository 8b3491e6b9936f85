const escapeRegex = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

const globToRegex = (glob: string): RegExp => new RegExp(`^${glob.split("*").map(escapeRegex).join(".*")}$`);

/**
 * Whether a fault's `route` selects the API call `METHOD /path` (query string ignored).
 * - A route starting with `/` is matched against the path only, otherwise against "METHOD /path"
 *   (the method part is case-insensitive).
 * - With `*` the route is a glob over the whole subject and `*` spans any characters, `/` included,
 *   so "POST /repos/*\/pulls" matches "POST /repos/acme/api/pulls" but not ".../pulls/1/merge".
 * - Without `*` it is a substring match: "/check-runs" selects every check-run call.
 */
export const matchRoute = (route: string, method: string, path: string): boolean => {
  const cleanPath = path.split("?")[0] ?? path;
  const methodAndRest = /^([A-Za-z]+)\s+(\S.*)$/.exec(route.trim());
  const pattern = methodAndRest ? `${methodAndRest[1]?.toUpperCase()} ${methodAndRest[2]}` : route.trim();
  const subject = pattern.startsWith("/") ? cleanPath : `${method.toUpperCase()} ${cleanPath}`;
  return pattern.includes("*") ? globToRegex(pattern).test(subject) : subject.includes(pattern);
};

/**
 * Whether a webhook fault's `event` selects a delivery: exact name or glob ("check_*"); a name
 * without action also selects "name.action" forms.
 */
export const matchEvent = (pattern: string, eventName: string): boolean => {
  if (pattern.includes("*")) return globToRegex(pattern).test(eventName);
  return eventName === pattern || eventName.startsWith(`${pattern}.`);
};
