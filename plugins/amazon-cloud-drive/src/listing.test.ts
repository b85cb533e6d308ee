import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { collect, put, startHarness, type Harness } from './testing/support.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

async function plantMany(parentId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await h.emu.control.plantNode({ parentId, name: `file-${String(i).padStart(4, '0')}.txt`, content: `#${i}` });
  }
}

test('a folder of 1,050 files is listed whole by following nextToken (C35)', async () => {
  const b = await h.open();
  await b.mkdir('big');
  await plantMany((await b.stat('big')).id!, 1050);
  h.emu.control.clearRequests();
  const entries = await collect(b.list('big'));
  assert.equal(entries.length, 1050);
  assert.equal(new Set(entries.map((e) => e.path)).size, 1050);
  const pages = h.emu.control.requests().filter((r) => r.url.includes('filters=parents%3A'));
  assert.ok(pages.length >= 6, `${pages.length} pages`);
  assert.ok(!pages[0]!.url.includes('startToken'));
  assert.ok(pages.slice(1).every((p) => p.url.includes('startToken=')));
});

test('a 400 "Next token is expired" restarts the whole listing from the first page (C36)', async () => {
  const b = await h.open();
  await b.mkdir('expiring');
  await plantMany((await b.stat('expiring')).id!, 450);
  h.emu.control.setFaults({ nextTokenTtlMs: 0 });
  h.emu.control.clearRequests();
  // Let one pass fail, then give tokens their normal life back.
  const fix = setInterval(() => {
    if (h.emu.control.requests().some((r) => r.status === 400)) {
      h.emu.control.resetFaults();
      clearInterval(fix);
    }
  }, 2);
  try {
    const entries = await collect(b.list('expiring'));
    assert.equal(entries.length, 450);
  } finally {
    clearInterval(fix);
    h.emu.control.resetFaults();
  }
  const pages = h.emu.control.requests().filter((r) => r.url.includes('filters=parents%3A'));
  const firstFailure = pages.findIndex((p) => p.status === 400);
  assert.ok(firstFailure > 0, 'a page after the first was refused');
  assert.ok(!pages[firstFailure + 1]!.url.includes('startToken'), 'the next request starts over');
});

test('when tokens keep expiring the listing gives up after the low-level retries', async () => {
  const b = await h.open({ lowLevelRetries: 3 });
  await b.mkdir('always-expiring');
  await plantMany((await b.stat('always-expiring')).id!, 250);
  h.emu.control.setFaults({ nextTokenTtlMs: 0 });
  h.emu.control.clearRequests();
  try {
    await assert.rejects(collect(b.list('always-expiring')), /Next token is expired/);
  } finally {
    h.emu.control.resetFaults();
  }
  const firstPages = h.emu.control.requests().filter((r) => r.url.includes('filters=parents%3A') && !r.url.includes('startToken'));
  assert.equal(firstPages.length, 3);
});

test('listings keep only AVAILABLE files and folders: PENDING and TRASH nodes are left out (C37)', async () => {
  const b = await h.open();
  await b.mkdir('mixed');
  const id = (await b.stat('mixed')).id!;
  await h.emu.control.plantNode({ parentId: id, name: 'ok.txt', content: 'ok' });
  await h.emu.control.plantNode({ parentId: id, name: 'pending.bin', content: 'p', status: 'PENDING' });
  await h.emu.control.plantNode({ parentId: id, name: 'trashed.txt', content: 't', status: 'TRASH' });
  await h.emu.control.plantNode({ parentId: id, name: 'folder', kind: 'FOLDER' });
  assert.deepEqual((await collect(b.list('mixed'))).map((e) => e.path).sort(), ['mixed/folder', 'mixed/ok.txt']);
});

test('an empty folder lists as empty; empty folders can exist (emptyDirs)', async () => {
  const b = await h.open();
  await b.mkdir('void/inner');
  assert.deepEqual(await collect(b.list('void/inner')), []);
  assert.deepEqual((await collect(b.list('void'))).map((e) => [e.path, e.kind]), [['void/inner', 'dir']]);
});

test('mkdir never makes twins: 20 concurrent mkdirs and puts under one new path give one folder each', async () => {
  const b = await h.open();
  await Promise.all([
    ...Array.from({ length: 10 }, () => b.mkdir('conc/a/b')),
    ...Array.from({ length: 10 }, (_, i) => put(b, `conc/a/b/f${i}.txt`, `${i}`)),
  ]);
  const folders = h.emu.control.nodes().filter((n) => n.kind === 'FOLDER' && ['conc', 'a', 'b'].includes(String(n.name)));
  assert.deepEqual(folders.map((f) => f.name).sort(), ['a', 'b', 'conc']);
  assert.equal((await collect(b.list('conc/a/b'))).length, 10);
});

test('two backends racing on one folder: the loser takes the winner\'s id from the 409 (no retry of the 409)', async () => {
  const one = await h.open();
  const two = await h.open();
  await one.mkdir('race');
  // The second backend's lookup cannot see the folder yet (eventual consistency), so it POSTs and gets 409.
  h.emu.control.setFaults({ listingLagMs: 60_000 });
  try {
    await one.mkdir('race/x');
    h.emu.control.clearRequests();
    await two.mkdir('race/x');
  } finally {
    h.emu.control.resetFaults();
  }
  const posts = h.emu.control.requests().filter((r) => r.method === 'POST' && r.url === '/drive/v1/nodes');
  assert.deepEqual(posts.map((p) => p.status), [409]);
  assert.equal(h.emu.control.nodes().filter((n) => n.name === 'x' && n.kind === 'FOLDER').length, 1);
});
