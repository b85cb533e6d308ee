import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync, utimesSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { formatError, NotFoundError, Pacer, RetryableError, UnauthorizedError, type Backend } from '@rsyncish/core';
import { s3Backend } from './definition.js';
import { readS3Options } from './options.js';
import { S3Client } from './s3-client.js';
import { createSigner } from './signer.js';
import {
  ACCESS_KEY, collect, ENDPOINT, generated, hasRclone, MiB, peakRssGrowth, rcloneRunner, readAll, s3Context, SECRET_KEY, startServer, tempDir, uniqueBucket,
} from './testing/support.js';
import { xmlBlocks } from './xml.js';

const server = startServer();
const skip = server.skip;

describe('s3 backend against Swift s3api', { skip }, () => {
  const bucket = uniqueBucket('be');
  let b: Backend;
  let raw: S3Client;

  before(async () => {
    b = await s3Backend.create(s3Context({ list_chunk: 2 }, bucket));
    await b.mkdir('');
    raw = new S3Client({
      endpoint: new URL(ENDPOINT),
      forcePathStyle: true,
      signer: await createSigner({ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY }, 'us-east-1'),
      pacer: new Pacer({ attempts: 3 }),
    });
  });
  after(async () => {
    await b?.close?.();
    await raw?.close();
  });

  const put = (path: string, content: string | Buffer, modTime?: number) =>
    b.put(path, Readable.from([Buffer.from(content)]), { size: Buffer.byteLength(content), modTime });

  test('a listing pages through ListObjectsV2 continuation tokens (list_chunk 2) and shows each file and folder once', async () => {
    for (const n of ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']) await put(`paged/${n}`, n);
    await put('paged/sub1/x', 'x');
    await put('paged/sub2/deeper/y', 'y');
    const entries = await collect(b.list('paged'));
    assert.deepEqual(entries.map((e) => `${e.kind}:${e.path}`).sort(), [
      'dir:paged/sub1', 'dir:paged/sub2',
      'file:paged/a.txt', 'file:paged/b.txt', 'file:paged/c.txt', 'file:paged/d.txt', 'file:paged/e.txt',
    ]);
    const pages = xmlBlocks(await raw.text({ method: 'GET', bucket, query: { 'list-type': '2', prefix: 'paged/', delimiter: '/', 'max-keys': '2' } }), 'NextContinuationToken');
    assert.equal(pages.length, 1, 'a first page of 2 keys carries a continuation token');
    assert.equal((await b.stat('paged/sub2')).kind, 'dir');
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

  test('a small put is one PUT: the ETag is the md5, the mtime metadata reads back, ranges are exact', async () => {
    const content = 'hello, s3 range test';
    const entry = await put('small/hello.txt', content, Date.UTC(2020, 8, 13, 12, 26, 40, 123));
    const md5 = createHash('md5').update(content).digest('hex');
    assert.equal(entry.hashes?.md5, md5);
    const st = await b.stat('small/hello.txt');
    assert.equal(st.modTime, Date.UTC(2020, 8, 13, 12, 26, 40, 123));
    assert.equal(st.hashes?.md5, md5);
    assert.equal(await b.hash!('small/hello.txt', 'md5'), md5);
    assert.equal((await readAll(await b.get('small/hello.txt', { range: { start: 7, end: 9 } }))).toString(), 's3');
    assert.equal((await readAll(await b.get('small/hello.txt', { range: { start: 16 } }))).toString(), 'test');
    assert.equal((await readAll(await b.get('small/hello.txt', { range: { start: 100 } }))).length, 0);
  });

  test('a 300 MiB stream goes up multipart with RSS growth bounded by the parts in flight; md5 metadata and content read back', async () => {
    const size = 300 * MiB;
    const probe = generated(size, 3);
    for await (const _ of probe.stream) void _;
    const md5 = probe.md5();
    const source = generated(size, 3);
    const { result: entry, growth } = await peakRssGrowth(() =>
      b.put('big/300.bin', source.stream, { size, modTime: Date.UTC(2021, 0, 2, 3, 4, 5, 678), hashes: { md5 } }));
    console.log(`# s3: 300 MiB multipart put grew RSS by ${(growth / MiB).toFixed(1)} MiB (chunk_size 5M x upload_concurrency 4)`);
    assert.ok(growth < 96 * MiB, `RSS grew by ${(growth / MiB).toFixed(1)} MiB`);
    assert.equal(entry.size, size);
    const head = await raw.call({ method: 'HEAD', bucket, key: 'big/300.bin' });
    head.body.resume();
    assert.match(head.header('etag') ?? '', /^"?[0-9a-f]{32}-60"?$/, 'a multipart ETag of 60 parts of 5 MiB');
    const st = await b.stat('big/300.bin');
    assert.equal(st.size, size);
    assert.equal(st.hashes?.md5, md5, 'md5 from X-Amz-Meta-Md5chksum');
    assert.equal(st.modTime, Date.UTC(2021, 0, 2, 3, 4, 5, 678));
    const { result: readMd5, growth: readGrowth } = await peakRssGrowth(async () => {
      const h = createHash('md5');
      for await (const c of await b.get('big/300.bin')) h.update(c as Buffer);
      return h.digest('hex');
    });
    console.log(`# s3: 300 MiB get grew RSS by ${(readGrowth / MiB).toFixed(1)} MiB`);
    assert.equal(readMd5, md5);
    assert.ok(readGrowth < 96 * MiB);
  });

  test('a stream of unknown size goes multipart above chunk_size and is stored exactly; one that fits a part is one PUT', async () => {
    const src = generated(12 * MiB + 5, 4);
    const entry = await b.put('unknown/12m.bin', src.stream, { size: -1 });
    assert.equal(entry.size, 12 * MiB + 5);
    assert.equal(entry.hashes, undefined, 'no md5 was known for the multipart upload');
    const back = createHash('md5').update(await readAll(await b.get('unknown/12m.bin'))).digest('hex');
    assert.equal(back, src.md5());
    const small = await b.put('unknown/small.txt', Readable.from([Buffer.from('tiny')]), { size: -1 });
    assert.equal(small.size, 4);
    assert.equal(small.hashes?.md5, createHash('md5').update('tiny').digest('hex'));
  });

  test('a source failing mid-way through a multipart upload aborts it: no upload is left on the server, no object appears', async () => {
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent >= 11 * MiB) return void this.destroy(new Error('disk read error'));
        sent += MiB;
        this.push(Buffer.alloc(MiB, 1));
      },
    });
    await assert.rejects(b.put('aborted/file.bin', failing, { size: 250 * MiB }), /disk read error/);
    const uploads = await raw.text({ method: 'GET', bucket, query: { uploads: '', prefix: 'aborted/' } });
    assert.deepEqual(xmlBlocks(uploads, 'Upload'), [], 'ListMultipartUploads shows nothing in progress');
    await assert.rejects(b.stat('aborted/file.bin'), NotFoundError);
  });

  test('server-side copy (CopyObject) keeps content, md5 and mtime; setModTime rewrites the metadata in place', async () => {
    await put('copy/src.txt', 'copied bytes', 1_600_000_000_123);
    const copied = (await b.copyFrom!(b, 'copy/src.txt', 'copy/deep/dst.txt', { size: 12 }))!;
    assert.equal(copied.modTime, 1_600_000_000_123);
    assert.equal(copied.hashes?.md5, createHash('md5').update('copied bytes').digest('hex'));
    assert.equal((await readAll(await b.get('copy/deep/dst.txt'))).toString(), 'copied bytes');
    await b.setModTime!('copy/deep/dst.txt', 1_700_000_000_456);
    const st = await b.stat('copy/deep/dst.txt');
    assert.equal(st.modTime, 1_700_000_000_456);
    assert.equal(st.hashes?.md5, copied.hashes?.md5);
    assert.equal((await b.stat('copy/src.txt')).modTime, 1_600_000_000_123);
  });

  test('rmdir of a bucket with objects is refused; of an empty bucket removes it', async () => {
    const other = uniqueBucket('rm');
    const root = await s3Backend.create(s3Context({}));
    await root.mkdir(other);
    await root.put(`${other}/f`, Readable.from([Buffer.from('x')]), { size: 1 });
    await assert.rejects(root.rmdir(other), /not empty/);
    await root.delete(`${other}/f`);
    await root.rmdir(other);
    await assert.rejects(root.stat(other), (e: unknown) => e instanceof NotFoundError && e.exitCode === 3);
    await root.close?.();
  });

  test('rclone 1.60 reads what rsyncish wrote (sizes, md5s, modtimes, multipart md5) and rsyncish reads what rclone wrote', { skip: hasRclone() ? false : 'rclone is not installed' }, async () => {
    const rclone = rcloneRunner(tempDir());
    await put('interop/ours.txt', 'written by rsyncish', Date.UTC(2019, 4, 6, 7, 8, 9, 10));
    const listed = JSON.parse(await rclone(['lsjson', '--hash', '-R', `s3:${bucket}/interop`])) as { Path: string; Size: number; ModTime: string; Hashes?: { md5?: string } }[];
    const ours = listed.find((e) => e.Path === 'ours.txt')!;
    assert.equal(ours.Size, 19);
    assert.equal(Date.parse(ours.ModTime), Date.UTC(2019, 4, 6, 7, 8, 9, 10));
    assert.equal(ours.Hashes?.md5, createHash('md5').update('written by rsyncish').digest('hex'));
    const big = JSON.parse(await rclone(['lsjson', '--hash', `s3:${bucket}/big`])) as typeof listed;
    const st = await b.stat('big/300.bin').catch(() => undefined);
    if (st) {
      assert.equal(big[0]!.Hashes?.md5, st.hashes?.md5, 'rclone reads our Md5chksum of a multipart object');
      assert.equal(Date.parse(big[0]!.ModTime), st.modTime);
    }

    const local = tempDir();
    mkdirSync(join(local, 'd'));
    writeFileSync(join(local, 'd', 'theirs.txt'), 'written by rclone');
    const bigContent = Buffer.alloc(12 * MiB + 3, 9);
    writeFileSync(join(local, 'd', 'theirs-big.bin'), bigContent);
    // .5 s is exact in the float seconds utimes takes, so the file really has 500 ms.
    const when = new Date(Date.UTC(2018, 1, 2, 3, 4, 5, 500));
    utimesSync(join(local, 'd', 'theirs.txt'), when, when);
    utimesSync(join(local, 'd', 'theirs-big.bin'), when, when);
    await rclone(['copy', '--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M', join(local, 'd'), `s3:${bucket}/fromrclone`]);
    const theirs = await b.stat('fromrclone/theirs.txt');
    assert.equal(theirs.size, 17);
    assert.equal(theirs.modTime, when.getTime());
    assert.equal(theirs.hashes?.md5, createHash('md5').update('written by rclone').digest('hex'));
    const theirsBig = await b.stat('fromrclone/theirs-big.bin');
    assert.equal(theirsBig.size, bigContent.length);
    assert.equal(theirsBig.modTime, when.getTime());
    assert.equal(theirsBig.hashes?.md5, createHash('md5').update(bigContent).digest('hex'), 'md5 from rclone\'s Md5chksum of its multipart upload');
    assert.ok((await readAll(await b.get('fromrclone/theirs-big.bin'))).equals(bigContent));
  });
});

