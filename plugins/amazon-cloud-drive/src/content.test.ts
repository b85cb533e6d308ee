import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { RetryableError } from '@rsyncish/core';
import { put, readAll, startHarness, type Harness } from './testing/support.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

const big = Buffer.alloc(5000, 'z');

test('files at or above templink_threshold download through an unauthenticated tempLink (C59, C60)', async () => {
  const b = await h.open({ options: { templink_threshold: 4096 } });
  await put(b, 'tl/big.bin', big);
  await put(b, 'tl/small.bin', 'small');
  h.emu.control.setFaults({ downloadWall: 4096, downloadWallMode: 'forbid' });
  try {
    h.emu.control.clearRequests();
    assert.deepEqual(await readAll(await b.get('tl/big.bin')), big);
    assert.equal(String(await readAll(await b.get('tl/big.bin', { range: { start: 4990, end: 4995 } }))), 'zzzzz');
    assert.equal(String(await readAll(await b.get('tl/small.bin'))), 'small');
  } finally {
    h.emu.control.resetFaults();
  }
  const reqs = h.emu.control.requests();
  const asked = reqs.filter((r) => r.url.includes('tempLink=true'));
  const fetched = reqs.filter((r) => r.url.startsWith('/cdproxy/templink/'));
  assert.equal(asked.length, 2);
  assert.equal(fetched.length, 2);
  assert.ok(asked.every((r) => r.authorization), 'the tempLink is asked for with the token');
  assert.ok(fetched.every((r) => !r.authorization), 'and fetched without it');
  assert.ok(!reqs.some((r) => r.url.includes('/content') && r.url.includes('big')));
});

test('below the threshold a walled file redirects to a presigned URL, fetched without Authorization (C59)', async () => {
  const b = await h.open();
  await put(b, 'wall/big.bin', big);
  h.emu.control.setFaults({ downloadWall: 4096, downloadWallMode: 'redirect' });
  try {
    h.emu.control.clearRequests();
    assert.deepEqual(await readAll(await b.get('wall/big.bin')), big);
  } finally {
    h.emu.control.resetFaults();
  }
  const presigned = h.emu.control.requests().filter((r) => r.url.startsWith('/_s3/'));
  assert.equal(presigned.length, 1);
  assert.equal(presigned[0]!.authorization, false);
  assert.equal(presigned[0]!.status, 200);
});

test('a ghost upload (error reply, file appears later) is accepted by the upload check (C79)', async () => {
  const b = await h.open({ options: { upload_wait_per_gb: 3_600_000_000 } });
  const data = 'ghost data '.repeat(100);
  h.emu.control.setFaults({ ghostUploadRate: 1, ghostUploadDelayMs: 150, ghostUploadStatuses: [504] });
  let entry;
  try {
    h.emu.control.clearRequests();
    entry = await put(b, 'ghost/file.txt', data);
  } finally {
    h.emu.control.resetFaults();
  }
  assert.equal(entry.size, data.length);
  assert.equal(entry.hashes?.md5, createHash('md5').update(data).digest('hex'));
  const uploads = h.emu.control.requests().filter((r) => r.method === 'POST' && r.url.startsWith('/cdproxy/nodes'));
  assert.deepEqual(uploads.map((u) => u.status), [504], 'the upload itself is never retried');
  assert.ok(h.logs.some((l) => /arrived/.test(l)));
});

test('with upload_wait_per_gb 0 the upload error is returned, and nothing is retried at the low level', async () => {
  const b = await h.open({ options: { upload_wait_per_gb: 0 } });
  h.emu.control.setFaults({ ghostUploadRate: 1, ghostUploadDelayMs: 0, ghostUploadStatuses: [500] });
  try {
    h.emu.control.clearRequests();
    await assert.rejects(put(b, 'ghost/nowait.txt', 'data'), RetryableError);
  } finally {
    h.emu.control.resetFaults();
  }
  assert.equal(h.emu.control.requests().filter((r) => r.method === 'POST' && r.url.startsWith('/cdproxy/nodes')).length, 1);
});

