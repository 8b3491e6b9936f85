import type { RestRoute } from "../rest-route.js";
import { actionsJobsRoutes } from "./actions-jobs-routes.js";
import { actionsRoutes } from "./actions-routes.js";
import { collaboratorsRoutes } from "./collaborators-routes.js";
import { deploymentsRoutes } from "./deployments-routes.js";
import { gitDataRoutes } from "./git-data-routes.js";
import { issueCommentsRoutes } from "./issue-comments-routes.js";
import { issueEventsRoutes } from "./issue-events-routes.js";
import { issuesRoutes } from "./issues-routes.js";
import { labelsRoutes } from "./labels-routes.js";
import { pullsRoutes } from "./pulls-routes.js";
import { reactionsRoutes } from "./reactions-routes.js";
import { reposRoutes } from "./repos-routes.js";
import { checkSuitesRoutes } from "./check-suites-routes.js";
import { checksRoutes } from "./checks-routes.js";
import { commitStatusesRoutes } from "./commit-statuses-routes.js";
import { commitCommentsRoutes } from "./commit-comments-routes.js";
import { teamsRoutes } from "./teams-routes.js";

/** Every REST route the sandbox implements (the app routes need the auth service and are added by the server). */
export const sandboxRoutes: RestRoute[] = [
  ...reposRoutes,
  ...gitDataRoutes,
  ...pullsRoutes,
  ...issuesRoutes,
  ...issueCommentsRoutes,
  ...issueEventsRoutes,
  ...labelsRoutes,
  ...reactionsRoutes,
  ...collaboratorsRoutes,
  ...actionsRoutes,
  ...actionsJobsRoutes,
  ...deploymentsRoutes,
  ...checksRoutes,
  ...checkSuitesRoutes,
  ...commitStatusesRoutes,
  ...commitCommentsRoutes,
  ...teamsRoutes,
];
