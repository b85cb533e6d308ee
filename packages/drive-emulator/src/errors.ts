/** One entry of Google's `errors` array. */
export interface ErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: string;
}

/**
 * An error answered to the client as-is. API errors carry Google's JSON shape
 * `{error: {code, message, errors: [{domain, reason, message}]}}`; OAuth errors carry RFC 6749's
 * `{error, error_description}`, so `body` is free-form.
 */
export class ApiError extends Error {
  /** When set, the reply is this HTML page instead of the JSON body (Google's OAuth error pages). */
  html?: string;

  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** Google's API error body. `status` is the gRPC-style name newer Google front ends add for some codes. */
export function googleError(code: number, reason: string, message: string, extra: Partial<ErrorItem> = {}, domain = 'global'): ApiError {
  const item: ErrorItem = { domain, reason, message, ...extra };
  return new ApiError(code, { error: { code, message, errors: [item] } });
}

export const badRequest = (message: string, extra: Partial<ErrorItem> = {}): ApiError => googleError(400, 'badRequest', message, extra);

/** A query parameter with a bad value: Drive answers 400 `invalid` naming the parameter. */
export const invalidParameter = (name: string, message = `Invalid Value`): ApiError =>
  googleError(400, 'invalid', message, { location: name, locationType: 'parameter' });

export const requiredParameter = (name: string, message: string): ApiError =>
  googleError(400, 'required', message, { location: name, locationType: 'parameter' });

export const fileNotFound = (id: string): ApiError =>
  googleError(404, 'notFound', `File not found: ${id}.`, { location: 'fileId', locationType: 'parameter' });

export const forbidden = (reason: string, message: string): ApiError => googleError(403, reason, message);

/** 401 with the header Google sends, so clients know to refresh. */
export function authError(): ApiError {
  const message = 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
  const err = new ApiError(
    401,
    {
      error: {
        code: 401,
        message,
        errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
        status: 'UNAUTHENTICATED',
      },
    },
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );
  return err;
}

export const notFoundRoute = (method: string, path: string): ApiError =>
  googleError(404, 'notFound', `Not Found: ${method} ${path}`);

export const methodNotAllowed = (method: string): ApiError =>
  googleError(405, 'httpMethodNotAllowed', `HTTP method ${method} is not supported by this URL`);

export const userRateLimitExceeded = (): ApiError =>
  googleError(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded', {}, 'usageLimits');

export const rateLimitExceeded = (): ApiError => googleError(403, 'rateLimitExceeded', 'Rate Limit Exceeded', {}, 'usageLimits');

/** 429 as Drive sends it when a burst is too fast. */
export const tooManyRequests = (): ApiError =>
  googleError(429, 'rateLimitExceeded', 'Rate Limit Exceeded', {}, 'usageLimits');

export const backendError = (): ApiError => googleError(500, 'backendError', 'Backend Error');

export const serviceUnavailable = (): ApiError => googleError(503, 'backendError', 'Service Unavailable');

/** RFC 6749 body for the OAuth endpoints. */
export function oauthError(status: number, error: string, description: string): ApiError {
  return new ApiError(status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
}

export function rangeNotSatisfiable(size: number): ApiError {
  const err = googleError(416, 'requestedRangeNotSatisfiable', 'Request range not satisfiable');
  err.headers['Content-Range'] = `bytes */${size}`;
  return err;
}