test('the upload check gives up after size × upload_wait_per_gb when the file never appears', async () => {
  // A wait of ~2 polls for this size; the ghost stays hidden for a minute.
  const data = Buffer.alloc(1024, 'g');
  const perGiB = Math.round((2 * 50 * 1024 ** 3) / data.length);
  const b = await h.open({ options: { upload_wait_per_gb: perGiB } });
  h.emu.control.setFaults({ ghostUploadRate: 1, ghostUploadDelayMs: 60_000, ghostUploadStatuses: [408] });
  try {
    h.emu.control.clearRequests();
    await assert.rejects(put(b, 'ghost/never.bin', data), (e: unknown) => e instanceof RetryableError && /HTTP 408/.test(e.message));
  } finally {
    h.emu.control.resetFaults();
  }
  const lookups = h.emu.control.requests().filter((r) => r.url.includes('name%3A%22never.bin'));
  // One lookup before the upload (does it exist?) and two by the check.
  assert.equal(lookups.length, 3);
});

test('Ctrl-C while the upload check waits for a ghost upload ends the wait at once', async () => {
  // A thousand polls' worth of waiting; the ghost stays hidden for a minute.
  const data = Buffer.alloc(1024, 'c');
  const perGiB = Math.round((1000 * 50 * 1024 ** 3) / data.length);
  const b = await h.open({ options: { upload_wait_per_gb: perGiB } });
  h.emu.control.setFaults({ ghostUploadRate: 1, ghostUploadDelayMs: 60_000, ghostUploadStatuses: [504] });
  const controller = new AbortController();
  const logged = h.logs.length;
  const polls = () => h.logs.slice(logged).filter((l) => l.includes('ghost/interrupted.bin: upload failed, waiting')).length;
  const waiting = setInterval(() => {
    if (polls() > 0) controller.abort();
  }, 5);
  try {
    await assert.rejects(b.put('ghost/interrupted.bin', Readable.from([data]), { size: data.length, signal: controller.signal }), /HTTP 504/);
  } finally {
    clearInterval(waiting);
    h.emu.control.resetFaults();
  }
  assert.ok(polls() < 10, `the check stopped after ${polls()} polls, not 1000`);
});

test('an upload refused at connect (the server is gone) is not waited for: none of it can have arrived', async () => {
  const own = await startHarness();
  try {
    const b = await own.open({ options: { upload_wait_per_gb: 3_600_000_000 }, lowLevelRetries: 1 });
    // A folder we made is known to be empty, so the put goes straight to the upload.
    await b.mkdir('fresh');
    await own.emu.stop();
    await assert.rejects(put(b, 'fresh/refused.txt', 'small enough to be read whole before connecting'), (err: unknown) =>
      err instanceof RetryableError && /^POST http:\/\/127\.0\.0\.1:\d+\/cdproxy\/nodes.*connection refused \(ECONNREFUSED\)/.test(err.message));
    assert.ok(!own.logs.some((l) => /refused\.txt: upload (failed|check)/.test(l)), own.logs.join('\n'));
  } finally {
    await own.stop();
  }
});

test('an upload whose source fails mid-stream is not waited for, and leaves no file', async () => {
  const b = await h.open({ options: { upload_wait_per_gb: 3_600_000_000 } });
  async function* failing() {
    yield Buffer.alloc(2048, 'a');
    await new Promise((r) => setTimeout(r, 20));
    throw new Error('disk read failed');
  }
  const started = Date.now();
  await assert.rejects(b.put('cut.txt', Readable.from(failing()), { size: 100_000 }));
  assert.ok(Date.now() - started < 1000, 'no upload check wait');
  assert.ok(!h.logs.some((l) => /cut\.txt.*waiting/.test(l)));
  await assert.rejects(b.stat('cut.txt'), { code: 'ERR_NOT_FOUND' });
});
