import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { body, collect, put, readAll, startHarness, type Harness } from './testing/support.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

test('discovery goes to <endpoint>account/endpoint, then everything to metadataUrl/contentUrl (C14, C15)', async () => {
  h.emu.control.clearRequests();
  const b = await h.open();
  await b.mkdir('disc');
  const paths = h.emu.control.requests().map((r) => `${r.method} ${r.url}`);
  assert.equal(paths[0], 'GET /drive/v1/account/endpoint');
  assert.ok(paths.slice(1).every((p) => p.includes('/drive/v1/nodes')), paths.join('\n'));
});

test('put streams a new file (multipart, suppress=deduplication) and returns the server md5 and size', async () => {
  const b = await h.open();
  const data = 'hello amazon\n'.repeat(500);
  const entry = await put(b, 'up/hello.txt', data);
  assert.equal(entry.path, 'up/hello.txt');
  assert.equal(entry.kind, 'file');
  assert.equal(entry.size, data.length);
  assert.equal(entry.hashes?.md5, createHash('md5').update(data).digest('hex'));
  assert.equal(entry.mimeType, 'text/plain');
  assert.ok(entry.id && entry.modTime);
  const upload = h.emu.control.requests().find((r) => r.method === 'POST' && r.url.startsWith('/cdproxy/nodes'))!;
  assert.match(upload.url, /suppress=deduplication/);
  assert.equal(await readAll(await b.get('up/hello.txt')).then(String), data);
});

test('an empty file uploads with the md5 of nothing (C51)', async () => {
  const b = await h.open();
  const entry = await put(b, 'empty.bin', '');
  assert.equal(entry.size, 0);
  assert.equal(entry.hashes?.md5, 'd41d8cd98f00b204e9800998ecf8427e');
});

test('put over an existing file overwrites it in place (PUT content, same id)', async () => {
  const b = await h.open();
  const first = await put(b, 'ow.txt', 'one');
  h.emu.control.clearRequests();
  const second = await put(b, 'ow.txt', 'second version');
  assert.equal(second.id, first.id);
  assert.equal(second.size, 14);
  assert.ok(h.emu.control.requests().some((r) => r.method === 'PUT' && r.url === `/cdproxy/nodes/${first.id}/content`));
  assert.equal(String(await readAll(await b.get('ow.txt'))), 'second version');
});

test('ranged reads ask for bytes=a-b and return exactly that slice', async () => {
  const b = await h.open();
  await put(b, 'range.txt', '0123456789abcdef');
  assert.equal(String(await readAll(await b.get('range.txt', { range: { start: 3, end: 7 } }))), '3456');
  assert.equal(String(await readAll(await b.get('range.txt', { range: { start: 10 } }))), 'abcdef');
});

test('list gives entries with modTime, md5, mimeType and id; stat finds files and folders', async () => {
  const b = await h.open();
  await put(b, 'ls/a.txt', 'aaa');
  await b.mkdir('ls/sub');
  const entries = (await collect(b.list('ls'))).sort((x, y) => x.path.localeCompare(y.path));
  assert.deepEqual(entries.map((e) => [e.path, e.kind]), [['ls/a.txt', 'file'], ['ls/sub', 'dir']]);
  assert.equal(entries[0]!.hashes?.md5, createHash('md5').update('aaa').digest('hex'));
  assert.ok(typeof entries[1]!.modTime === 'number');
  assert.equal((await b.stat('ls/sub')).kind, 'dir');
  assert.equal((await b.stat('LS/A.TXT')).size, 3, 'names match without case (C27)');
  await assert.rejects(b.stat('ls/nope'), { code: 'ERR_NOT_FOUND' });
  await assert.rejects(collect(b.list('nope')), { code: 'ERR_NOT_FOUND', exitCode: 3 });
});

test('a remote rooted in a sub folder sees paths relative to it', async () => {
  const b = await h.open();
  await put(b, 'rooted/deep/f.txt', 'x');
  const r = await h.open({ root: 'rooted' });
  assert.deepEqual((await collect(r.list('deep'))).map((e) => e.path), ['deep/f.txt']);
  assert.equal((await r.stat('')).kind, 'dir');
});

