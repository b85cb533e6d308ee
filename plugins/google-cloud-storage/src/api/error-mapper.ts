import {
  createStatusErrorMapper,
  FatalBackendError,
  HashMismatchError,
  RateLimitedError,
  RetryableError,
  type HttpFailure,
  type StatusErrorMapper,
} from '@rsyncish/core';

/** The first `reason` of a JSON API error body (`{"error":{"errors":[{"reason"}]}}`), if any. */
export function errorReason(failure: HttpFailure): string | undefined {
  try {
    const body = JSON.parse(failure.body) as { error?: { errors?: { reason?: string }[] } };
    return body.error?.errors?.[0]?.reason;
  } catch {
    return undefined;
  }
}

/**
 * GCS's status table on top of core's, as rclone's shouldRetry: every 5xx is
 * retried, and so is a 403 whose reason is rateLimitExceeded or
 * userRateLimitExceeded; a 400 naming a hash mismatch is ERR_HASH_MISMATCH
 * (GCS kept nothing); 412 is a failed precondition, never retried.
 */
export function gcsErrorMapper(remote: string): StatusErrorMapper {
  return createStatusErrorMapper({
    unauthorizedHint: `check the service account key, or run "rsyncish config reconnect ${remote || '<remote>'}:"`,
    classify(failure) {
      const reason = errorReason(failure);
      if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') return new RateLimitedError(failure.message, { cause: failure });
      if (failure.status >= 500 && failure.status < 600) return new RetryableError(failure.message, { cause: failure });
      if (failure.status === 400 && /doesn't match calculated/i.test(failure.body)) {
        return new HashMismatchError(`${failure.message}: the server refused bytes that do not match their checksum; nothing was stored`, { cause: failure });
      }
      if (failure.status === 412) return new FatalBackendError(failure.message, { cause: failure, hint: 'the object changed meanwhile; run the command again' });
      return undefined;
    },
  });
}
