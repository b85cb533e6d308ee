import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlreadyExistsError, RateLimitedError, RetryableError } from '../errors/index.js';
import { Pacer } from './pacer.js';
import { TpsLimiter } from './tps-limiter.js';

/** A virtual clock: sleep advances time instantly and records each wait. */
function virtualTime() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

test('starts stay at least minSleepMs apart when sleeps run late', async () => {
  let t = 1000;
  // Every sleep oversleeps by 1.5 ms, as setTimeout does.
  const pacer = new Pacer({ minSleepMs: 20, now: () => t, sleep: async (ms) => { t += ms + 1.5; } });
  const starts: number[] = [];
  for (let i = 0; i < 50; i++) await pacer.call(async () => starts.push(t));
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 20, `gap ${i}: ${starts[i]! - starts[i - 1]!} ms`);
});

test('calls are spaced at least minSleepMs apart', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ minSleepMs: 20, now: clock.now, sleep: clock.sleep });
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) await pacer.call(async () => starts.push(clock.now()));
  assert.deepEqual(starts.map((s) => s - starts[0]!), [0, 20, 40]);
});

test('a retryable error is retried until it succeeds, with backoff in [0, 2^(n-1) s)', async () => {
  const clock = virtualTime();
  const randoms = [0.5, 0.5, 0.5];
  const pacer = new Pacer({ minSleepMs: 20, attempts: 10, now: clock.now, sleep: clock.sleep, random: () => randoms.shift() ?? 0 });
  let calls = 0;
  const result = await pacer.call(async () => {
    calls++;
    if (calls <= 3) throw new RetryableError('HTTP 503');
    return 'ok';
  });
  assert.equal(result, 'ok');
  assert.equal(calls, 4);
  // n=1: 0.5·1 s, n=2: 0.5·2 s, n=3: 0.5·4 s
  assert.deepEqual(clock.sleeps, [500, 1000, 2000]);
});

test('the backoff exponent is capped and never below the minimum spacing', () => {
  const pacer = new Pacer({ minSleepMs: 20, maxBackoffExponent: 9, random: () => 0.999999 });
  assert.ok(pacer.backoffMs(9) < 256_000 && pacer.backoffMs(9) > 255_000);
  assert.equal(pacer.backoffMs(30), pacer.backoffMs(9));
  const zero = new Pacer({ minSleepMs: 20, random: () => 0 });
  assert.equal(zero.backoffMs(3), 20);
});

test('low-level retries bound the attempts; the last error is thrown', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ attempts: 3, now: clock.now, sleep: clock.sleep, random: () => 0 });
  let calls = 0;
  await assert.rejects(pacer.call(async () => {
    calls++;
    throw new RetryableError(`fail ${calls}`);
  }), /fail 3/);
  assert.equal(calls, 3);
});

test('errors whose class is not retryable are thrown at once', async () => {
  const pacer = new Pacer({ attempts: 10 });
  let calls = 0;
  await assert.rejects(pacer.call(async () => {
    calls++;
    throw new AlreadyExistsError('409');
  }), AlreadyExistsError);
  await assert.rejects(pacer.call(async () => {
    calls++;
    throw new Error('a plain bug');
  }), /a plain bug/);
  assert.equal(calls, 2);
});

test('RateLimitedError.retryAfterMs is honoured when longer than the backoff', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ minSleepMs: 20, now: clock.now, sleep: clock.sleep, random: () => 0 });
  let calls = 0;
  await pacer.call(async () => {
    if (++calls === 1) throw new RateLimitedError('429', { retryAfterMs: 3000 });
  });
  assert.deepEqual(clock.sleeps, [3000]);
});

test('callNoRetry runs once even for a retryable error, and later calls back off', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ minSleepMs: 20, now: clock.now, sleep: clock.sleep, random: () => 0.5 });
  let calls = 0;
  await assert.rejects(pacer.callNoRetry(async () => {
    calls++;
    throw new RetryableError('504');
  }), RetryableError);
  assert.equal(calls, 1);
  await pacer.call(async () => {});
  assert.deepEqual(clock.sleeps, [500]);
});

test('a tps limiter spreads calls to 1/tps apart', async () => {
  const clock = virtualTime();
  const tps = new TpsLimiter(4, clock.now, clock.sleep);
  const pacer = new Pacer({ minSleepMs: 0, tps, now: clock.now, sleep: clock.sleep });
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) await pacer.call(async () => starts.push(clock.now()));
  assert.deepEqual(starts.map((s) => s - starts[0]!), [0, 250, 500]);
});
