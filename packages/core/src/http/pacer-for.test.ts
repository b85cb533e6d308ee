import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BackendGlobals } from '../contract/context.js';
import { DEFAULT_BACKEND_GLOBALS } from '../host/default-globals.js';
import { RetryableError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { pacerFor } from './pacer-for.js';

function context(globals: Partial<BackendGlobals>, lines: string[] = []) {
  const logger: Logger = { error: () => {}, notice: () => {}, info: (m) => void lines.push(m), debug: () => {} };
  return { globals: { ...DEFAULT_BACKEND_GLOBALS, ...globals }, logger };
}

const noWait = { settings: { minSleepMs: 0, maxSleepMs: 0 }, sleep: async () => {} };

test('a pacer from the context tries a failing call --low-level-retries times in all, logging each retry', async () => {
  const lines: string[] = [];
  const pacer = pacerFor(context({ lowLevelRetries: 3 }, lines), noWait);
  let calls = 0;
  await assert.rejects(pacer.call(async () => {
    calls++;
    throw new RetryableError('503 from the server');
  }, 'list'));
  assert.equal(calls, 3);
  assert.deepEqual(lines, ['list: low level retry 1/3 (error 503 from the server)', 'list: low level retry 2/3 (error 503 from the server)']);
});
