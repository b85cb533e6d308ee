import { newLogref } from './ids.js';

/**
 * An error answered to the client as-is. `body` null means an empty body (the real 504).
 * Most bodies carry {logref, message, code}; a few real ones are reproduced exactly instead.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> | null,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body?.['message'] === 'string' ? body['message'] : `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(status, { logref: newLogref(), message, code, ...extra });
}

export const badRequest = (message: string): ApiError => apiError(400, 'INVALID_INPUT', message);
export const unauthorized = (message: string): ApiError => apiError(401, 'UNAUTHORIZED', message);
export const forbidden = (message: string, code = 'FORBIDDEN'): ApiError => apiError(403, code, message);
export const notFound = (message: string): ApiError => apiError(404, 'NOT_FOUND', message);
export const methodNotAllowed = (method: string): ApiError =>
  apiError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on this resource`);

/** The real 409 body (rclone issues #289 #1587 #1692): the message shows the lower-cased name. */
export function nameConflict(name: string, parentId: string, nodeId: string): ApiError {
  return apiError(
    409,
    'NAME_ALREADY_EXISTS',
    `Node with the name ${name.toLowerCase()} already exists under parentId ${parentId} conflicting NodeId: ${nodeId}`,
    { info: { nodeId } },
  );
}

/** Real body: no logref, no code. */
export const rateExceeded = (): ApiError => new ApiError(429, { message: 'Rate exceeded' }, { 'Retry-After': '1' });

/** Real body: the purge call is simply not granted to apps. */
export const purgeForbidden = (): ApiError =>
  apiError(403, 'FORBIDDEN', 'Insufficient permissions granted for operation: purgeNode');

export const nextTokenExpired = (): ApiError => new ApiError(400, { logref: newLogref(), message: 'Next token is expired' });
