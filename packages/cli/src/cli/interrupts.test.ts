import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { createLogger, InterruptedError } from '@rsyncish/core';
import { catchInterrupts, type InterruptHost } from './interrupts.js';

/** A process stand-in: signals are emitted by the test, exits are recorded. */
function fakeHost(): InterruptHost & { emitter: EventEmitter; exits: number[]; exited: Promise<number> } {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  let resolve!: (code: number) => void;
  const exited = new Promise<number>((r) => (resolve = r));
  return {
    emitter,
    exits,
    exited,
    on: (e, l) => emitter.on(e, l),
    off: (e, l) => emitter.off(e, l),
    exit: (code) => {
      exits.push(code);
      resolve(code);
    },
  };
}

function logged(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', (l) => lines.push(l)) };
}

test('the first SIGINT aborts the signal with an InterruptedError (exit code 130) and logs as rclone at INFO', () => {
  const host = fakeHost();
  const { lines, logger } = logged();
  const i = catchInterrupts(logger, host, 60_000);
  host.emitter.emit('SIGINT', 'SIGINT');
  assert.ok(i.signal.aborted);
  assert.ok(i.signal.reason instanceof InterruptedError);
  assert.equal(i.interrupted?.exitCode, 130);
  assert.deepEqual(host.exits, [], 'the run cleans up first');
  assert.ok(lines.some((l) => l.includes('INFO  : Signal received: interrupt')), lines.join('\n'));
  i.exit();
  assert.deepEqual(host.exits, [130]);
  assert.equal(host.emitter.listenerCount('SIGINT'), 0);
});

test('SIGTERM exits with 143', () => {
  const host = fakeHost();
  const i = catchInterrupts(logged().logger, host, 60_000);
  host.emitter.emit('SIGTERM', 'SIGTERM');
  i.exit();
  assert.deepEqual(host.exits, [143]);
});

test('a second signal exits at once, without waiting for the clean-up', () => {
  const host = fakeHost();
  const i = catchInterrupts(logged().logger, host, 60_000);
  host.emitter.emit('SIGINT', 'SIGINT');
  host.emitter.emit('SIGINT', 'SIGINT');
  assert.deepEqual(host.exits, [130]);
  i.dispose();
});

test('a clean-up longer than the grace period is cut short with the same exit code', async () => {
  const host = fakeHost();
  catchInterrupts(logged().logger, host, 0);
  host.emitter.emit('SIGTERM', 'SIGTERM');
  assert.equal(await host.exited, 143);
});

test('without a signal, dispose leaves the process as it was', () => {
  const host = fakeHost();
  const i = catchInterrupts(logged().logger, host, 60_000);
  i.dispose();
  assert.equal(host.emitter.listenerCount('SIGINT') + host.emitter.listenerCount('SIGTERM'), 0);
  assert.equal(i.signal.aborted, false);
});
