import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BandwidthLimiter, TokenBucket, type BucketClock } from './bandwidth.js';
import { limitAt, parseBwTimetable } from './bwlimit-timetable.js';

/** A clock that only moves when someone sleeps: waits are counted, never spent. */
function fakeClock(): BucketClock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

test('parseBwTimetable reads rclone forms: rate, up:down, times, days', () => {
  assert.deepEqual(parseBwTimetable('1M'), [{ day: 0, hhmm: 0, bandwidth: { tx: 1 << 20, rx: 1 << 20 } }]);
  assert.deepEqual(parseBwTimetable('10M:512k')[0]!.bandwidth, { tx: 10 << 20, rx: 512 << 10 });
  assert.deepEqual(parseBwTimetable('off')[0]!.bandwidth, { tx: -1, rx: -1 });
  assert.equal(parseBwTimetable('100')[0]!.bandwidth.tx, 100 * 1024, 'a bare number is KiB');
  const everyDay = parseBwTimetable('08:00,512k 12:00,off');
  assert.equal(everyDay.length, 14, 'a time without a day applies to each day of the week');
  assert.deepEqual(parseBwTimetable('Mon-08:00,1M Sunday-23:59,off').map((s) => [s.day, s.hhmm]), [[1, 800], [0, 2359]]);
  for (const bad of ['', '25:00,1M', '08:60,1M', '8:00,1M', 'Mo-08:00,1M', '08:00,xx', '08:00,1M  12:00,off', '08:00,1M,2M', 'a-b-c,1M']) {
    assert.throws(() => parseBwTimetable(bad), (e: Error & { exitCode?: number }) => e.exitCode === 1 && e.message.startsWith(`invalid argument ${JSON.stringify(bad)} for "--bwlimit" flag: `), bad);
  }
});

test('limitAt picks the latest slot at or before the time, else the last entry', () => {
  const slots = parseBwTimetable('Mon-08:00,1M Mon-12:00,off Fri-18:00,2M');
  const at = (day: number, h: number, m = 0) => new Date(2024, 0, 7 + day, h, m); // 2024-01-07 is a Sunday
  assert.equal(limitAt(slots, at(1, 8)).tx, 1 << 20);
  assert.equal(limitAt(slots, at(1, 11, 59)).tx, 1 << 20);
  assert.equal(limitAt(slots, at(1, 12)).tx, -1);
  assert.equal(limitAt(slots, at(3, 9)).tx, -1);
  assert.equal(limitAt(slots, at(6, 9)).tx, 2 << 20);
  assert.equal(limitAt(slots, at(0, 9)).tx, 2 << 20, 'Sunday, before every slot: the last entry carries over');
  assert.equal(limitAt([], at(0, 9)).tx, -1);
});

test('TokenBucket keeps every taker together to the rate, starting empty', async () => {
  const clock = fakeClock();
  const bucket = new TokenBucket(1000, clock);
  await Promise.all([bucket.take(500), bucket.take(500), bucket.take(1000)]);
  assert.equal(clock.t >= 1000, true, `2000 bytes at 1000 B/s wait at least 1 s in all (waited ${clock.t} ms)`);
  const off = new TokenBucket(0, clock);
  const before = clock.t;
  await off.take(1e9);
  assert.equal(clock.t, before, 'rate 0 is no limit');
});

test('BandwidthLimiter follows the timetable when the minute changes, and reports the change', async () => {
  const clock = fakeClock();
  let wall = new Date(2024, 0, 8, 7, 59); // a Monday
  const changes: string[] = [];
  const limiter = new BandwidthLimiter(parseBwTimetable('08:00,1k 09:00,off'), (b, first) => changes.push(`${first ? 'start' : 'change'} ${b.tx}`), () => wall, clock);
  await limiter.take(10_000);
  assert.equal(clock.t, 0, 'before 08:00 the 09:00 entry (off) is in force');
  wall = new Date(2024, 0, 8, 8, 0);
  await limiter.take(2048);
  assert.ok(clock.t >= 2000, `at 1 KiB/s, 2 KiB wait 2 s (waited ${clock.t} ms)`);
  assert.deepEqual(changes, ['start -1', 'change 1024']);
});
