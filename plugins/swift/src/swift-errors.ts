import { createStatusErrorMapper, HttpFailure, type StatusErrorMapper } from '@rsyncish/core';
import { CREDENTIALS_HINT } from './auth.js';

/** Swift's credential headers, which core's masking does not know by name. */
const SWIFT_SECRET_HEADERS = new Set(['x-auth-token', 'x-auth-key', 'x-storage-token', 'x-subject-token']);

/** The failure with Swift's token and key headers masked, so no error cause carries them. */
export function maskSwiftHeaders(failure: HttpFailure): HttpFailure {
  const mask = (headers: Record<string, string | string[] | undefined>) =>
    Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SWIFT_SECRET_HEADERS.has(k.toLowerCase()) && v !== undefined ? '***' : v]));
  return new HttpFailure({
    method: failure.method,
    url: failure.url,
    status: failure.status,
    requestHeaders: mask(failure.requestHeaders),
    responseHeaders: mask(failure.responseHeaders),
    body: failure.body,
  });
}

/**
 * Core's status table for Swift: 401 is Unauthorized (the client logs in again
 * once before giving up), 498 (rate limited by the ratelimit middleware) and 5xx retry.
 */
export function createSwiftErrorMapper(): StatusErrorMapper {
  const base = createStatusErrorMapper({
    retryable: [408, 425, 429, 498, 500, 502, 503, 504],
    unauthorizedHint: CREDENTIALS_HINT,
  });
  return (failure) => base(maskSwiftHeaders(failure));
}
