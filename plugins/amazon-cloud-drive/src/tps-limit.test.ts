import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { countTpsSlots } from '@rsyncish/testkit';
import { collect, put, startHarness, type Harness } from './testing/support.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

test('with --tpslimit every API call waits for a slot of the process-wide limiter (the pacer from the context)', async (t) => {
  // Counted, not timed: each request the emulator serves took one slot first.
  const slots = countTpsSlots(500);
  t.after(() => slots.stop());
  const b = await h.open({ tpsLimit: 500 });
  h.emu.control.clearRequests();
  await b.mkdir('tps');
  await put(b, 'tps/a.txt', 'hello');
  assert.equal((await collect(b.list('tps'))).length, 1);
  const api = h.emu.control.requests().filter((r) => !r.url.includes('/auth/'));
  assert.ok(api.length >= 3, `only ${api.length} requests`);
  assert.equal(slots.taken, api.length);
});

test('without --tpslimit no call waits for the limiter', async (t) => {
  const slots = countTpsSlots(500);
  t.after(() => slots.stop());
  const b = await h.open();
  await b.mkdir('no-tps');
  assert.equal(slots.taken, 0);
});
