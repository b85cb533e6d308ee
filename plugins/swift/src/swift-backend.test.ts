import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { formatError, NotFoundError, RetryableError, UnauthorizedError, type Backend } from '@rsyncish/core';
import { swiftBackend } from './definition.js';
import { readSwiftOptions } from './options.js';
import {
  collect, ENDPOINT, generated, hasRclone, MiB, peakRssGrowth, rcloneRunner, readAll, startServer, swiftContext, tempDir, uniqueContainer,
} from './testing/support.js';

const server = startServer();
const skip = server.skip;
const STORAGE_URL = `${ENDPOINT}/v1/AUTH_test`;

describe('swift backend against a local Swift', { skip }, () => {
  const container = uniqueContainer('be');
  let b: Backend;
  /** The same account from its root, to look into `<container>_segments`. */
  let account: Backend;

  before(async () => {
    b = await swiftBackend.create(swiftContext({ list_chunk: 2, chunk_size: 100 * MiB }, container));
    account = await swiftBackend.create(swiftContext({}));
    await b.mkdir('');
  });
  after(async () => {
    await b?.close?.();
    await account?.close?.();
  });

  const put = (path: string, content: string | Buffer, modTime?: number) =>
    b.put(path, Readable.from([Buffer.from(content)]), { size: Buffer.byteLength(content), modTime });
  const segments = async (prefix: string) =>
    collect(account.list(`${container}_segments/${prefix}`)).catch((e: unknown) => {
      if (e instanceof NotFoundError) return [];
      throw e;
    });

  test('a listing pages with markers (list_chunk 2) and shows each file and pseudo-folder once', async () => {
    for (const n of ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']) await put(`paged/${n}`, n);
    await put('paged/sub1/x', 'x');
    await put('paged/sub2/deeper/y', 'y');
    const entries = await collect(b.list('paged'));
    assert.deepEqual(entries.map((e) => `${e.kind}:${e.path}`), [
      'file:paged/a.txt', 'file:paged/b.txt', 'file:paged/c.txt', 'file:paged/d.txt', 'file:paged/e.txt',
      'dir:paged/sub1', 'dir:paged/sub2',
    ]);
    assert.equal((await b.stat('paged/sub2/deeper')).kind, 'dir');
  });

  test('listRecursive pages too (list_chunk 2): each file below once, with its modtime, and each folder its keys imply', async () => {
    const when = Date.parse('2024-02-03T04:05:06.789Z');
    for (const p of ['r/a.txt', 'r/b/c.txt', 'r/b/d/e.txt', 'r/b/d/f.txt', 'r/g/h/i.txt']) await put(p, p, when);
    const entries = await collect(b.listRecursive!('r'));
    assert.deepEqual(entries.map((e) => `${e.kind}:${e.path}`).sort(), [
      'dir:r/b', 'dir:r/b/d', 'dir:r/g', 'dir:r/g/h',
      'file:r/a.txt', 'file:r/b/c.txt', 'file:r/b/d/e.txt', 'file:r/b/d/f.txt', 'file:r/g/h/i.txt',
    ]);
    assert.ok(entries.every((e) => e.kind === 'dir' || e.modTime === when), 'files carry their stored modtime');
    await assert.rejects(collect(b.listRecursive!('r/none')), NotFoundError);
  });

  test('a small put is one object: the ETag is the md5, X-Object-Meta-Mtime reads back, ranges are exact', async () => {
    const content = 'hello, swift range test';
    const entry = await put('small/hello.txt', content, Date.UTC(2020, 8, 13, 12, 26, 40, 123));
    const md5 = createHash('md5').update(content).digest('hex');
    assert.equal(entry.hashes?.md5, md5);
    const st = await b.stat('small/hello.txt');
    assert.equal(st.modTime, Date.UTC(2020, 8, 13, 12, 26, 40, 123));
    assert.equal(await b.hash!('small/hello.txt', 'md5'), md5);
    assert.equal((await readAll(await b.get('small/hello.txt', { range: { start: 7, end: 12 } }))).toString(), 'swift');
    assert.equal((await readAll(await b.get('small/hello.txt', { range: { start: 19 } }))).toString(), 'test');
  });

  test('a 300 MiB stream with chunk_size 100M becomes 3 streamed segments and a DLO manifest; RSS grows less than one segment; it has no md5', async () => {
    const size = 300 * MiB;
    const source = generated(size, 5);
    const { result: entry, growth } = await peakRssGrowth(() =>
      b.put('big/300.bin', source.stream, { size, modTime: Date.UTC(2021, 0, 2, 3, 4, 5, 678) }));
    console.log(`# swift: 300 MiB segmented put grew RSS by ${(growth / MiB).toFixed(1)} MiB (segments streamed, chunk_size 100M)`);
    // Buffering one segment would already cost 100 MiB.
    assert.ok(growth < 96 * MiB, `RSS grew by ${(growth / MiB).toFixed(1)} MiB`);
    assert.equal(entry.size, size);
    assert.equal(entry.hashes, undefined);
    const segs = await collect(account.list(`${container}_segments/big/300.bin`));
    assert.equal(segs.length, 1, 'one upload: <object>/<time>/...');
    const parts = (await collect(account.list(`${segs[0]!.path}/${size}`)));
    assert.deepEqual(parts.map((p) => p.path.split('/').pop()), ['00000000', '00000001', '00000002']);
    const st = await b.stat('big/300.bin');
    assert.equal(st.size, size);
    assert.equal(st.modTime, Date.UTC(2021, 0, 2, 3, 4, 5, 678));
    assert.equal(st.hashes, undefined, 'a segmented object has no content md5');
    assert.equal(await b.hash!('big/300.bin', 'md5'), undefined);
    const h = createHash('md5');
    for await (const c of await b.get('big/300.bin')) h.update(c as Buffer);
    assert.equal(h.digest('hex'), source.md5());
    // setModTime POSTs metadata; the manifest header must survive it.
    await b.setModTime!('big/300.bin', 1_700_000_000_456);
    const after = await b.stat('big/300.bin');
    assert.equal(after.modTime, 1_700_000_000_456);
    assert.equal(after.size, size);
  });

  test('overwriting or deleting a segmented object removes its segments', async () => {
    const be = await swiftBackend.create(swiftContext({ chunk_size: MiB }, container));
    await be.put('seg/f.bin', Readable.from([Buffer.alloc(3 * MiB, 2)]), { size: 3 * MiB });
    assert.equal((await segments('seg/f.bin')).length, 1);
    await be.put('seg/f.bin', Readable.from([Buffer.from('small now')]), { size: 9 });
    assert.deepEqual(await segments('seg/f.bin'), []);
    assert.equal((await readAll(await be.get('seg/f.bin'))).toString(), 'small now');
    await be.put('seg/g.bin', Readable.from([Buffer.alloc(2 * MiB + 1, 3)]), { size: -1 });
    assert.equal((await be.stat('seg/g.bin')).size, 2 * MiB + 1, 'unknown size: segmented like rclone');
    await be.delete('seg/g.bin');
    assert.deepEqual(await segments('seg/g.bin'), []);
    await be.close?.();
  });

  test('a source failing during a segmented upload leaves no object and no segments', async () => {
    const be = await swiftBackend.create(swiftContext({ chunk_size: MiB }, container));
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent >= 2 * MiB + 512 * 1024) return void this.destroy(new Error('disk read error'));
        sent += 256 * 1024;
        this.push(Buffer.alloc(256 * 1024, 1));
      },
    });
    await assert.rejects(be.put('failed/file.bin', failing, { size: 8 * MiB }), /disk read error/);
    await assert.rejects(be.stat('failed/file.bin'), NotFoundError);
    assert.deepEqual(await segments('failed/file.bin'), []);
    await be.close?.();
  });

  test('server-side copy (X-Copy-From) keeps content, md5 and mtime', async () => {
    await put('copy/src.txt', 'copied bytes', 1_600_000_000_123);
    const copied = (await b.copyFrom!(b, 'copy/src.txt', 'copy/deep/dst.txt', { size: 12 }))!;
    assert.equal(copied.modTime, 1_600_000_000_123);
    assert.equal(copied.hashes?.md5, createHash('md5').update('copied bytes').digest('hex'));
    assert.equal((await readAll(await b.get('copy/deep/dst.txt'))).toString(), 'copied bytes');
  });

  test('a refused token (401) makes the backend log in again once and repeat the request', async () => {
    const be = await swiftBackend.create(swiftContext({ storage_url: STORAGE_URL, auth_token: 'AUTH_tkexpired0000000000000000000' }, container));
    assert.ok((await collect(be.list('small'))).some((e) => e.path === 'small/hello.txt'));
    await be.close?.();
    const noLogin = await swiftBackend.create(swiftContext({ user: '', key: '', auth: '', storage_url: STORAGE_URL, auth_token: 'AUTH_tkexpired0000000000000000000' }, container));
    await assert.rejects(collect(noLogin.list('')), (e: unknown) => e instanceof UnauthorizedError && /auth_token was refused/.test(e.hint ?? ''));
    await noLogin.close?.();
  });

  test('rclone 1.60 reads what rsyncish wrote (sizes, md5s, modtimes; no md5 for segments) and rsyncish reads what rclone wrote', { skip: hasRclone() ? false : 'rclone is not installed' }, async () => {
    const rclone = rcloneRunner(tempDir());
    const be = await swiftBackend.create(swiftContext({ chunk_size: MiB }, container));
    await be.put('interop/ours.txt', Readable.from([Buffer.from('written by rsyncish')]), { size: 19, modTime: Date.UTC(2019, 4, 6, 7, 8, 9, 10) });
    await be.put('interop/ours-big.bin', Readable.from([Buffer.alloc(3 * MiB, 4)]), { size: 3 * MiB, modTime: Date.UTC(2019, 4, 6, 7, 8, 9, 10) });
    type Listed = { Path: string; Size: number; ModTime: string; Hashes?: { md5?: string } };
    const listed = JSON.parse(await rclone(['lsjson', '--hash', `sw:${container}/interop`])) as Listed[];
    const ours = listed.find((e) => e.Path === 'ours.txt')!;
    assert.equal(ours.Size, 19);
    assert.equal(Date.parse(ours.ModTime), Date.UTC(2019, 4, 6, 7, 8, 9, 10));
    assert.equal(ours.Hashes?.md5, createHash('md5').update('written by rsyncish').digest('hex'));
    const big = listed.find((e) => e.Path === 'ours-big.bin')!;
    assert.equal(big.Size, 3 * MiB);
    assert.equal(Date.parse(big.ModTime), Date.UTC(2019, 4, 6, 7, 8, 9, 10));
    assert.ok(!big.Hashes?.md5, 'rclone also has no md5 for a segmented object');
    const catted = await rclone(['md5sum', `sw:${container}/interop`]);
    assert.match(catted, new RegExp(`${createHash('md5').update(Buffer.alloc(3 * MiB, 4)).digest('hex')}|\\s+ours-big\\.bin`));

    const local = tempDir();
    mkdirSync(join(local, 'd'));
    writeFileSync(join(local, 'd', 'theirs.txt'), 'written by rclone');
    const bigContent = Buffer.alloc(3 * MiB + 3, 9);
    writeFileSync(join(local, 'd', 'theirs-big.bin'), bigContent);
    const when = new Date(Date.UTC(2018, 1, 2, 3, 4, 5, 500));
    utimesSync(join(local, 'd', 'theirs.txt'), when, when);
    utimesSync(join(local, 'd', 'theirs-big.bin'), when, when);
    await rclone(['copy', '--swift-chunk-size', '1M', join(local, 'd'), `sw:${container}/fromrclone`]);
    const theirs = await be.stat('fromrclone/theirs.txt');
    assert.equal(theirs.size, 17);
    assert.equal(theirs.modTime, when.getTime());
    assert.equal(theirs.hashes?.md5, createHash('md5').update('written by rclone').digest('hex'));
    const theirsBig = await be.stat('fromrclone/theirs-big.bin');
    assert.equal(theirsBig.size, bigContent.length);
    assert.equal(theirsBig.modTime, when.getTime());
    assert.equal(theirsBig.hashes, undefined);
    assert.ok((await readAll(await be.get('fromrclone/theirs-big.bin'))).equals(bigContent));
    // rclone's segments are ours to clean up too: a delete removes them.
    await be.delete('fromrclone/theirs-big.bin');
    assert.deepEqual(await segments('fromrclone/theirs-big.bin'), []);
    await be.close?.();
  });
});

