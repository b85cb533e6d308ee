import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { collect, put, readAll, startHarness, type Harness } from './testing/support.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

test('a rename in place is one PATCH {name}; the id and content stay', async () => {
  const b = await h.open();
  const e = await put(b, 'mv/old.txt', 'content');
  h.emu.control.clearRequests();
  const moved = (await b.moveFrom!(b, 'mv/old.txt', 'mv/new.txt', {}))!;
  assert.equal(moved.id, e.id);
  assert.equal(moved.path, 'mv/new.txt');
  const writes = h.emu.control.requests().filter((r) => r.method !== 'GET');
  assert.deepEqual(writes.map((r) => `${r.method} ${r.url}`), [`PATCH /drive/v1/nodes/${e.id}`]);
  await assert.rejects(b.stat('mv/old.txt'), { code: 'ERR_NOT_FOUND' });
  assert.equal(String(await readAll(await b.get('mv/new.txt'))), 'content');
});

test('a move to another folder is POST nodes/{dst}/children; with a new name, PATCH first', async () => {
  const b = await h.open();
  const e = await put(b, 'src/f.txt', 'x');
  await b.mkdir('dst');
  h.emu.control.clearRequests();
  await b.moveFrom!(b, 'src/f.txt', 'dst/g.txt', {});
  const writes = h.emu.control.requests().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url.replace(/[\w-]{22}/g, 'ID')}`);
  assert.deepEqual(writes, ['PATCH /drive/v1/nodes/ID', 'POST /drive/v1/nodes/ID/children']);
  assert.equal((await b.stat('dst/g.txt')).id, e.id);
  assert.deepEqual(await collect(b.list('src')), []);
});

test('moving onto an existing file replaces it (the old one goes to the trash)', async () => {
  const b = await h.open();
  await put(b, 'rep/a.txt', 'new');
  const old = await put(b, 'rep/b.txt', 'old');
  await b.moveFrom!(b, 'rep/a.txt', 'rep/b.txt', {});
  assert.equal(String(await readAll(await b.get('rep/b.txt'))), 'new');
  assert.ok(h.emu.control.trash().some((n) => n.id === old.id));
});

test('a case-only rename works on the case-insensitive drive', async () => {
  const b = await h.open();
  const e = await put(b, 'case/readme.md', 'x');
  const moved = (await b.moveFrom!(b, 'case/readme.md', 'case/README.md', {}))!;
  assert.equal(moved.id, e.id);
  assert.deepEqual((await collect(b.list('case'))).map((x) => x.path), ['case/README.md']);
});

test('moving a folder carries its contents and refreshes the folder cache', async () => {
  const b = await h.open();
  await put(b, 'tree/sub/leaf.txt', 'leaf');
  await b.mkdir('moved-to');
  assert.deepEqual(await b.moveDirFrom!(b, 'tree/sub', 'moved-to/sub2'), { moved: true });
  assert.equal(String(await readAll(await b.get('moved-to/sub2/leaf.txt'))), 'leaf');
  await assert.rejects(collect(b.list('tree/sub')), { code: 'ERR_NOT_FOUND' });
  await put(b, 'tree/sub/again.txt', 'a');
  assert.deepEqual((await collect(b.list('tree/sub'))).map((x) => x.path), ['tree/sub/again.txt']);
  await b.mkdir('occupied');
  assert.deepEqual(await b.moveDirFrom!(b, 'moved-to/sub2', 'occupied'), { moved: false, why: "can't copy directory - destination already exists" });
});

test('when the rename fails: trash, rename, add the new parent, drop the old one, restore (C47)', async () => {
  const b = await h.open({ lowLevelRetries: 2 });
  const e = await put(b, 'fb/a.txt', 'fallback');
  await b.mkdir('fb2');
  // The quick rename keeps failing for both of its attempts.
  h.emu.control.inject({ status: 403, count: 2, method: 'PATCH' });
  h.emu.control.clearRequests();
  const moved = (await b.moveFrom!(b, 'fb/a.txt', 'fb2/b.txt', {}))!;
  assert.equal(moved.id, e.id);
  const writes = h.emu.control.requests().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url.replace(/[\w-]{22}/g, 'ID')} ${r.status}`);
  assert.deepEqual(writes, [
    'PATCH /drive/v1/nodes/ID 403',
    'PATCH /drive/v1/nodes/ID 403',
    'PUT /drive/v1/trash/ID 200',
    'PATCH /drive/v1/nodes/ID 200',
    'PUT /drive/v1/nodes/ID/children/ID 200',
    'DELETE /drive/v1/nodes/ID/children/ID 200',
    'POST /drive/v1/trash/ID/restore 200',
  ]);
  assert.equal(String(await readAll(await b.get('fb2/b.txt'))), 'fallback');
  await assert.rejects(b.stat('fb/a.txt'), { code: 'ERR_NOT_FOUND' });
});

test('after a move the backend polls until the listing shows it (C48)', async () => {
  const b = await h.open();
  await put(b, 'lag/a.txt', 'x');
  await b.mkdir('lag2');
  // Moved nodes stay out of listings for a while (the emulator lags parent changes).
  h.emu.control.setFaults({ listingLagMs: 150 });
  try {
    const started = Date.now();
    await b.moveFrom!(b, 'lag/a.txt', 'lag2/a.txt', {});
    assert.ok(Date.now() - started >= 140, 'waited for the listing to catch up');
    // Visible at once when move returns.
    assert.equal((await b.stat('lag2/a.txt')).kind, 'file');
  } finally {
    h.emu.control.resetFaults();
  }
});
