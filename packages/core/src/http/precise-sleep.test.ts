import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preciseSleep } from './precise-sleep.js';

test('preciseSleep never resolves before its time, short or long', async () => {
  for (const ms of [0, 0.5, 1, 3, 20]) {
    const start = performance.now();
    await preciseSleep(ms);
    assert.ok(performance.now() - start >= ms, `${ms} ms asked, ${(performance.now() - start).toFixed(3)} ms slept`);
  }
});

test('I/O and timers go on while preciseSleep waits out its last millisecond', async () => {
  let ran = 0;
  const tick = setInterval(() => ran++, 1);
  await preciseSleep(30);
  clearInterval(tick);
  assert.ok(ran > 0);
});
