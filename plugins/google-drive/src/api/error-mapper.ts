import { createStatusErrorMapper, RateLimitedError, RetryableError, type StatusErrorMapper } from '@rsyncish/core';
import type { DriveErrorBody } from './types.js';

/** The `reason` of the first error in Drive's JSON error body, if any. */
export function driveErrorReason(body: string): string | undefined {
  try {
    return (JSON.parse(body) as DriveErrorBody).error?.errors?.[0]?.reason;
  } catch {
    return undefined;
  }
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/**
 * rclone's drive shouldRetry on top of core's table: every 5xx is retried, and
 * a 403 only when its reason is a rate limit (any other 403 is a refusal that
 * will not change); a 401 that survives a refresh carries the reconnect hint.
 */
export function driveErrorMapper(remote: string): StatusErrorMapper {
  return createStatusErrorMapper({
    unauthorizedHint: `run "rsyncish config reconnect ${remote || '<remote>'}:"`,
    classify(failure) {
      if (failure.status === 403 && RATE_LIMIT_REASONS.has(driveErrorReason(failure.body) ?? '')) {
        return new RateLimitedError(failure.message, { cause: failure });
      }
      if (failure.status >= 500 && failure.status < 600) return new RetryableError(failure.message, { cause: failure });
      return undefined;
    },
  });
}
