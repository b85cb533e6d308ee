import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FatalBackendError, HttpFailure, NotFoundError, RateLimitedError, RetryableError, UnauthorizedError } from '@rsyncish/core';
import { driveErrorMapper } from './error-mapper.js';

const map = driveErrorMapper('gdrive');
const failure = (status: number, reason?: string) => new HttpFailure({
  method: 'GET', url: 'https://www.googleapis.com/drive/v3/files', status,
  body: reason ? JSON.stringify({ error: { code: status, message: reason, errors: [{ domain: 'usageLimits', reason, message: reason }] } }) : '',
});

test('a 403 whose reason is a rate limit is retried as one; any other 403 is final', () => {
  assert.ok(map(failure(403, 'userRateLimitExceeded')) instanceof RateLimitedError);
  assert.ok(map(failure(403, 'rateLimitExceeded')) instanceof RateLimitedError);
  assert.ok(map(failure(403, 'storageQuotaExceeded')) instanceof FatalBackendError);
  assert.ok(map(failure(403, 'insufficientFilePermissions')) instanceof FatalBackendError);
});

test('every 5xx is retried; 404 is not found; 401 says how to log in again', () => {
  for (const status of [500, 501, 502, 503, 504]) assert.ok(map(failure(status)) instanceof RetryableError, String(status));
  assert.ok(map(failure(404, 'notFound')) instanceof NotFoundError);
  const unauthorized = map(failure(401, 'authError'));
  assert.ok(unauthorized instanceof UnauthorizedError);
  assert.match(unauthorized.hint ?? '', /rsyncish config reconnect gdrive:/);
});