test('hash reads the server md5 (C82)', async () => {
  const b = await h.open();
  await put(b, 'h.txt', 'abc');
  assert.equal(await b.hash('h.txt', 'md5'), '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(await b.hash('h.txt', 'sha1'), undefined);
});

test('delete moves a file to the trash (C67); a folder cannot be deleted as a file', async () => {
  const b = await h.open();
  const e = await put(b, 'trashme.txt', 'bye');
  await b.delete('trashme.txt');
  await assert.rejects(b.stat('trashme.txt'), { code: 'ERR_NOT_FOUND' });
  assert.ok(h.emu.control.trash().some((n) => n.id === e.id));
  await b.mkdir('adir');
  await assert.rejects(b.delete('adir'), { code: 'ERR_IS_A_DIRECTORY' });
  await assert.rejects(b.delete('never-there'), { code: 'ERR_NOT_FOUND' });
});

test('rmdir refuses a folder with a child and trashes an empty one; purge trashes a tree (C67)', async () => {
  const b = await h.open();
  await put(b, 'rm/full/f.txt', 'x');
  await b.mkdir('rm/empty');
  await assert.rejects(b.rmdir('rm/full'), { code: 'ERR_DIR_NOT_EMPTY' });
  await b.rmdir('rm/empty');
  await assert.rejects(b.stat('rm/empty'), { code: 'ERR_NOT_FOUND' });
  await b.purge('rm/full');
  assert.deepEqual(await collect(b.list('rm')), []);
  await assert.rejects(b.rmdir(''), /root folder/);
});

test('put into a path whose parent is a file fails clearly; a folder cannot be overwritten by a file', async () => {
  const b = await h.open();
  await put(b, 'plain.txt', 'x');
  await assert.rejects(put(b, 'plain.txt/child', 'y'), { code: 'ERR_NOT_A_DIRECTORY' });
  await b.mkdir('isdir');
  await assert.rejects(put(b, 'isdir', 'y'), { code: 'ERR_IS_A_DIRECTORY' });
});

test('capabilities: md5, modtime readable but not settable, case-insensitive, trash, no copy', async () => {
  const b = await h.open();
  assert.deepEqual(b.capabilities.hashes, ['md5']);
  assert.deepEqual(b.capabilities.modTime, { read: true, write: false, precisionMs: 1 });
  assert.equal(b.capabilities.caseInsensitive, true);
  assert.equal(b.capabilities.deleteIsTrash, true);
  assert.equal(b.capabilities.serverSideCopy, false);
  assert.equal(b.capabilities.serverSideMove, true);
  assert.equal(b.capabilities.maxFileSize, 52_428_800_000);
  assert.equal('setModTime' in b, false, 'SetModTime is unsupported (C83)');
});

test('the endpoints are discovered once per opened remote and kept in memory only (C16)', async () => {
  h.emu.control.clearRequests();
  const b = await h.open();
  await b.mkdir('once');
  await collect(b.list('once'));
  await put(b, 'once/f', 'x');
  assert.equal(h.emu.control.requests().filter((r) => r.url === '/drive/v1/account/endpoint').length, 1);
});

test('two nodes with one name is an error, not a guess (C39)', async () => {
  const b = await h.open();
  await b.mkdir('twins');
  const id = (await b.stat('twins')).id!;
  await h.emu.control.plantNode({ parentId: id, name: 'same.txt', content: '1' });
  await h.emu.control.plantNode({ parentId: id, name: 'SAME.txt', content: '2' });
  await assert.rejects(b.stat('twins/same.txt'), (e: unknown) =>
    (e as { code?: string }).code === 'ERR_ACD_INCONSISTENT' && /Too many nodes/.test((e as Error).message));
});

test('an upload over 50000 MiB is warned about and still attempted (C61)', async () => {
  const b = await h.open();
  // The declared size is what the check reads; the bytes sent are few.
  const { stream } = body('tiny');
  await b.put('huge.bin', stream, { size: 52_428_800_001 }).catch(() => undefined);
  assert.ok(h.logs.some((l) => l.startsWith('NOTICE') && /huge\.bin.*50000 MiB.*--max-size 50000M/.test(l)));
});

test('calls are spaced at least 20 ms apart by the ACD pacer (C78)', async () => {
  // The pacer runs on a fake clock that moves only when the pacer sleeps, so the
  // spacing read here is the pacer's own, free of timer and network jitter.
  let clock = 0;
  const starts: number[] = [];
  const pacerClock = {
    now: () => clock,
    sleep: async (ms: number) => { clock += ms; },
  };
  const b = await h.open({ internals: { pacer: {}, pacerClock } });
  await b.mkdir('paced');
  h.emu.control.clearRequests();
  const before = h.emu.control.requests().length;
  for (let i = 0; i < 4; i++) {
    await b.stat('paced');
    starts.push(clock);
  }
  assert.ok(h.emu.control.requests().length - before >= 4, 'each stat reached the server');
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 20, `gap ${starts[i]! - starts[i - 1]!} ms`);
});

test('a put into a folder just listed or created skips the name lookup; one already there is still found and overwritten', async () => {
  const b = await h.open();
  await put(b, 'known/old.txt', 'old');
  await collect(b.list('known'));
  h.emu.control.clearRequests();
  await put(b, 'known/new.txt', 'new');
  const lookups = () => h.emu.control.requests().filter((r) => r.method === 'GET' && decodeURIComponent(r.url.replace(/\+/g, ' ')).includes(' AND name:'));
  assert.deepEqual(lookups().map((r) => r.url), [], 'no lookup for a name the listing did not have');
  const again = await put(b, 'known/old.txt', 'replaced');
  assert.equal(lookups().length, 1, 'the listed name is looked up, to overwrite it');
  assert.equal(String(await readAll(await b.get('known/old.txt'))), 'replaced');
  assert.equal(again.size, 8);

  h.emu.control.clearRequests();
  await put(b, 'fresh/sub/a.txt', 'a');
  await put(b, 'fresh/sub/b.txt', 'b');
  const fileLookups = lookups().filter((r) => /a\.txt|b\.txt/.test(decodeURIComponent(r.url)));
  assert.deepEqual(fileLookups, [], 'folders this backend created are known to be empty');
});

test('a name that appeared since the listing makes the put fail as retryable, and the retry overwrites it', async () => {
  const b = await h.open();
  await b.mkdir('raced');
  await collect(b.list('raced'));
  const folder = h.emu.control.nodes().find((n) => n.name === 'raced')!;
  await h.emu.control.plantNode({ parentId: folder.id, name: 'x.txt', content: 'theirs' });
  await assert.rejects(put(b, 'raced/x.txt', 'ours'), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'ERR_RETRYABLE');
    assert.match(err.message, /appeared in its folder since it was listed/);
    return true;
  });
  await put(b, 'raced/x.txt', 'ours');
  assert.equal(String(await readAll(await b.get('raced/x.txt'))), 'ours');
  const names = (await collect(b.list('raced'))).map((e) => e.path);
  assert.deepEqual(names, ['raced/x.txt']);
});
