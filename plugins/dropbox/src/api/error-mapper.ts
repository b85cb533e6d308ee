import {
  AlreadyExistsError,
  createStatusErrorMapper,
  FatalBackendError,
  NotFoundError,
  RateLimitedError,
  type HttpFailure,
  type StatusErrorMapper,
} from '@rsyncish/core';
import { DropboxRefusedError } from '../errors.js';
import type { ErrorBody } from './types.js';

/** The parsed error body of a failed call, when it is Dropbox's JSON. */
export function errorBodyOf(failure: HttpFailure | undefined): ErrorBody | undefined {
  if (!failure?.body) return undefined;
  try {
    const body = JSON.parse(failure.body) as unknown;
    return body && typeof body === 'object' ? (body as ErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

/** `error_summary` without its trailing `/...` marker: `path/not_found`. */
export function summaryOf(failure: HttpFailure | undefined): string {
  return (errorBodyOf(failure)?.error_summary ?? '').replace(/\/\.*$/, '').replace(/\/+$/, '');
}

/**
 * Dropbox's statuses on top of core's table. An endpoint error is a 409
 * whose `error_summary` says what went wrong: `…/not_found` is NotFound,
 * `…/conflict…` AlreadyExists, `insufficient_space` stops the run (rclone:
 * a fatal error), anything else refuses this one file without a retry.
 * 429 (too_many_requests, too_many_write_operations) waits Retry-After, or
 * the body's retry_after. A 401 (expired_access_token) is refreshed once by
 * the HTTP client; one that survives that carries the reconnect hint.
 */
export function dropboxErrorMapper(remote: string): StatusErrorMapper {
  return createStatusErrorMapper({
    unauthorizedHint: `run "rsyncish config reconnect ${remote || '<remote>'}:"`,
    classify(failure) {
      const summary = summaryOf(failure);
      const cause = failure;
      if (failure.status === 429) {
        const header = Number(failure.header('retry-after'));
        const body = errorBodyOf(failure)?.error?.retry_after;
        const seconds = Number.isFinite(header) && header > 0 ? header : typeof body === 'number' ? body : undefined;
        return new RateLimitedError(failure.message, { cause, retryAfterMs: seconds === undefined ? undefined : seconds * 1000 });
      }
      if (failure.status !== 409) return undefined;
      if (/(^|\/)not_found(\/|$)/.test(summary)) return new NotFoundError(failure.message, { cause });
      if (/(^|\/)conflict(\/|$)/.test(summary)) return new AlreadyExistsError(failure.message, { cause });
      if (summary.includes('insufficient_space')) {
        return new FatalBackendError(failure.message, { cause, hint: 'the Dropbox account is full: free space or upgrade the plan' });
      }
      if (summary.includes('too_many_write_operations')) return new RateLimitedError(failure.message, { cause });
      return new DropboxRefusedError(failure.message, summary, { cause });
    },
  });
}
