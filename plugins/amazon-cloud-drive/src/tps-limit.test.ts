import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { globalTpsLimiter } from '@rsyncish/core';
import { collect, put, startHarness, type Harness } from './testing/support.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

test('with --tpslimit every API call waits for a slot of the process-wide limiter (the pacer from the context)', async (t) => {
  // Counted, not timed: each request the emulator serves took one slot first.
  const shared = globalTpsLimiter(500)!;
  const take = shared.take.bind(shared);
  let taken = 0;
  shared.take = async () => {
    taken++;
    await take();
  };
  t.after(() => {
    shared.take = take;
  });
  const b = await h.open({ tpsLimit: 500 });
  h.emu.control.clearRequests();
  await b.mkdir('tps');
  await put(b, 'tps/a.txt', 'hello');
  assert.equal((await collect(b.list('tps'))).length, 1);
  const api = h.emu.control.requests().filter((r) => !r.url.includes('/auth/'));
  assert.ok(api.length >= 3, `only ${api.length} requests`);
  assert.equal(taken, api.length);
});
