/** Error responses shaped like the ones api.github.com sends, so clients' retry logic is exercised. */

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  /** serialized JSON */
  body: string;
}

const DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
const SERVER_MESSAGES: Record<number, string> = {
  500: "Server Error",
  502: "Server Error",
  503: "Service Unavailable",
};

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string>, requestId: string) => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "x-github-request-id": requestId, ...headers },
  body: JSON.stringify({ ...body, status: String(status) }),
});

export const serverError = (status: number, requestId: string): FaultResponse =>
  json(status, { message: SERVER_MESSAGES[status] ?? "Server Error" }, {}, requestId);

export const secondaryRateLimit = (
  status: number,
  retryAfterS: number,
  nowMs: number,
  requestId: string,
): FaultResponse =>
  json(
    status,
    {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
        `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: `${DOCS}#about-secondary-rate-limits`,
    },
    {
      "retry-after": String(retryAfterS),
      // the primary budget is fine: clients must tell the two limits apart by retry-after
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-used": "1",
      "x-ratelimit-reset": String(Math.ceil(nowMs / 1000) + 3600),
      "x-ratelimit-resource": "core",
    },
    requestId,
  );

export const primaryRateLimit = (
  installationId: number,
  resetInS: number,
  nowMs: number,
  requestId: string,
): FaultResponse =>
  json(
    403,
    {
      message:
        `API rate limit exceeded for installation ID ${installationId}. ` +
        `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: `${DOCS}#about-the-primary-rate-limit`,
    },
    {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-used": "5000",
      "x-ratelimit-reset": String(Math.ceil(nowMs / 1000) + resetInS),
      "x-ratelimit-resource": "core",
    },
    requestId,
  );
