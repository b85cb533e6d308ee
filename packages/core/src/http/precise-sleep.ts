import { performance } from 'node:perf_hooks';

/**
 * Node's timers fire up to a millisecond or so late. A pacer that must keep
 * 20 ms between the starts of two calls (ACD) and sleeps with setTimeout
 * alone runs at ~21 ms a call: 5 % of the allowed request rate lost.
 */
const TIMER_SLACK_MS = 1;

/**
 * Resolves once `ms` have passed, never earlier, and rarely more than a few
 * tenths of a millisecond later: a timer wakes it TIMER_SLACK_MS early, and
 * it then hands the event loop back (setImmediate, so I/O goes on) until the
 * time has come.
 */
export async function preciseSleep(ms: number): Promise<void> {
  const until = performance.now() + ms;
  if (ms > TIMER_SLACK_MS) await new Promise((resolve) => setTimeout(resolve, ms - TIMER_SLACK_MS));
  while (performance.now() < until) await new Promise(setImmediate);
}
