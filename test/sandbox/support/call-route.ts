import { RestError, type Caller, type RestContext, type RestResponse, type RestRoute } from "../../../src/sandbox/rest/rest-route.js";

export interface RouteCall {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  caller?: Caller;
}

/**
 * Invokes the route registered for `method` + `path` (the OpenAPI template) the way the dispatcher
 * does, turning a thrown RestError into GitHub's error body so tests assert on responses only.
 */
export const callRoute = async (routes: readonly RestRoute[], ctx: RestContext, method: RestRoute["method"], path: string, call: RouteCall = {}): Promise<RestResponse> => {
  const route = routes.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  try {
    return await route.handler(
      {
        method,
        route: path,
        params: call.params ?? {},
        query: call.query ?? {},
        body: call.body,
        headers: call.headers ?? {},
        caller: call.caller ?? { kind: "anonymous" },
      },
      ctx,
    );
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    return { status: error.status, body: { message: error.message, ...(error.errors ? { errors: error.errors } : {}) } };
  }
};
