import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { readChanges } from './api/changes.js';
import { collect, put, startHarness, type Harness } from './testing/support.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

test('polling the changes feed saves the last checkpoint as the `checkpoint` option (C87)', async () => {
  const b = await h.open();
  const first = await b.pollChanges();
  assert.equal(first.reset, true, 'no checkpoint yet: the whole drive, with reset');
  assert.equal(h.checkpoints.length, 1);
  const e = await put(b, 'feed/new.txt', 'x');
  const second = await b.pollChanges();
  assert.equal(second.reset, false);
  assert.ok(second.nodes.some((n) => n.id === e.id));
  assert.equal(h.checkpoints.length, 2);
  assert.notEqual(h.checkpoints[1], h.checkpoints[0]);
});

test('a backend opened with a saved checkpoint continues from it', async () => {
  const b = await h.open();
  await b.pollChanges();
  const cp = h.checkpoints.at(-1)!;
  const again = await h.open({ options: { checkpoint: cp } });
  const batch = await again.pollChanges();
  assert.equal(batch.reset, false);
  assert.deepEqual(batch.nodes, []);
});

test('a folder changed elsewhere is dropped from the folder cache', async () => {
  const b = await h.open();
  const other = await h.open();
  await b.mkdir('cached/dir');
  await b.pollChanges();
  assert.deepEqual(await other.moveDirFrom!(other, 'cached/dir', 'cached/renamed'), { moved: true });
  await b.pollChanges();
  await assert.rejects(collect(b.list('cached/dir')), { code: 'ERR_NOT_FOUND' });
  assert.deepEqual(await collect(b.list('cached/renamed')), []);
});

test('a truncated stream keeps what arrived (rclone tolerates io.ErrUnexpectedEOF)', async () => {
  const whole = '{"checkpoint":"A","nodes":[{"id":"n1","kind":"FILE","status":"AVAILABLE","parents":[]}],"reset":false,"statusCode":200}\n{"end":true}\n';
  const full = await readChanges(Readable.from([whole]));
  assert.deepEqual(full, { checkpoint: 'A', reset: false, nodes: [{ id: 'n1', kind: 'FILE', status: 'AVAILABLE', parents: [] }], truncated: false });
  const cut = await readChanges(Readable.from([whole.slice(0, whole.indexOf('\n') + 1), '{"checkpoint":"B","no']));
  assert.equal(cut.checkpoint, 'A');
  assert.equal(cut.truncated, true);
  assert.equal(cut.nodes.length, 1);
  async function* broken() {
    yield '{"checkpoint":"C","nodes":[],"reset":true,"statusCode":200}\n';
    throw new Error('socket hang up');
  }
  const dropped = await readChanges(Readable.from(broken()));
  assert.deepEqual(dropped, { checkpoint: 'C', reset: true, nodes: [], truncated: true });
});
