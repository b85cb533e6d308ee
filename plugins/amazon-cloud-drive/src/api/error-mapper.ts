import {
  createStatusErrorMapper,
  RetryableError,
  type ErrorOptions,
  type StatusErrorMapper,
} from '@rsyncish/core';

/** 400 "Next token is expired": the listing must start again from the first page. */
export class NextTokenExpiredError extends RetryableError {
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options);
  }
}

/** rclone's ACD retry table: 400 401 408 429 500 502 503 504, and the spurious 403. */
export const ACD_RETRYABLE_STATUSES = [400, 401, 408, 429, 500, 502, 503, 504];

/**
 * ACD's status table on top of core's: 409 is AlreadyExists and never
 * retried; a 403 is retried only when it is Amazon's spurious "Authorization
 * header requires…"; a 401 that survives a refresh carries the reconnect hint.
 */
export function acdErrorMapper(remote: string): StatusErrorMapper {
  return createStatusErrorMapper({
    retryable: ACD_RETRYABLE_STATUSES,
    unauthorizedHint: `run "rsyncish config reconnect ${remote || '<remote>'}:"`,
    classify(failure) {
      if (failure.status === 400 && /Next token is expired/i.test(failure.body)) {
        return new NextTokenExpiredError(failure.message, { cause: failure });
      }
      if (failure.status === 403 && failure.body.includes('Authorization header requires')) {
        return new RetryableError(failure.message, { cause: failure });
      }
      return undefined;
    },
  });
}
