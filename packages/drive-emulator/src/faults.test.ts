import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FAULTS, FaultInjector, parseFaultPatch, parseInjectedFault } from './faults.js';

const errorOf = (e: { status: number; body: Record<string, any> } | undefined) => e && { status: e.status, ...e.body['error'].errors[0] };

test('the rate limit answers 403 userRateLimitExceeded past N requests a second', () => {
  let now = 0;
  const f = new FaultInjector({ ...DEFAULT_FAULTS, rateLimit: 2 }, () => now);
  assert.equal(f.decideApiFault(), undefined);
  assert.equal(f.decideApiFault(), undefined);
  assert.deepEqual(errorOf(f.decideApiFault()), { status: 403, domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' });
  now = 1000;
  assert.equal(f.decideApiFault(), undefined, 'a new second, a new allowance');
});

test('random failures are 500 backendError or 503', () => {
  const rolls = [0.01, 0.2, 0.01, 0.9];
  const f = new FaultInjector({ ...DEFAULT_FAULTS, failRate: 0.5 }, Date.now, () => rolls.shift()!);
  assert.equal(errorOf(f.decideApiFault())?.status, 500);
  assert.equal(errorOf(f.decideApiFault())?.status, 503);
});

test('injections match method and path with query, count down, and pick the 403 reason', () => {
  const f = new FaultInjector(DEFAULT_FAULTS);
  f.inject(parseInjectedFault({ status: 403, reason: 'rateLimitExceeded', method: 'put', path: 'upload_id', count: 2 }));
  assert.equal(f.takeInjected('GET', '/upload/drive/v3/files?upload_id=x'), undefined);
  assert.equal(errorOf(f.takeInjected('PUT', '/upload/drive/v3/files?upload_id=x'))?.reason, 'rateLimitExceeded');
  assert.equal(f.pendingInjections()[0]!.count, 1);
  f.takeInjected('PUT', '/upload/drive/v3/files?upload_id=x');
  assert.deepEqual(f.pendingInjections(), []);
  f.inject(parseInjectedFault({ status: 429 }));
  assert.deepEqual(errorOf(f.takeInjected('GET', '/drive/v3/files')), { status: 429, domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' });
});

test('settings and injections are validated', () => {
  assert.deepEqual(parseFaultPatch({ maxFileSize: '1M', quota: 10, failRate: '0.5' }), { maxFileSize: 1024 * 1024, quota: 10, failRate: 0.5 });
  for (const bad of [{ rateLimit: 1.5 }, { failRate: 2 }, { partialChunkRate: -1 }, { nope: 1 }]) assert.throws(() => parseFaultPatch(bad), RangeError);
  for (const bad of [{ status: 404 }, { status: 500, count: 0 }, { status: 403, reason: 'other' }]) assert.throws(() => parseInjectedFault(bad));
});
