import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlreadyExistsError, RateLimitedError, RetryableError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { decayedSleep, grownSleep, type PacerSettings } from './pacer-calculator.js';
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
  };
}

/** A logger keeping `LEVEL message` lines. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => void lines.push(`${level} ${m}`);
  return { lines, error: at('ERROR'), notice: at('NOTICE'), info: at('INFO'), debug: at('DEBUG') };
}

const ACD_LIKE: PacerSettings = { minSleepMs: 20, maxSleepMs: 2000, decayConstant: 2, attackConstant: 1 };

test('starts stay at least minSleepMs apart when sleeps run late', async () => {
  let t = 1000;
  // Every sleep oversleeps by 1.5 ms, as setTimeout does.
  const pacer = new Pacer({ settings: { minSleepMs: 20 }, now: () => t, sleep: async (ms) => { t += ms + 1.5; } });
  const starts: number[] = [];
  for (let i = 0; i < 50; i++) await pacer.call(async () => starts.push(t));
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 20, `gap ${i}: ${starts[i]! - starts[i - 1]!} ms`);
});

test('calls are spaced at least minSleepMs apart', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ settings: { minSleepMs: 20 }, now: clock.now, sleep: clock.sleep });
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) await pacer.call(async () => starts.push(clock.now()));
  assert.deepEqual(starts.map((s) => s - starts[0]!), [0, 20, 40]);
});

test('a retryable error is retried until it succeeds, the wait doubling from minSleepMs', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ settings: ACD_LIKE, attempts: 10, now: clock.now, sleep: clock.sleep });
  let calls = 0;
  const result = await pacer.call(async () => {
    calls++;
    if (calls <= 3) throw new RetryableError('HTTP 503');
    return 'ok';
  });
  assert.equal(result, 'ok');
  assert.equal(calls, 4);
  assert.deepEqual(clock.sleeps, [40, 80, 160]);
});

test('the wait is capped at maxSleepMs however long calls keep failing', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ settings: ACD_LIKE, attempts: 20, now: clock.now, sleep: clock.sleep });
  await assert.rejects(pacer.call(async () => {
    throw new RetryableError('connection refused');
  }));
  // 19 waits between 20 attempts: 40, 80, ... 1280, then 2000 from there on.
  assert.equal(clock.sleeps.length, 19);
  assert.deepEqual(clock.sleeps.slice(0, 6), [40, 80, 160, 320, 640, 1280]);
  assert.ok(clock.sleeps.slice(6).every((ms) => ms === 2000), clock.sleeps.join(','));
  assert.equal(Math.max(...clock.sleeps), 2000);
});

test('a failure shared by concurrent calls never pushes the wait past the cap', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ settings: ACD_LIKE, attempts: 1, now: clock.now, sleep: clock.sleep });
  const failing = Array.from({ length: 50 }, () => pacer.call(async () => {
    throw new RetryableError('reset');
  }).catch(() => {}));
  await Promise.all(failing);
  assert.equal(pacer.currentSleepMs, 2000);
  assert.ok(clock.sleeps.every((ms) => ms <= 2000), clock.sleeps.join(','));
});

test('successes bring the wait back down to minSleepMs', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ settings: ACD_LIKE, attempts: 1, now: clock.now, sleep: clock.sleep });
  for (let i = 0; i < 10; i++) await pacer.call(async () => { throw new RetryableError('503'); }).catch(() => {});
  assert.equal(pacer.currentSleepMs, 2000);
  await pacer.call(async () => 'ok');
  assert.equal(pacer.currentSleepMs, 1500, 'decay constant 2 keeps three quarters');
  let successes = 1;
  while (pacer.currentSleepMs > 20) {
    await pacer.call(async () => 'ok');
    successes++;
  }
  assert.equal(pacer.currentSleepMs, 20);
  assert.ok(successes < 20, `${successes} successes to settle`);
  // And settled it stays: once the last longer gap has passed, calls are minSleepMs apart.
  await pacer.call(async () => 'ok');
  clock.sleeps.length = 0;
  await pacer.call(async () => 'ok');
  await pacer.call(async () => 'ok');
  assert.deepEqual(clock.sleeps, [20, 20]);
});

test('an answer that is not retryable (404, 409) counts as the server being up', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ settings: ACD_LIKE, attempts: 1, now: clock.now, sleep: clock.sleep });
  await pacer.call(async () => { throw new RetryableError('503'); }).catch(() => {});
  assert.equal(pacer.currentSleepMs, 40);
  await pacer.call(async () => { throw new AlreadyExistsError('409'); }).catch(() => {});
  assert.equal(pacer.currentSleepMs, 30);
});

test('each retry is logged at INFO as rclone words it, and changes of the wait at DEBUG', async () => {
  const clock = virtualTime();
  const logger = recordingLogger();
  const pacer = new Pacer({ settings: ACD_LIKE, attempts: 3, logger, now: clock.now, sleep: clock.sleep });
  await assert.rejects(pacer.call(async () => {
    throw new RetryableError('GET http://127.0.0.1:9/x: connection refused');
  }, 'account/endpoint'));
  const info = logger.lines.filter((l) => l.startsWith('INFO '));
  assert.deepEqual(info, [
    'INFO account/endpoint: low level retry 1/3 (error GET http://127.0.0.1:9/x: connection refused)',
    'INFO account/endpoint: low level retry 2/3 (error GET http://127.0.0.1:9/x: connection refused)',
  ]);
  assert.ok(logger.lines.includes('DEBUG pacer: Rate limited, increasing sleep to 40ms'), logger.lines.join('\n'));
  await pacer.call(async () => 'ok');
  assert.ok(logger.lines.includes('DEBUG pacer: Reducing sleep to 120ms'), logger.lines.join('\n'));
});

test('low-level retries bound the attempts; the last error is thrown; one attempt means no retry', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ attempts: 3, now: clock.now, sleep: clock.sleep });
  let calls = 0;
  await assert.rejects(pacer.call(async () => {
    calls++;
    throw new RetryableError(`fail ${calls}`);
  }), /fail 3/);
  assert.equal(calls, 3);

  const logger = recordingLogger();
  const once = new Pacer({ attempts: 1, logger, now: clock.now, sleep: clock.sleep });
  calls = 0;
  await assert.rejects(once.call(async () => {
    calls++;
    throw new RetryableError('down');
  }), /down/);
  assert.equal(calls, 1);
  assert.equal(logger.lines.filter((l) => l.includes('low level retry')).length, 0);
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

test('RateLimitedError.retryAfterMs is honoured once, even past the cap, and later spacing stays capped', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ settings: ACD_LIKE, now: clock.now, sleep: clock.sleep });
  let calls = 0;
  await pacer.call(async () => {
    if (++calls === 1) throw new RateLimitedError('429', { retryAfterMs: 3000 });
  });
  assert.deepEqual(clock.sleeps, [3000]);
  assert.ok(pacer.currentSleepMs <= 2000);
});

test('callNoRetry runs once even for a retryable error, and later calls back off', async () => {
  const clock = virtualTime();
  const pacer = new Pacer({ settings: ACD_LIKE, now: clock.now, sleep: clock.sleep });
  let calls = 0;
  await assert.rejects(pacer.callNoRetry(async () => {
    calls++;
    throw new RetryableError('504');
  }), RetryableError);
  assert.equal(calls, 1);
  await pacer.call(async () => {});
  assert.deepEqual(clock.sleeps, [40]);
});

test('a tps limiter spreads calls to 1/tps apart', async () => {
  const clock = virtualTime();
  const tps = new TpsLimiter(4, clock.now, clock.sleep);
  const pacer = new Pacer({ settings: { minSleepMs: 0 }, tps, now: clock.now, sleep: clock.sleep });
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) await pacer.call(async () => starts.push(clock.now()));
  assert.deepEqual(starts.map((s) => s - starts[0]!), [0, 250, 500]);
});

test('the calculator: attack 0 jumps to the cap, decay never goes below the minimum', () => {
  assert.equal(grownSleep({ ...ACD_LIKE, attackConstant: 0 }, 20), 2000);
  assert.equal(grownSleep({ ...ACD_LIKE, attackConstant: 2 }, 30), 40);
  assert.equal(grownSleep(ACD_LIKE, 0), 40);
  assert.equal(decayedSleep(ACD_LIKE, 21), 20);
  assert.equal(decayedSleep({ ...ACD_LIKE, decayConstant: 1 }, 1000), 500);
});