describe('swift errors name the cause and say what to do', { skip }, () => {
  test('a wrong key is Unauthorized naming the auth URL, with a hint about user and key', async () => {
    const bad = await swiftBackend.create(swiftContext({ key: 'not-the-key' }));
    await assert.rejects(collect(bad.list('')), (e: unknown) => {
      assert.ok(e instanceof UnauthorizedError, String(e));
      assert.match(e.message, /auth\/v1\.0 refused the credentials of user "test:tester"/);
      assert.match(e.hint ?? '', /check user and key/);
      assert.doesNotMatch(formatError(e), /\n|not-the-key/);
      return true;
    });
    await bad.close?.();
  });

  test('a missing container is NotFound (directory, exit 3) naming the container', async () => {
    const missing = uniqueContainer('missing');
    const be = await swiftBackend.create(swiftContext({}, missing));
    for (const op of [() => collect(be.list('')), () => be.get('some/file')]) {
      await assert.rejects(op(), (e: unknown) => {
        assert.ok(e instanceof NotFoundError);
        assert.equal(e.exitCode, 3);
        assert.match(e.message, new RegExp(`container "${missing}" not found`));
        assert.match(e.hint ?? '', /rsyncish mkdir swtest:/);
        return true;
      });
    }
    await be.close?.();
  });

  test('an unreachable auth endpoint is Retryable and names the endpoint', async () => {
    const port = await closedPort();
    const be = await swiftBackend.create({ ...swiftContext({ auth: `http://127.0.0.1:${port}/auth/v1.0` }, 'c', 2) });
    await assert.rejects(be.stat('x'), (e: unknown) => {
      assert.ok(e instanceof RetryableError, String(e));
      assert.match(e.message, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}: connection refused`));
      return true;
    });
    await be.close?.();
  });
});

test('options: rclone defaults (5G chunks) and sizes parsed', () => {
  const o = readSwiftOptions({});
  assert.equal(o.chunkSize, 5 * 1024 * MiB);
  assert.equal(o.noChunk, false);
  assert.equal(o.endpointType, 'public');
  assert.equal(readSwiftOptions({ chunk_size: 10 * MiB, no_chunk: true }).chunkSize, 10 * MiB);
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
