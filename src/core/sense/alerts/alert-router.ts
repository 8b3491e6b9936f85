import type { Alert } from "../../../schemas/alert.js";
import type { AlertRoutes, LabelMatcher } from "../../../schemas/alert-routes.js";
import type { RepoRef } from "../../../schemas/signal.js";

/** Where one alert goes, and the rule that said so. */
export interface AlertDestination {
  repo: RepoRef;
  service: string | null;
  route: string;
}

/** Decides the destination of one alert; `null` when nothing matches. */
export type AlertRouter = (alert: Alert) => AlertDestination | null;

const toRepo = (fullName: string): RepoRef => {
  const [owner = "", name = ""] = fullName.split("/");
  return { owner, name };
};

const escape = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");

/** `acme/*` → /^acme\/[^/]*$/; GitHub names are case-insensitive. */
const globToRegExp = (pattern: string): RegExp => new RegExp(`^${escape(pattern).replace(/\*/g, "[^/]*")}$`, "i");

const REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;

// A missing label matches as the empty string, as in Alertmanager.
const compileMatcher = (matcher: LabelMatcher): ((value: string) => boolean) => {
  if (typeof matcher === "string") return (value) => value === matcher;
  const regex = new RegExp(`^(?:${matcher.regex})$`);
  return (value) => regex.test(value);
};

const compileRoute = (route: AlertRoutes["routes"][number], index: number) => {
  const matchers = Object.entries(route.match).map(([label, m]) => [label, compileMatcher(m)] as const);
  const destination = (alert: Alert): AlertDestination => ({
    repo: toRepo(route.repository),
    service: route.service ?? alert.labels.service ?? null,
    route: route.name ?? `routes[${index}]`,
  });
  return (alert: Alert): AlertDestination | null =>
    matchers.every(([label, test]) => test(alert.labels[label] ?? "")) ? destination(alert) : null;
};

const compileRepositoryLabel = (config: AlertRoutes["repository_label"]) => {
  if (!config) return () => null;
  const allowed = config.allow.map(globToRegExp);
  return (alert: Alert): AlertDestination | null => {
    const named = alert.labels[config.label];
    if (!named || !REPO_NAME.test(named) || !allowed.some((re) => re.test(named))) return null;
    return { repo: toRepo(named), service: alert.labels.service ?? null, route: `${config.label} label` };
  };
};

/**
 * Compiles the routing file once: the `repository` label (when allowed) wins, then the routes in
 * order, first match. Regular expressions must match the whole label value.
 */
export const compileAlertRouter = (routes: AlertRoutes): AlertRouter => {
  const byLabel = compileRepositoryLabel(routes.repository_label);
  const rules = routes.routes.map(compileRoute);
  return (alert) => {
    const labelled = byLabel(alert);
    if (labelled) return labelled;
    for (const rule of rules) {
      const destination = rule(alert);
      if (destination) return destination;
    }
    return null;
  };
};

/** Every alert to one repository: the repository a repository_dispatch was sent to. */
export const fixedAlertRouter = (repo: RepoRef, route: string): AlertRouter => (alert) => ({
  repo,
  service: alert.labels.service ?? null,
  route,
});