describe('s3 errors name the cause and say what to do', { skip }, () => {
  test('a wrong secret is Unauthorized (SigV4 SignatureDoesNotMatch) with a hint about the keys', async () => {
    const bad = await s3Backend.create(s3Context({ secret_access_key: 'not-the-secret' }));
    await assert.rejects(collect(bad.list('')), (e: unknown) => {
      assert.ok(e instanceof UnauthorizedError, String(e));
      assert.match(e.message, /SignatureDoesNotMatch/);
      assert.match(e.hint ?? '', /check access_key_id and secret_access_key/);
      assert.doesNotMatch(formatError(e), /\n|testing/);
      return true;
    });
    await bad.close?.();
  });

  test('a missing bucket is NotFound (directory, exit 3) naming the bucket', async () => {
    const missing = uniqueBucket('missing');
    const be = await s3Backend.create(s3Context({}, missing));
    await assert.rejects(collect(be.list('')), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.exitCode, 3);
      assert.match(e.message, new RegExp(`bucket "${missing}" not found`));
      assert.match(e.hint ?? '', /rsyncish mkdir s3test:/);
      return true;
    });
    await assert.rejects(be.get('some/file'), (e: unknown) => e instanceof NotFoundError && e.message.includes(missing));
    await be.close?.();
  });

  test('an unreachable endpoint is Retryable, retried low_level_retries times, and names the endpoint', async () => {
    const port = await closedPort();
    const be = await s3Backend.create(s3Context({ endpoint: `http://127.0.0.1:${port}` }, 'bucket', 2));
    const started = Date.now();
    await assert.rejects(be.stat('x'), (e: unknown) => {
      assert.ok(e instanceof RetryableError, String(e));
      assert.match(e.message, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}: connection refused`));
      assert.match(e.hint ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
      return true;
    });
    assert.ok(Date.now() - started < 10_000);
    await be.close?.();
  });
});

test('options: rclone defaults, sizes parsed, chunk_size at least 5 MiB', () => {
  const o = readS3Options({});
  assert.equal(o.uploadCutoff, 200 * MiB);
  assert.equal(o.chunkSize, 5 * MiB);
  assert.equal(o.uploadConcurrency, 4);
  assert.equal(o.forcePathStyle, true);
  assert.equal(o.region, 'us-east-1');
  assert.equal(readS3Options({ chunk_size: MiB }).chunkSize, 5 * MiB);
  assert.equal(readS3Options({ chunk_size: 64 * MiB, upload_concurrency: 8 }).uploadConcurrency, 8);
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
