import {
  AlreadyExistsError,
  type BackendError,
  FatalBackendError,
  NotFoundError,
  RateLimitedError,
  RetryableError,
  TooLargeError,
  UnauthorizedError,
} from '../errors/index.js';
import type { HttpFailure } from './http-failure.js';

/** Turns a failed HTTP exchange into the typed error the engine and the pacer understand. */
export type StatusErrorMapper = (failure: HttpFailure) => BackendError;

export interface StatusErrorMapperOptions {
  /** Statuses worth another try of the same call. Default 408, 425, 429, 500, 502, 503, 504. */
  retryable?: Iterable<number>;
  /** Runs first; a backend's own rules (e.g. a 403 that is really transient). */
  classify?: (failure: HttpFailure) => BackendError | undefined;
  /** Hint for a 401 that is not retried (how to log in again). */
  unauthorizedHint?: string;
  /** Use the Retry-After header of a 429/503 as the wait. Default true. */
  honourRetryAfter?: boolean;
}

export const DEFAULT_RETRYABLE_STATUSES = [408, 425, 429, 500, 502, 503, 504] as const;

/**
 * The usual status table: 404 NotFound, 409 AlreadyExists, 413 TooLarge, 429
 * RateLimited, retryable statuses Retryable, 401 Unauthorized unless listed as
 * retryable, anything else Fatal. The error message names method, masked URL
 * and status; the HttpFailure is its cause.
 */
export function createStatusErrorMapper(options: StatusErrorMapperOptions = {}): StatusErrorMapper {
  const retryable = new Set(options.retryable ?? DEFAULT_RETRYABLE_STATUSES);
  const honourRetryAfter = options.honourRetryAfter ?? true;
  return (failure) => {
    const custom = options.classify?.(failure);
    if (custom) return custom;
    const message = failure.message;
    const cause = failure;
    switch (failure.status) {
      case 404: return new NotFoundError(message, { cause });
      case 409: return new AlreadyExistsError(message, { cause });
      case 413: return new TooLargeError(message, { cause });
      case 429: {
        const retryAfterMs = honourRetryAfter ? parseRetryAfter(failure.header('retry-after')) : undefined;
        return new RateLimitedError(message, { cause, retryAfterMs });
      }
      default:
        break;
    }
    if (retryable.has(failure.status)) {
      return new RetryableError(message, {
        cause,
        ...(failure.status === 401 && options.unauthorizedHint ? { hint: options.unauthorizedHint } : {}),
      });
    }
    if (failure.status === 401) {
      return new UnauthorizedError(message, { cause, hint: options.unauthorizedHint });
    }
    return new FatalBackendError(message, { cause });
  };
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const t = value.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const at = Date.parse(t);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
